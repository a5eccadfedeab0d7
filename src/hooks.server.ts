import { NOTES_IN_HTML_MARKER } from '$lib/domain/minutes-html';
import { isHttpError, redirect, type Handle, type HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getRuntime } from '$lib/server/runtime';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/sessions';
import { setSessionCookie, deleteSessionCookie } from '$lib/server/auth/cookies';
import { pagesStore } from '$lib/server/web/unavailable';
import { crossSiteRefusal, isCrossSiteForm } from '$lib/server/web/csrf';
import { reportUnexpectedError } from '$lib/server/web/unexpected-error';
import * as guests from '$lib/server/services/guests';
import { guestMayOpen } from '$lib/domain/guests';
import { registerMailHooks } from '$lib/server/mail/hooks';
import { liveMailHooks } from '$lib/server/web/mail-hooks';
import { authenticateApiRequest, recordApiUse } from '$lib/server/services/api-tokens';
import { apiProblem, unauthorized } from '$lib/server/web/problem';
import { ApiProblem } from '$lib/server/api/problem';
import { rateLimitHeaders, TokenRateLimiter } from '$lib/server/api/rate-limit';

// E-mail caused by the live documents (an action assigned) is written here, where the messages are.
registerMailHooks(liveMailHooks);

/**
 * The process's runtime (store, logger, live connections), created by the server entry. Pages get
 * the store through `pagesStore`: a database that cannot be reached becomes a 503 page.
 */
const handleRuntime: Handle = async ({ event, resolve }) => {
	const runtime = await getRuntime();
	event.locals.runtime = { ...runtime, store: pagesStore(runtime.store, runtime.logger) };
	return resolve(event);
};

/** The versioned JSON API (issue 15): its own paths, where only a bearer token says who calls. */
const isApiPath = (pathname: string) => pathname === '/api/v1' || pathname.startsWith('/api/v1/');

/** One count per process, made with the first API request (the limit is config: API_RATE_LIMIT). */
let rateLimiter: TokenRateLimiter | undefined;

/**
 * /api/v1 knows callers by `Authorization: Bearer` only, never by the session cookie (so a page on
 * another site cannot use a signed-in browser: no CSRF there). No usable token: a 401 problem here,
 * for every path under it, before any route runs. A token past its requests for the minute gets
 * 429; every answer says what is left (RateLimit headers), and every use goes into the audit log.
 */
const handleApi: Handle = async ({ event, resolve }) => {
	event.locals.apiCaller = null;
	if (!isApiPath(event.url.pathname)) return resolve(event);
	// The OpenAPI description is public documentation: no token, no rate limit, no audit entry.
	if (event.url.pathname === '/api/v1/openapi.json') return resolve(event);
	const { store, config, logger } = event.locals.runtime;
	const auth = await authenticateApiRequest(store, event.request.headers.get('authorization'));
	if (!auth.ok) return unauthorized(event.request, auth.reason);
	event.locals.apiCaller = auth.caller;
	rateLimiter ??= new TokenRateLimiter(config.apiRateLimit);
	const decision = rateLimiter.take(auth.caller.token.id);
	const limits = rateLimitHeaders(decision);
	if (!decision.allowed) {
		const refusal = new ApiProblem('rate-limited', {}, { limit: decision.limit, seconds: decision.resetSeconds });
		return apiProblem(event.request, refusal, { ...limits, 'retry-after': String(decision.resetSeconds) });
	}
	const response = await resolve(event);
	try {
		for (const [name, value] of Object.entries(limits)) response.headers.set(name, value);
	} catch {
		// immutable headers: the answer stands without them
	}
	try {
		await recordApiUse(store, auth.caller, {
			method: event.request.method,
			route: event.route.id ?? event.url.pathname.slice(0, 200),
			status: response.status,
			boardId: event.locals.apiBoardId ?? null,
			address: event.getClientAddress()
		});
	} catch (error) {
		// The answer is made; a log entry that could not be written is said in the log, not to the caller.
		logger.error({ err: error, path: event.url.pathname }, 'could not record an API request in the audit log');
	}
	return response;
};

