import { baseLocale, extractLocaleFromHeader } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages.js';
import type { ApiAuthFailure } from '$lib/server/services/api-tokens';

/**
 * RFC 9457 problem details for /api/v1: `application/problem+json` with type, title, status and
 * detail, title and detail in the caller's language from Accept-Language only (an API client
 * sends no locale cookie, and one that does should not get another language than it asked for).
 * The type is a URN: it names the problem and promises no page behind it.
 */
export type ApiLocale = 'sv' | 'en' | 'da';

export function apiLocale(request: Request): ApiLocale {
	return (extractLocaleFromHeader(request) ?? baseLocale) as ApiLocale;
}

export function problem(request: Request, status: number, type: string, title: string, detail: string, headers: Record<string, string> = {}): Response {
	const body = { type: `urn:samtavla:problem:${type}`, title, status, detail };
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/problem+json; charset=utf-8', 'content-language': apiLocale(request), 'cache-control': 'no-store', vary: 'Accept-Language, Authorization', ...headers }
	});
}

const DETAILS: Record<ApiAuthFailure, (locale: ApiLocale) => string> = {
	missing: (locale) => m.api_problem_token_missing_detail({}, { locale }),
	malformed: (locale) => m.api_problem_token_malformed_detail({}, { locale }),
	invalid: (locale) => m.api_problem_token_invalid_detail({}, { locale })
};

/** 401 for a request without a usable token, with the challenge RFC 6750 asks for. */
export function unauthorized(request: Request, reason: ApiAuthFailure): Response {
	const locale = apiLocale(request);
	const challenge = reason === 'missing' ? 'Bearer realm="samtavla"' : 'Bearer realm="samtavla", error="invalid_token"';
	return problem(request, 401, `token-${reason}`, m.api_problem_unauthorized_title({}, { locale }), DETAILS[reason](locale), { 'www-authenticate': challenge });
}
