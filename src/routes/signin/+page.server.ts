import { fail, redirect } from '@sveltejs/kit';
import * as accounts from '$lib/server/services/accounts';
import { mailEnabled } from '$lib/server/services/mail';
import { createSession } from '$lib/server/auth/sessions';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { safeRedirectTarget } from '$lib/server/services/guards';
import { audit } from '$lib/server/web/audit';
import { accountIdFor } from '$lib/server/services/audit';
import type { Actions, PageServerLoad } from './$types';
import { rememberLanguage } from '$lib/server/services/mail';
import { getLocale } from '$lib/paraglide/runtime.js';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo')));
	return { redirectTo: safeRedirectTarget(url.searchParams.get('redirectTo'), ''), mailEnabled: mailEnabled(locals.runtime.config) };
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
			await auditFailure(event, raw.email, result.errors._form);
			const status = result.errors._form === 'error_too_many_attempts' ? 429 : 400;
			return fail(status, { values: { email: raw.email }, errors: result.errors, params: result.params ?? {} });
		}
		await rememberLanguage(store, result.value.id, getLocale());
		const { token, session } = await createSession(store, result.value.id);
		setSessionCookie(event, token, session.expiresAt);
		await audit(event, { kind: 'sign-in', actor: result.value, subject: result.value.id });
		redirect(303, safeRedirectTarget(event.url.searchParams.get('redirectTo')));
	}
};

/**
 * A refused sign-in (wrong email or password, or throttled). What was typed as the email is not
 * kept: people type passwords into the email field, and the typed text is personal data either
 * way. When it names an account, the entry is about that account (subject), so its owner sees the
 * attempt among their own entries; otherwise only the address and the reason remain.
 */
async function auditFailure(event: Parameters<Actions['default']>[0], email: string, reason: string | undefined): Promise<void> {
	if (reason !== 'web_signin_failed' && reason !== 'error_too_many_attempts') return; // the form was incomplete: nothing was tried
	const accountId = await accountIdFor(event.locals.runtime.store, email).catch(() => null);
	await audit(event, {
		kind: 'sign-in-failed',
		actor: null,
		subject: accountId,
		details: { reason: reason === 'error_too_many_attempts' ? 'throttled' : 'credentials', account: accountId ? 'known' : 'unknown' }
	});
}