/** Lucia-style session check; renews the cookie when the session's expiry slid forward. */
const handleSession: Handle = async ({ event, resolve }) => {
	const token = isApiPath(event.url.pathname) ? undefined : event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	event.locals.guest = null;
	event.locals.storeUnavailable = null;
	if (token) {
		try {
			const { session, user } = await validateSessionToken(event.locals.runtime.store, token);
			// A guest whose link expired or was revoked is signed out: the link was their only key.
			const guest = user?.guest ? await guests.activeGuest(event.locals.runtime.store, user) : null;
			if (session && (!user.guest || guest)) {
				setSessionCookie(event, token, session.expiresAt);
				event.locals.user = user;
				event.locals.session = session;
				event.locals.guest = guest;
			} else {
				deleteSessionCookie(event);
			}
		} catch (error) {
			// The database is down: not known who this is. Pages that need it answer 503 (requireUser),
			// rendered by +error.svelte; an error thrown here would get SvelteKit's bare fallback page.
			if (!isHttpError(error, 503)) throw error;
			event.locals.storeUnavailable = error.body;
		}
	}
	return resolve(event);
};

/** A guest of one meeting sees that meeting's simple view and nothing else (domain/guests.ts). */
const handleGuest: Handle = ({ event, resolve }) => {
	const guest = event.locals.guest;
	if (guest && !guestMayOpen(event.url.pathname, guest.meetingId)) redirect(303, `/meetings/${guest.meetingId}/easy`);
	return resolve(event);
};

/** The meeting's notes go into the page once, where its preview left the marker (minutes-html.ts). */
const withNotes = (html: string, notes: string | undefined) => (notes === undefined ? html : html.replace(NOTES_IN_HTML_MARKER, () => notes));

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			// Easy mode is set on <html> so that every rem (text, spacing, targets) grows with it.
			transformPageChunk: ({ html }) =>
				withNotes(html.replace('%lang%', locale).replace('%samtavla.mode%', event.locals.user?.easyMode ? 'easy' : 'standard'), event.locals.notesHtml)
		});
	});

/**
 * SvelteKit's check is off (svelte.config.js) so that a refused form gets a translated page. The
 * API is exempt: it reads no cookie, so a cross-site form can do nothing there but be refused as
 * not JSON (a 422 problem, which is what an API client should see).
 */
const handleCsrf: Handle = ({ event, resolve }) => {
	if (!isApiPath(event.url.pathname) && isCrossSiteForm(event.request, event.url)) return crossSiteRefusal(event.request);
	return resolve(event);
};

/** Baseline browser protections; a route that sets its own value (e.g. the invite page) keeps it. */
const SECURITY_HEADERS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'referrer-policy': 'strict-origin-when-cross-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=()'
};

/** A year, and subdomains: once a browser has seen the app over HTTPS it never tries plain HTTP. */
const HSTS = 'max-age=31536000; includeSubDomains';

const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers: Record<string, string> = { ...SECURITY_HEADERS };
	// event.url is https: when ORIGIN is https:// or adapter-node's PROTOCOL_HEADER said so; never on plain HTTP.
	if (event.url.protocol === 'https:') headers['strict-transport-security'] = HSTS;
	// Signing out leaves nothing of the person on the device (issue 14): the offline copies of their
	// documents (IndexedDB), the pages the service worker kept, and the worker itself.
	if (event.request.method === 'POST' && event.url.pathname === '/signout') headers['clear-site-data'] = '"cache", "storage"';
	try {
		for (const [name, value] of Object.entries(headers)) {
			if (!response.headers.has(name)) response.headers.set(name, value);
		}
		const csp = response.headers.get('content-security-policy');
		if (csp) response.headers.set('content-security-policy', withWebsocketSource(csp, event.url));
	} catch {
		// immutable headers (a proxied fetch response): leave them as they are
	}
	return response;
};

/**
 * kit.csp's `connect-src 'self'` plus this host's websocket origin (the live documents): older
 * browsers do not count ws:/wss: as 'self', and the host is only known per request.
 */
function withWebsocketSource(csp: string, url: URL): string {
	const ws = `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
	return csp.replace(/(^|;\s*)connect-src 'self'(?=;|$)/, `$1connect-src 'self' ${ws}`);
}

export const handle = sequence(handleSecurityHeaders, handleCsrf, handleRuntime, handleSession, handleApi, handleGuest, handleLocale);

/** Unexpected errors: logged with an id that the error page shows (`App.Error.errorId`). */
export const handleError: HandleServerError = ({ error, event, status, message }) =>
	reportUnexpectedError(event.locals.runtime?.logger, { error, status, message, method: event.request.method, path: event.url.pathname });
