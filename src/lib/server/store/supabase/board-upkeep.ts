import type { SupabaseClient } from '@supabase/supabase-js';
import type { Store } from '../types.js';
import { date } from '../rows.js';
import { retentionColumns, toCounts, toPurgeCounts, toRetention } from '../board-upkeep-rows.js';
import { rowOf, rowsOf, rpc, selectAll } from './request.js';

/** As sql/board-upkeep.ts, through PostgREST; the purge and prunes are the same SQL functions. */
export function boardDeletion(db: SupabaseClient): Store['boardDeletion'] {
	return {
		async get(boardId) {
			const row = rowOf(
				'select from boards',
				await db.from('boards').select('deletion_requested_at, deletion_requested_by').eq('id', boardId).not('deletion_requested_at', 'is', null).maybeSingle()
			);
			return row ? { requestedAt: date(row.deletion_requested_at), requestedBy: row.deletion_requested_by == null ? null : String(row.deletion_requested_by) } : null;
		},
		async request(boardId, userId, at) {
			const rows = rowsOf(
				'update boards',
				await db.from('boards').update({ deletion_requested_at: at.toISOString(), deletion_requested_by: userId }).eq('id', boardId).is('deletion_requested_at', null).select('id')
			);
			return rows.length > 0;
		},
		async cancel(boardId) {
			const rows = rowsOf(
				'update boards',
				await db.from('boards').update({ deletion_requested_at: null, deletion_requested_by: null }).eq('id', boardId).not('deletion_requested_at', 'is', null).select('id')
			);
			return rows.length > 0;
		},
		async due(requestedBefore) {
			const rows = await selectAll('select from boards', (from, to) =>
				db.from('boards').select('id', { count: 'exact' }).lt('deletion_requested_at', requestedBefore.toISOString()).order('deletion_requested_at').order('id').range(from, to)
			);
			return rows.map((r) => String(r.id));
		},
		async forgetPurged(before) {
			return Number(await rpc(db, 'samtavla_forget_purged_docs', { p_before: before.toISOString() }));
		},
		async purge(boardId, requestedBefore) {
			return toPurgeCounts(await rpc(db, 'samtavla_purge_board', { p_board_id: boardId, p_requested_before: requestedBefore.toISOString() }));
		}
	};
}

export function retention(db: SupabaseClient): Store['retention'] {
	return {
		async list() {
			const rows = await selectAll('select from boards', (from, to) =>
				db.from('boards').select('id, retain_drafts_days, retain_history_days, retain_audit_days', { count: 'exact' }).order('id').range(from, to)
			);
			return rows.map((r) => ({ boardId: String(r.id), ...toRetention(r) }));
		},
		async get(boardId) {
			const row = rowOf('select from boards', await db.from('boards').select('retain_drafts_days, retain_history_days, retain_audit_days').eq('id', boardId).maybeSingle());
			return row ? toRetention(row) : null;
		},
		async set(boardId, r) {
			return rowsOf('update boards', await db.from('boards').update(retentionColumns(r)).eq('id', boardId).select('id')).length > 0;
		},
		async pruneDrafts(boardId, startedBefore) {
			return toCounts(await rpc(db, 'samtavla_prune_drafts', { p_board_id: boardId, p_started_before: startedBefore.toISOString() }), ['meetings', 'updates', 'snapshots'] as const);
		},
		async pruneHistory(boardId, adjustedBefore, limit = 10_000) {
			return toCounts(
				await rpc(db, 'samtavla_board_prune_history', { p_board_id: boardId, p_adjusted_before: adjustedBefore.toISOString(), p_limit: limit }),
				['updates', 'documents'] as const
			);
		}
	};
}
