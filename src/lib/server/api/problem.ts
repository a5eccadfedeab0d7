import type { ErrorKey } from '../../domain/error-keys.js';

/**
 * Why the API refuses a request, thrown by the API's services and written by the route's handler
 * (web/api-handler.ts) as RFC 9457 problem details in the caller's language. Each kind has its
 * status and its title and detail messages (`api_problem_<kind>_title|detail`, area `api`).
 */
export const API_PROBLEMS = {
	'not-found': 404,
	'insufficient-scope': 403,
	forbidden: 403,
	'invalid-request': 422,
	'rate-limited': 429,
	unavailable: 503,
	sealed: 409
} as const;
export type ApiProblemKind = keyof typeof API_PROBLEMS;

export class ApiProblem extends Error {
	readonly status: number;
	constructor(
		readonly kind: ApiProblemKind,
		/** For 422: the field errors as the forms have them (a message key per field, `_form` for the whole). */
		readonly errors: Record<string, ErrorKey> = {},
		readonly params: Record<string, string | number> = {}
	) {
		super(`API problem: ${kind}`);
		this.name = 'ApiProblem';
		this.status = API_PROBLEMS[kind];
	}
}

export const notFound = () => new ApiProblem('not-found');
export const forbidden = () => new ApiProblem('forbidden');
