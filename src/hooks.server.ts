import type { Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getRuntime } from '$lib/server/runtime';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/sessions';
import { setSessionCookie, deleteSessionCookie } from '$lib/server/auth/cookies';

/** The process's runtime (store, logger, live connections), created by the server entry. */
const handleRuntime: Handle = async ({ event, resolve }) => {
	event.locals.runtime = await getRuntime();
	return resolve(event);
};

/** Lucia-style session check; renews the cookie when the session's expiry slid forward. */
const handleSession: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	if (token) {
		const { session, user } = await validateSessionToken(event.locals.runtime.store, token);
		if (session) {
			setSessionCookie(event, token, session.expiresAt);
			event.locals.user = user;
			event.locals.session = session;
		} else {
			deleteSessionCookie(event);
		}
	}
	return resolve(event);
};

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%lang%', locale)
		});
	});

/** Baseline browser protections; a route that sets its own value (e.g. the invite page) keeps it. */
const SECURITY_HEADERS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'referrer-policy': 'strict-origin-when-cross-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=()'
};

const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		try {
			if (!response.headers.has(name)) response.headers.set(name, value);
		} catch {
			// immutable headers (a proxied fetch response): leave them as they are
		}
	}
	return response;
};

export const handle = sequence(handleSecurityHeaders, handleRuntime, handleSession, handleLocale);
