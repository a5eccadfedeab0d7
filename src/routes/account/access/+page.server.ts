import { fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/services/guards';
import * as needs from '$lib/server/services/access-needs';
import type { Actions, PageServerLoad } from './$types';

/** The person's own access needs (issue 12, point 11): only they read and change them here. */
export const load: PageServerLoad = async (event) => ({ needs: await needs.myNeeds(event.locals.runtime.store, requireUser(event)) });

export const actions: Actions = {
	save: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const language = form.get('interpretingLanguage');
		const values = { needs: form.getAll('needs').map(String), interpretingLanguage: typeof language === 'string' ? language : '' };
		const result = await needs.saveNeeds(event.locals.runtime.store, user, values);
		if (!result.ok) return fail(400, { values, errors: result.errors });
		return { saved: result.value.needs.length > 0, cleared: result.value.needs.length === 0 };
	},
	clear: async (event) => {
		await needs.clearNeeds(event.locals.runtime.store, requireUser(event));
		return { cleared: true, saved: false };
	}
};
