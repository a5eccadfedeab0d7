import type { SupabaseClient } from '@supabase/supabase-js';
import type { Row } from '../rows.js';

/**
 * What every supabase-js query resolves to. Errors come back as values (PostgREST's JSON error,
 * or a fetch failure turned into one); these helpers turn them into thrown errors, like the SQL
 * drivers throw, so callers of the Store see one behaviour whatever the adapter.
 */
export interface QueryResult {
	data: unknown;
	error: { code?: string; message?: string; details?: string | null; hint?: string | null } | null;
	status: number;
	count?: number | null;
}

/**
 * A failed request to the Data API. The message names the table or function and carries
 * PostgREST's (or PostgreSQL's) code and message, e.g. 23505 for a unique violation; never the
 * request's headers (the service role key) and never PostgREST's `details`, which may quote row
 * values. When no response came, the network cause (e.g. `connect ECONNREFUSED host:port`).
 */
export class SupabaseStoreError extends Error {
	readonly code: string;
	readonly status: number;
	constructor(readonly target: string, result: Pick<QueryResult, 'error' | 'status'>) {
		const { code = '', message = '', hint, details } = result.error ?? {};
		const status = result.status ? ` (HTTP ${result.status})` : ' (no response)';
		// supabase-js reports a failed fetch with "Caused by: <name>: <message> (<code>)" and a stack in details.
		const cause = result.status ? undefined : /Caused by: \w+: ([^\n]+)/.exec(details ?? '')?.[1];
		super(
			`Supabase ${target} failed${status}: ${[code, message].filter(Boolean).join(' ') || 'no error message'}` +
				(cause ? ` (${cause})` : '') +
				(hint ? ` — hint: ${hint}` : '')
		);
		this.name = 'SupabaseStoreError';
		this.code = code;
		this.status = result.status;
	}
}

/** The data of a successful result; throws SupabaseStoreError otherwise. */
export function dataOf(target: string, result: QueryResult): unknown {
	if (result.error) throw new SupabaseStoreError(target, result);
	return result.data;
}

/** Rows of a select (or of a set-returning function). */
export function rowsOf(target: string, result: QueryResult): Row[] {
	const data = dataOf(target, result);
	if (!Array.isArray(data)) throw new SupabaseStoreError(target, { status: result.status, error: { message: 'expected an array of rows' } });
	return data as Row[];
}

/** The row of a `.maybeSingle()` select, or null. */
export function rowOf(target: string, result: QueryResult): Row | null {
	const data = dataOf(target, result);
	return data == null ? null : (data as Row);
}

/** The total of a `count: 'exact'` request (PostgREST's Content-Range). */
export function countOf(target: string, result: QueryResult): number {
	dataOf(target, result);
	if (typeof result.count !== 'number') throw new SupabaseStoreError(target, { status: result.status, error: { message: 'no count in the response' } });
	return result.count;
}

/** Calls a store function (`POST /rest/v1/rpc/<fn>`, one transaction) and returns its JSON result. */
export async function rpc(db: SupabaseClient, fn: string, args: Record<string, unknown>): Promise<unknown> {
	return dataOf(`rpc ${fn}`, await db.rpc(fn, args));
}

/** Rows per request. Not above Supabase's default `max-rows` (1000), though paging stays right if a project sets it lower. */
export const PAGE_ROWS = 1000;

/**
 * Every row of a select. PostgREST returns at most `max-rows` rows per request and says nothing
 * when it cuts, so lists are read page by page until the exact count (Content-Range) is reached.
 * `page` must ask for `count: 'exact'` and order by a unique key (or rows could repeat or go
 * missing between pages).
 */
export async function selectAll(target: string, page: (from: number, to: number) => PromiseLike<QueryResult>): Promise<Row[]> {
	const all: Row[] = [];
	for (;;) {
		const result = await page(all.length, all.length + PAGE_ROWS - 1);
		const rows = rowsOf(target, result);
		all.push(...rows);
		if (rows.length === 0 || all.length >= countOf(target, result)) return all;
	}
}
