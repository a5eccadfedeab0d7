import type { Session, User } from '$lib/server/store/types';
import type { Runtime } from '$lib/server/runtime';

declare global {
	namespace App {
		interface Locals {
			runtime: Runtime;
			user: User | null;
			session: Session | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
