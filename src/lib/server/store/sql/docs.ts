import type { SqlExecutor } from './executor.js';
import { toBytes } from './executor.js';
import type { Store, StoredDoc } from '../types.js';
import { appendArgs, appendManyArgs, appendManyResults, EMPTY_APPEND, historyEntries, historyLimit } from '../function-args.js';
import { DOC_PURGED_SQLSTATE, DocumentPurgedError, FENCED_OUT_SQLSTATE, FencedOutError } from '../fencing.js';

/**
 * The Yjs update log through the store functions. A fenced write passes its token to the
 * function, which names it for the statement's transaction, where the fencing triggers
 * (migration doc_write_fences) check it: one implementation for every adapter.
 */
export function docs(db: SqlExecutor): Store['docs'] {
	/** A write refused by the fencing triggers becomes the Store's FencedOutError. */
	async function write<T>(docName: string, run: () => Promise<T>): Promise<T> {
		try {
			return await run();
		} catch (error) {
			if ((error as { code?: string }).code === FENCED_OUT_SQLSTATE) throw new FencedOutError(docName);
			if ((error as { code?: string }).code === DOC_PURGED_SQLSTATE) throw new DocumentPurgedError(docName);
			throw error;
		}
	}

	return {
		async load(docName) {
			// One statement in the function, so a compaction running at the same time cannot hide updates.
			const [row] = await db.query('select snapshot, updates, last_update_id, snapshot_judged_under from samtavla_doc_load(p_doc_name => $1)', [docName]);
			return storedDoc(row);
		},
		async loadMany(docNames) {
			if (docNames.length === 0) return [];
			// One statement for all of them (samtavla_doc_load_many), each read as `load` reads it.
			const rows = await db.query('select ask_n, snapshot, updates, last_update_id, snapshot_judged_under from samtavla_doc_load_many(p_doc_names => $1::text[])', [docNames]);
			const loaded: StoredDoc[] = new Array(docNames.length);
			for (const row of rows) loaded[Number(row.ask_n) - 1] = storedDoc(row);
			if (rows.length !== docNames.length) throw new TypeError(`samtavla_doc_load_many returned ${rows.length} rows for ${docNames.length} names`);
			return loaded;
		},
		async append(docName, updates, fence) {
			if (updates.length === 0) throw new Error(EMPTY_APPEND);
			const { bytes, authors } = appendArgs(updates);
			// One parameter per update in an array constructor: the postgres driver cannot send a bytea[] parameter.
			const items = bytes.map((_, i) => `$${i + 4}`).join(', ');
			const [row] = await write(docName, () =>
				db.query(`select samtavla_doc_append(p_doc_name => $1, p_updates => array[${items}]::bytea[], p_fence => $2::bigint, p_authors => $3::text::jsonb) as id`, [
					docName,
					fence ?? null,
					authors,
					...bytes
				])
			);
			return Number(row.id);
		},
		async appendMany(batches) {
			if (batches.length === 0) return [];
			const { names, bytes, authors, fences } = appendManyArgs(batches);
			// One statement for every document (samtavla_doc_append_many): bytes one parameter each, as in append.
			const items = bytes.map((_, i) => `$${i + 4}`).join(', ');
			const rows = await db.query(
				`select out_doc_name, out_last_id, out_refused from samtavla_doc_append_many(p_doc_names => $1::text[], p_updates => array[${items}]::bytea[], p_authors => $2::text::jsonb, p_fences => $3::text::jsonb)`,
				[names, authors, fences, ...bytes]
			);
			return appendManyResults(batches, rows);
		},
		async compact(docName, state, upToId, fence, judgedUnder) {
			await write(docName, () =>
				db.query('select samtavla_doc_compact(p_doc_name => $1, p_state => $2, p_up_to_id => $3, p_fence => $4::bigint, p_judged_under => $5::integer)', [
					docName,
					state,
					upToId,
					fence ?? null,
					judgedUnder ?? null
				])
			);
		},
		async history(docName, options = {}) {
			const [row] = await db.query('select entries::text as entries, updates from samtavla_doc_history(p_doc_name => $1, p_after_id => $2::bigint, p_limit => $3::integer)', [
				docName,
				options.afterId ?? 0,
				historyLimit(options.limit)
			]);
			return historyEntries(row, toBytes);
		},
		async pruneHistory(adjustedBefore, limit = 10_000) {
			const [row] = await db.query('select samtavla_doc_prune_history(p_adjusted_before => $1::timestamptz, p_limit => $2::integer)::text as pruned', [adjustedBefore.toISOString(), limit]);
			const pruned = (typeof row.pruned === 'string' ? JSON.parse(row.pruned) : row.pruned) as { updates: number; documents: number };
			return { updates: Number(pruned.updates), documents: Number(pruned.documents) };
		},
		async claim(docName) {
			const [row] = await db.query('select samtavla_doc_claim(p_doc_name => $1) as token', [docName]);
			return Number(row.token);
		},
		async pendingCount(docName) {
			const [row] = await db.query('select samtavla_doc_pending_count(p_doc_name => $1) as n', [docName]);
			return Number(row.n);
		},
		async quarantine(docName, content, reason) {
			await db.query('select samtavla_doc_quarantine(p_doc_name => $1, p_content => $2, p_reason => $3)', [docName, content, reason]);
		},
		async quarantined(docName) {
			const rows = await db.query('select id, reason, bytes, quarantined_at from samtavla_doc_quarantined(p_doc_name => $1)', [docName]);
			return rows.map((r) => ({ id: Number(r.id), reason: String(r.reason), bytes: Number(r.bytes), at: new Date(r.quarantined_at as string) }));
		}
	};
}

/** A row of samtavla_doc_load or samtavla_doc_load_many as the stored document. */
function storedDoc(row: Record<string, unknown>): StoredDoc {
	const updates = row.updates as unknown[];
	return {
		snapshot: row.snapshot == null ? null : toBytes(row.snapshot),
		updates: updates.map(toBytes),
		lastUpdateId: Number(row.last_update_id),
		snapshotJudgedUnder: row.snapshot_judged_under == null ? undefined : Number(row.snapshot_judged_under)
	};
}
