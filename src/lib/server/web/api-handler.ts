import { createHash } from 'node:crypto';
import { isHttpError, json, type RequestEvent, type RequestHandler } from '@sveltejs/kit';
import * as v from 'valibot';
import { fieldErrors } from '$lib/domain/schemas';
import type { Endpoint } from '$lib/server/api/endpoints';
import { ApiProblem } from '$lib/server/api/problem';
import type { ApiCaller } from '$lib/server/services/api-tokens';
import { DocumentSealedError, type Runtime } from '$lib/server/runtime';
import type { Store } from '$lib/server/store/types';
import { apiLocale, apiProblem, type ApiLocale } from './problem';

/**
 * One operation of /api/v1 as a SvelteKit request handler (issue 15). The route names its entry of
 * api/endpoints.ts and hands over what to do; this checks the token's scope, validates the query and
 * the body with the entry's valibot schemas, answers JSON with an ETag (304 to a matching
 * If-None-Match), and turns an ApiProblem (or a database outage, or a sealed document) into RFC 9457
 * problem details in the caller's language. The rules themselves stay in the services.
 */
type Out<S> = S extends v.GenericSchema ? v.InferOutput<S> : undefined;

export interface ApiContext<E extends Endpoint> {
	caller: ApiCaller;
	store: Store;
	live: Runtime['live'];
	params: Record<string, string>;
	query: Out<E['query']>;
	body: Out<E['body']>;
	url: URL;
	/** The app's public origin (ORIGIN, else the request's own), for absolute addresses. */
	origin: string;
	locale: ApiLocale;
	/** Names the board the request concerns, for its audit entry (hooks.server.ts writes it). */
	concerns(boardId: string): void;
}

/** A request body is small JSON: an action or an ask is a few sentences. */
const MAX_BODY_BYTES = 64 * 1024;

export function apiHandler<E extends Endpoint>(endpoint: E, run: (ctx: ApiContext<E>) => Promise<unknown>): RequestHandler {
	return async (event) => {
		const caller = event.locals.apiCaller;
		if (!caller) throw new Error('hooks.server.ts answers 401 before a request without a caller reaches /api/v1');
		const { request } = event;
		try {
			if (!caller.token.scopes.includes(endpoint.scope)) {
				throw new ApiProblem('insufficient-scope', {}, { scope: endpoint.scope });
			}
			if (endpoint.personal && caller.token.boardId) throw new ApiProblem('forbidden');
			const query = endpoint.query ? parse(endpoint.query, Object.fromEntries(event.url.searchParams)) : undefined;
			const body = endpoint.body ? parse(endpoint.body, await readJson(request)) : undefined;
			const { store, live } = event.locals.runtime;
			const ctx = {
				caller,
				store,
				live,
				params: event.params as Record<string, string>,
				query,
				body,
				url: event.url,
				origin: event.locals.runtime.config.origin ?? event.url.origin,
				locale: apiLocale(request),
				concerns: (boardId: string) => void (event.locals.apiBoardId = boardId)
			} as ApiContext<E>;
			const result = await run(ctx);
			if (result instanceof Response) return result;
			return jsonAnswer(event, result, endpoint.status ?? 200);
		} catch (error) {
			return problemFor(event, error);
		}
	};
}

function parse(schema: v.GenericSchema, input: unknown) {
	const parsed = v.safeParse(schema, input);
	if (!parsed.success) throw new ApiProblem('invalid-request', fieldErrors(parsed.issues));
	return parsed.output;
}

async function readJson(request: Request): Promise<unknown> {
	if (!/^application\/(.+\+)?json\b/i.test(request.headers.get('content-type') ?? '')) throw new ApiProblem('invalid-request', { _form: 'api_error_json_required' });
	const text = await request.text();
	if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new ApiProblem('invalid-request', { _form: 'api_error_body_too_large' });
	try {
		return JSON.parse(text);
	} catch {
		throw new ApiProblem('invalid-request', { _form: 'api_error_json_required' });
	}
}

/**
 * JSON with a weak ETag of its bytes, revalidated on every use (`no-cache`, never a shared cache:
 * it is one caller's view). A GET whose If-None-Match holds the same tag gets 304 and no body.
 */
function jsonAnswer(event: RequestEvent, value: unknown, status: number): Response {
	const body = JSON.stringify(value);
	const headers: Record<string, string> = { 'cache-control': 'private, no-cache', vary: 'Accept-Language, Authorization' };
	if (event.request.method === 'GET') {
		const etag = `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
		headers.etag = etag;
		if (matches(event.request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
	}
	return json(value, { status, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
}

/** If-None-Match compares weakly (RFC 9110 §13.1.2): `*`, or any listed tag with or without W/. */
function matches(header: string | null, etag: string): boolean {
	if (!header) return false;
	if (header.trim() === '*') return true;
	const bare = (tag: string) => tag.trim().replace(/^W\//, '');
	return header.split(',').some((tag) => bare(tag) === bare(etag));
}

function problemFor(event: RequestEvent, error: unknown): Response {
	const { request } = event;
	if (error instanceof ApiProblem) {
		const headers: Record<string, string> = {};
		if (error.kind === 'insufficient-scope') headers['www-authenticate'] = `Bearer realm="samtavla", error="insufficient_scope", scope="${String(error.params.scope)}"`;
		return apiProblem(request, error, headers);
	}
	if (error instanceof DocumentSealedError) return apiProblem(request, new ApiProblem('sealed'));
	// The database cannot be reached: pagesStore has logged it and thrown SvelteKit's 503.
	if (isHttpError(error, 503)) return apiProblem(request, new ApiProblem('unavailable'), { 'retry-after': '30' });
	throw error;
}
