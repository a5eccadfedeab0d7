import { requireUser } from '$lib/server/services/guards';
import * as calendar from '$lib/server/services/calendar';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return { activeSince: await calendar.activeCalendarSince(event.locals.runtime.store, user.id) };
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireUser(event);
		const { store, config } = event.locals.runtime;
		const token = await calendar.createCalendarToken(store, user.id);
		// The only time the secret exists outside the person's calendar program: shown once.
		const origin = config.origin ?? event.url.origin;
		return { created: { url: `${origin}/calendar/${token}.ics?lang=${getLocale()}` } };
	},

	revoke: async (event) => {
		const user = requireUser(event);
		await calendar.revokeCalendarToken(event.locals.runtime.store, user.id);
		return { revoked: true };
	}
};
