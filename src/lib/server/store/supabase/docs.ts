import type { SupabaseClient } from '@supabase/supabase-js';
import type { Store, StoredDoc } from '../types.js';
import { appendArgs, appendManyArgs, appendManyResults, EMPTY_APPEND, historyEntries, historyLimit } from '../function-args.js';
import { DOC_PURGED_SQLSTATE, DocumentPurgedError, FENCED_OUT_SQLSTATE, FencedOutError } from '../fencing.js';
import { fromPostgrestBytea, toPostgrestBytea } from './bytea.js';
import { dataOf, rowOf, rowsOf, rpc, type QueryResult } from './request.js';

/**
 * The Yjs update log through the store functions. Bytes travel as PostgREST's hex bytea text
 * (bytea.ts), each way. A fenced write passes its token to the function, which names it for the
 * request's transaction (one PostgREST request is one transaction), so the database's fencing
 * triggers see it.
 */
export function docs(db: SupabaseClient): Store['docs'] {
	/** Like dataOf, but a write refused by the fencing triggers becomes the Store's FencedOutError. */
	function written(fn: string, docName: string, result: QueryResult): unknown {
		if (result.error?.code === FENCED_OUT_SQLSTATE) throw new FencedOutError(docName);
		if (result.error?.code === DOC_PURGED_SQLSTATE) throw new DocumentPurgedError(docName);
		return dataOf(`rpc ${fn}`, result);
	}

	const api: Store['docs'] = {
		async load(docName) {
			// samtavla_doc_load returns exactly one row; `.single()` asks PostgREST for it as an object.
			const row = rowOf('rpc samtavla_doc_load', await db.rpc('samtavla_doc_load', { p_doc_name: docName }).single());
			if (!row) throw new TypeError('samtavla_doc_load returned no row');
			return storedDoc(row, docName, 'samtavla_doc_load');
		},
		async loadMany(docNames) {
			if (docNames.length === 0) return [];
			// One request (one snapshot) for all of them, each read as `load` reads it.
			const rows = rowsOf('rpc samtavla_doc_load_many', await db.rpc('samtavla_doc_load_many', { p_doc_names: docNames }));
			if (rows.length !== docNames.length) throw new TypeError(`samtavla_doc_load_many returned ${rows.length} rows for ${docNames.length} names`);
			const loaded: StoredDoc[] = new Array(docNames.length);
			for (const row of rows) {
				const n = Number(row.ask_n) - 1;
				loaded[n] = storedDoc(row, docNames[n], 'samtavla_doc_load_many');
			}
			return loaded;
		},
		async append(docName, updates, fence) {
			if (updates.length === 0) throw new Error(EMPTY_APPEND);
			const { bytes, authors } = appendArgs(updates);
			// p_authors as JSON (not its text): PostgREST hands a JSON value to a jsonb argument as is.
			const args = { p_doc_name: docName, p_updates: bytes.map(toPostgrestBytea), p_fence: fence ?? null, p_authors: authors === null ? null : JSON.parse(authors) };
			return Number(written('samtavla_doc_append', docName, await db.rpc('samtavla_doc_append', args)));
		},
		async appendMany(batches) {
			if (batches.length === 0) return [];
			const { names, bytes, authors, fences } = appendManyArgs(batches);
			// One request for every document, as the SQL store's one statement: the updates as hex
			// bytea text (as append sends them), authors and fences as JSON. A refused document is
			// named in its row; a failed request throws, and the caller writes each document alone.
			const args = {
				p_doc_names: names,
				p_updates: bytes.map(toPostgrestBytea),
				p_authors: authors === null ? null : JSON.parse(authors),
				p_fences: fences === null ? null : JSON.parse(fences)
			};
			return appendManyResults(batches, rowsOf('rpc samtavla_doc_append_many', await db.rpc('samtavla_doc_append_many', args)));
		},
		async compact(docName, state, upToId, fence, judgedUnder) {
			const args = { p_doc_name: docName, p_state: toPostgrestBytea(state), p_up_to_id: upToId, p_fence: fence ?? null, p_judged_under: judgedUnder ?? null };
			written('samtavla_doc_compact', docName, await db.rpc('samtavla_doc_compact', args));
		},
		async history(docName, options = {}) {
			const args = { p_doc_name: docName, p_after_id: options.afterId ?? 0, p_limit: historyLimit(options.limit) };
			const row = rowOf('rpc samtavla_doc_history', await db.rpc('samtavla_doc_history', args).single());
			if (!row) throw new TypeError('samtavla_doc_history returned no row');
			return historyEntries(row, (u) => fromPostgrestBytea(u, `update of ${docName}`));
		},
		async pruneHistory(adjustedBefore, limit = 10_000) {
			const pruned = (await rpc(db, 'samtavla_doc_prune_history', { p_adjusted_before: adjustedBefore.toISOString(), p_limit: limit })) as { updates: number; documents: number };
			return { updates: Number(pruned.updates), documents: Number(pruned.documents) };
		},
		async claim(docName) {
			return Number(await rpc(db, 'samtavla_doc_claim', { p_doc_name: docName }));
		},
		async pendingCount(docName) {
			return Number(await rpc(db, 'samtavla_doc_pending_count', { p_doc_name: docName }));
		},
		async quarantine(docName, content, reason) {
			await rpc(db, 'samtavla_doc_quarantine', { p_doc_name: docName, p_content: toPostgrestBytea(content), p_reason: reason });
		},
		async quarantined(docName) {
			const rows = (await rpc(db, 'samtavla_doc_quarantined', { p_doc_name: docName })) as Array<Record<string, unknown>>;
			return rows.map((r) => ({ id: Number(r.id), reason: String(r.reason), bytes: Number(r.bytes), at: new Date(r.quarantined_at as string) }));
		}
	};
	return api;
}

/** A row of samtavla_doc_load or samtavla_doc_load_many (PostgREST's JSON) as the stored document. */
function storedDoc(row: Record<string, unknown>, docName: string, fn: string): StoredDoc {
	if (!Array.isArray(row.updates)) throw new TypeError(`${fn} returned no updates array`);
	return {
		snapshot: row.snapshot == null ? null : fromPostgrestBytea(row.snapshot, `snapshot of ${docName}`),
		updates: row.updates.map((u: unknown) => fromPostgrestBytea(u, `update of ${docName}`)),
		lastUpdateId: Number(row.last_update_id),
		snapshotJudgedUnder: row.snapshot_judged_under == null ? undefined : Number(row.snapshot_judged_under)
	};
}
