import { fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/services/guards';
import { createApiToken, listApiTokens, revokeApiToken } from '$lib/server/services/api-tokens';
import type { Actions, PageServerLoad } from './$types';

/** The person's access tokens for the JSON API (issue 15): make one (shown once), see them, revoke. */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	event.setHeaders({ 'cache-control': 'no-store' });
	return { tokens: await listApiTokens(event.locals.runtime.store, user) };
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const result = await createApiToken(event.locals.runtime.store, user, { name: form.get('name'), scope: form.get('scope'), days: form.get('days') });
		if (!result.ok) return fail(400, { errors: result.errors, values: { name: String(form.get('name') ?? '') } });
		// The only time the token is seen; the page that shows it is never cached (load sets no-store).
		return { created: { token: result.value.token, name: result.value.apiToken.name } };
	},
	revoke: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const revoked = await revokeApiToken(event.locals.runtime.store, user, String(form.get('id') ?? ''));
		return revoked ? { revoked: true } : fail(404, { errors: { _form: 'error_invalid' } });
	}
};
