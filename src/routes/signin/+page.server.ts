import { fail, redirect } from '@sveltejs/kit';
import * as accounts from '$lib/server/services/accounts';
import { createSession } from '$lib/server/auth/sessions';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { safeRedirectTarget } from '$lib/server/services/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo')));
	return { redirectTo: safeRedirectTarget(url.searchParams.get('redirectTo'), '') };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const email = form.get('email');
		const password = form.get('password');
		const raw = { email: typeof email === 'string' ? email : '', password: typeof password === 'string' ? password : '' };
		const { store } = event.locals.runtime;
		const result = await accounts.signIn(store, raw, event.getClientAddress());
		if (!result.ok) {
			const status = result.errors._form === 'error_too_many_attempts' ? 429 : 400;
			return fail(status, { values: { email: raw.email }, errors: result.errors, params: result.params ?? {} });
		}
		const { token, session } = await createSession(store, result.value.id);
		setSessionCookie(event, token, session.expiresAt);
		redirect(303, safeRedirectTarget(event.url.searchParams.get('redirectTo')));
	}
};
