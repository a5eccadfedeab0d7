import type { SupabaseClient } from '@supabase/supabase-js';
import type { Store } from '../types.js';
import { appendedRow, auditAppender, auditLimit, toAuditChainStart, toAuditRecord } from '../audit-shared.js';
import { rowOf, rowsOf, rpc } from './request.js';
import type { Row } from '../rows.js';

/** The audit log: appends and retention through the same SQL functions as the SQL store, reads through the query builder. */
export function audit(db: SupabaseClient): Store['audit'] {
	const append = auditAppender(async (args) => appendedRow(((await rpc(db, 'samtavla_audit_append', args)) as Row[])[0]));
	return {
		append,
		async list(filter) {
			let q = db.from('audit_log').select('*');
			if (filter.boardId !== undefined) q = q.eq('board_id', filter.boardId);
			if (filter.actorId !== undefined) q = q.eq('actor_id', filter.actorId);
			// PostgREST's or=() takes its values unquoted unless quoted: quote them, doubling quotes and backslashes.
			if (filter.involving !== undefined) {
				const v = `"${filter.involving.replace(/["\\]/g, (c) => `\\${c}`)}"`;
				q = q.or(`actor_id.eq.${v},subject.eq.${v}`);
			}
			if (filter.kinds !== undefined) q = q.in('kind', filter.kinds);
			if (filter.from !== undefined) q = q.gte('at', filter.from.toISOString());
			if (filter.to !== undefined) q = q.lt('at', filter.to.toISOString());
			if (filter.before !== undefined) q = q.lt('id', filter.before);
			return rowsOf('select from audit_log', await q.order('id', { ascending: false }).limit(auditLimit(filter))).map(toAuditRecord);
		},
		async start() {
			const row = rowOf('select from audit_chain_start', await db.from('audit_chain_start').select('*').maybeSingle());
			if (!row) throw new Error('audit_chain_start has no row (migration audit_log not applied?)');
			return toAuditChainStart(row);
		},
		async range(afterId, limit) {
			const rows = rowsOf('select from audit_log', await db.from('audit_log').select('*').gt('id', afterId).order('id').limit(Math.max(1, Math.floor(limit))));
			return rows.map(toAuditRecord);
		},
		async trim(before, at) {
			return Number(await rpc(db, 'samtavla_audit_trim', { p_before: before.toISOString(), p_at: at.toISOString() }));
		}
	};
}
