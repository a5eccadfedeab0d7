import { requireUser } from '$lib/server/services/guards';
import { accountPage } from '$lib/server/services/my-data';
import type { PageServerLoad } from './$types';

/** The person's own account: who they are here, their data to take away, and erasure. */
export const load: PageServerLoad = async (event) => accountPage(event.locals.runtime.store, requireUser(event));
