import { requireUser } from '$lib/server/services/guards';
import * as register from '$lib/server/services/decision-register';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const { timeZone } = await event.parent();
	const { store, live } = event.locals.runtime;
	return { register: await register.userPage(store, live, user, event.url.searchParams, timeZone), board: null };
};
