import type { MeetingGuest, Session, User } from '$lib/server/store/types';
import type { Runtime } from '$lib/server/runtime';
import type { ApiCaller } from '$lib/server/services/api-tokens';

declare global {
	namespace App {
		interface Locals {
			runtime: Runtime;
			user: User | null;
			session: Session | null;
			/** A guest of one meeting (user.guest), while their link holds: they may go nowhere else. */
			guest: MeetingGuest | null;
			/** Set when the session could not be checked because the database is down (the 503's body). */
			storeUnavailable: App.Error | null;
			/** On /api/v1 only: the caller its bearer token names (hooks.server.ts); the session cookie never counts there. */
			apiCaller: ApiCaller | null;
			/** The board an API request turned out to concern, for its audit entry (web/api-handler.ts). */
			apiBoardId?: string;
			/** The notes' preview as HTML, put into the page in place of its marker (minutes-html.ts). */
			notesHtml?: string;
		}
		interface Error {
			message: string;
			/** The id logged with the cause (`errorId` in the log), shown on the error page. */
			errorId?: string;
		}
	}
}

export {};
