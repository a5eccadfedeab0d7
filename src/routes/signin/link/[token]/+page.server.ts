import { fail, redirect } from '@sveltejs/kit';
import { useSignInLink } from '$lib/server/services/sign-in-links';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { audit } from '$lib/server/web/audit';
import type { Actions, PageServerLoad } from './$types';

/**
 * Where a sign-in link lands: one button. Signing in is the POST, so that a mail scanner or link
 * preview fetching the page does not use up the link (it works once).
 */
export const load: PageServerLoad = ({ setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'same-origin' });
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const result = await useSignInLink(event.locals.runtime.store, event.params.token);
		if (!result.ok) return fail(400, { errors: result.errors });
		setSessionCookie(event, result.value.token, result.value.session.expiresAt);
		await audit(event, { kind: 'sign-in', actor: result.value.user, subject: result.value.user.id, details: { with: 'link' } });
		redirect(303, '/boards');
	}
};
