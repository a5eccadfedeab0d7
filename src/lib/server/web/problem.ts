import { baseLocale, extractLocaleFromHeader } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages.js';
import * as keyed from '$lib/i18n/keyed-messages';
import type { ApiAuthFailure } from '$lib/server/services/api-tokens';
import type { ApiProblem, ApiProblemKind } from '$lib/server/api/problem';

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

type Text = (locale: ApiLocale, params: Record<string, string | number>) => string;
const TEXTS: Record<ApiProblemKind, { title: Text; detail: Text }> = {
	'not-found': { title: (locale) => m.api_problem_not_found_title({}, { locale }), detail: (locale) => m.api_problem_not_found_detail({}, { locale }) },
	'insufficient-scope': {
		title: (locale) => m.api_problem_insufficient_scope_title({}, { locale }),
		detail: (locale, p) => m.api_problem_insufficient_scope_detail({ scope: String(p.scope) }, { locale })
	},
	forbidden: { title: (locale) => m.api_problem_forbidden_title({}, { locale }), detail: (locale) => m.api_problem_forbidden_detail({}, { locale }) },
	'invalid-request': { title: (locale) => m.api_problem_invalid_request_title({}, { locale }), detail: (locale) => m.api_problem_invalid_request_detail({}, { locale }) },
	'rate-limited': {
		title: (locale) => m.api_problem_rate_limited_title({}, { locale }),
		detail: (locale, p) => m.api_problem_rate_limited_detail({ limit: String(p.limit), seconds: String(p.seconds) }, { locale })
	},
	unavailable: { title: (locale) => m.api_problem_unavailable_title({}, { locale }), detail: (locale) => m.api_problem_unavailable_detail({}, { locale }) },
	sealed: { title: (locale) => m.api_problem_sealed_title({}, { locale }), detail: (locale) => m.api_problem_sealed_detail({}, { locale }) }
};

const keyedMessages = keyed as unknown as Record<string, (inputs: Record<string, unknown>, options: { locale: ApiLocale }) => string>;

/** A field error's message key in the caller's language (the key itself stays in `code`). */
function fieldMessage(key: string, params: Record<string, string | number>, locale: ApiLocale): string {
	const message = Object.hasOwn(keyedMessages, key) ? keyedMessages[key] : keyedMessages.error_invalid;
	return message(params, { locale });
}

/** An ApiProblem as problem details; a 422 lists each field's error (`errors`, RFC 9457 §3.2 extension). */
export function apiProblem(request: Request, error: ApiProblem, headers: Record<string, string> = {}): Response {
	const locale = apiLocale(request);
	const text = TEXTS[error.kind];
	const response = problem(request, error.status, error.kind, text.title(locale, error.params), text.detail(locale, error.params), headers);
	if (error.kind !== 'invalid-request') return response;
	const errors = Object.entries(error.errors).map(([field, code]) => ({ field, code, message: fieldMessage(code, error.params, locale) }));
	const body = { type: `urn:samtavla:problem:${error.kind}`, title: text.title(locale, error.params), status: error.status, detail: text.detail(locale, error.params), errors };
	return new Response(JSON.stringify(body), { status: error.status, headers: response.headers });
}
