import { fail, redirect } from '@sveltejs/kit';
import * as mail from '$lib/server/services/mail';
import { requestSignInLink } from '$lib/server/services/sign-in-links';
import type { Actions, PageServerLoad } from './$types';

/** Asking for a one-time sign-in link by e-mail (issue 14): a plain form, works without JavaScript. */
export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/boards');
	return { mailEnabled: mail.mailEnabled(locals.runtime.config) };
};

export const actions: Actions = {
	default: async (event) => {
		const { store, config } = event.locals.runtime;
		const form = await event.request.formData();
		const email = form.get('email');
		const values = { email: typeof email === 'string' ? email : '' };
		if (!mail.mailEnabled(config)) return fail(400, { values, errors: { _form: 'signin_link_mail_off' } });
		const origin = config.origin ?? event.url.origin;
		const send = (user: Parameters<typeof mail.signInLink>[2]['user'], link: string, expiresAt: Date) => mail.signInLink({ store, config }, origin, { user, link, expiresAt });
		const result = await requestSignInLink({ store, send }, values, event.getClientAddress(), origin);
		if (!result.ok) return fail(result.errors._form === 'error_too_many_attempts' ? 429 : 400, { values, errors: result.errors, params: result.params ?? {} });
		// The same answer whether or not the address has an account.
		return { sent: true };
	}
};
