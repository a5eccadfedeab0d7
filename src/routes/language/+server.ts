import { redirect } from '@sveltejs/kit';
import { cookieMaxAge, cookieName, isLocale } from '$lib/paraglide/runtime.js';
import { safeRedirectTarget } from '$lib/server/services/guards';
import { rememberLanguage } from '$lib/server/services/mail';
import type { RequestHandler } from './$types';

/** The language switch without JavaScript: the same cookie Paraglide's setLocale writes. */
export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	const form = await request.formData();
	const locale = form.get('locale');
	if (typeof locale === 'string' && isLocale(locale)) {
		cookies.set(cookieName, locale, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax' });
		// E-mail follows the language the person uses the app in.
		if (locals.user && locals.runtime) await rememberLanguage(locals.runtime.store, locals.user.id, locale);
	}
	const back = form.get('redirectTo');
	redirect(303, safeRedirectTarget(typeof back === 'string' ? back : null, '/'));
};
