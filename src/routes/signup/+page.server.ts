import { fail, redirect } from '@sveltejs/kit';
import * as accounts from '$lib/server/services/accounts';
import { createSession } from '$lib/server/auth/sessions';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { safeRedirectTarget } from '$lib/server/services/guards';
import { audit } from '$lib/server/web/audit';
import type { Actions, PageServerLoad } from './$types';
import { rememberLanguage } from '$lib/server/services/mail';
import { getLocale } from '$lib/paraglide/runtime.js';

const FIELDS = ['displayName', 'email', 'agencyChoice', 'agencyId', 'newAgencyName', 'newAgencyKind'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo')));
	return {
		agencies: await accounts.agencies(locals.runtime.store),
		redirectTo: safeRedirectTarget(url.searchParams.get('redirectTo'), '')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const raw: Record<string, string> = {};
		for (const field of [...FIELDS, 'password'] as const) {
			const value = form.get(field);
			if (typeof value === 'string') raw[field] = value;
		}
		// The password is never sent back into the page.
		const values = Object.fromEntries(FIELDS.map((field) => [field, raw[field] ?? '']));
		const { store } = event.locals.runtime;
		const result = await accounts.signUp(store, raw);
		if (!result.ok) return fail(400, { values, errors: result.errors, params: result.params ?? {} });

		await rememberLanguage(store, result.value.id, getLocale());
		const { token, session } = await createSession(store, result.value.id);
		setSessionCookie(event, token, session.expiresAt);
		event.locals.runtime.logger.info({ userId: result.value.id }, 'account created');
		await audit(event, { kind: 'account-created', actor: result.value, subject: result.value.id });
		redirect(303, safeRedirectTarget(event.url.searchParams.get('redirectTo')));
	}
};
