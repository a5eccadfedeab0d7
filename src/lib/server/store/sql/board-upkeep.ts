import type { SqlExecutor } from './executor.js';
import type { Store } from '../types.js';
import { date } from '../rows.js';
import { retentionColumns, toCounts, toPurgeCounts, toRetention } from '../board-upkeep-rows.js';

/** Board deletion: the request lives on the board row; the purge is one SQL function (migration board_deletion). */
export function boardDeletion(db: SqlExecutor): Store['boardDeletion'] {
	return {
		async get(boardId) {
			const [row] = await db.query('select deletion_requested_at, deletion_requested_by from boards where id = $1 and deletion_requested_at is not null', [boardId]);
			return row ? { requestedAt: date(row.deletion_requested_at), requestedBy: row.deletion_requested_by == null ? null : String(row.deletion_requested_by) } : null;
		},
		async request(boardId, userId, at) {
			const rows = await db.query(
				'update boards set deletion_requested_at = $3, deletion_requested_by = $2 where id = $1 and deletion_requested_at is null returning id',
				[boardId, userId, at]
			);
			return rows.length > 0;
		},
		async cancel(boardId) {
			const rows = await db.query(
				'update boards set deletion_requested_at = null, deletion_requested_by = null where id = $1 and deletion_requested_at is not null returning id',
				[boardId]
			);
			return rows.length > 0;
		},
		async due(requestedBefore) {
			const rows = await db.query('select id from boards where deletion_requested_at < $1 order by deletion_requested_at, id', [requestedBefore]);
			return rows.map((r) => String(r.id));
		},
		async forgetPurged(before) {
			const [row] = await db.query('select samtavla_forget_purged_docs(p_before => $1::timestamptz) as n', [before.toISOString()]);
			return Number(row.n);
		},
		async purge(boardId, requestedBefore) {
			const [row] = await db.query('select samtavla_purge_board(p_board_id => $1, p_requested_before => $2::timestamptz)::text as counts', [boardId, requestedBefore.toISOString()]);
			return toPurgeCounts(row.counts);
		}
	};
}

export function retention(db: SqlExecutor): Store['retention'] {
	return {
		async list() {
			const rows = await db.query('select id, retain_drafts_days, retain_history_days, retain_audit_days from boards order by id');
			return rows.map((r) => ({ boardId: String(r.id), ...toRetention(r) }));
		},
		async get(boardId) {
			const [row] = await db.query('select retain_drafts_days, retain_history_days, retain_audit_days from boards where id = $1', [boardId]);
			return row ? toRetention(row) : null;
		},
		async set(boardId, r) {
			const c = retentionColumns(r);
			const rows = await db.query(
				'update boards set retain_drafts_days = $2, retain_history_days = $3, retain_audit_days = $4 where id = $1 returning id',
				[boardId, c.retain_drafts_days, c.retain_history_days, c.retain_audit_days]
			);
			return rows.length > 0;
		},
		async pruneDrafts(boardId, startedBefore) {
			const [row] = await db.query('select samtavla_prune_drafts(p_board_id => $1, p_started_before => $2::timestamptz)::text as counts', [boardId, startedBefore.toISOString()]);
			return toCounts(row.counts, ['meetings', 'updates', 'snapshots'] as const);
		},
		async pruneHistory(boardId, adjustedBefore, limit = 10_000) {
			const [row] = await db.query('select samtavla_board_prune_history(p_board_id => $1, p_adjusted_before => $2::timestamptz, p_limit => $3::integer)::text as counts', [
				boardId,
				adjustedBefore.toISOString(),
				limit
			]);
			return toCounts(row.counts, ['updates', 'documents'] as const);
		}
	};
}
