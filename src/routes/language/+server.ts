import { redirect } from '@sveltejs/kit';
import { cookieMaxAge, cookieName, isLocale } from '$lib/paraglide/runtime.js';
import { safeRedirectTarget } from '$lib/server/services/guards';
import type { RequestHandler } from './$types';

/** The language switch without JavaScript: the same cookie Paraglide's setLocale writes. */
export const POST: RequestHandler = async ({ request, cookies }) => {
	const form = await request.formData();
	const locale = form.get('locale');
	if (typeof locale === 'string' && isLocale(locale)) {
		cookies.set(cookieName, locale, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax' });
	}
	const back = form.get('redirectTo');
	redirect(303, safeRedirectTarget(typeof back === 'string' ? back : null, '/'));
};
