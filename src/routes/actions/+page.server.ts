import { requireUser } from '$lib/server/services/guards';
import * as register from '$lib/server/services/action-register';
import { feedbackReader } from '$lib/server/services/asks';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const { timeZone } = await event.parent();
	const { store, live } = event.locals.runtime;
	return register.page(store, user, event.url.searchParams, timeZone, undefined, feedbackReader(live));
};
