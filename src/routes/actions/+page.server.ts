import { requireUser } from '$lib/server/services/guards';
import * as register from '$lib/server/services/action-register';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const { timeZone } = await event.parent();
	return register.page(event.locals.runtime.store, user, event.url.searchParams, timeZone);
};
