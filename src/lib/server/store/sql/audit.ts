import type { SqlExecutor } from './executor.js';
import type { AuditFilter, Store } from '../types.js';
import { appendedRow, auditAppender, auditLimit, toAuditChainStart, toAuditRecord } from '../audit-shared.js';

/** The audit log: appends and retention through their SQL functions (one lock, one chain), reads as plain selects. */
export function audit(db: SqlExecutor): Store['audit'] {
	const append = auditAppender(async (a) => {
		const [row] = await db.query(
			`select * from samtavla_audit_append(p_canonical => $1, p_at => $2::timestamptz, p_actor_id => $3, p_actor_name => $4,
			   p_actor_agency => $5, p_kind => $6, p_board_id => $7, p_meeting_id => $8, p_subject => $9, p_details => $10::text::jsonb,
			   p_address => $11)`,
			[a.p_canonical, a.p_at, a.p_actor_id, a.p_actor_name, a.p_actor_agency, a.p_kind, a.p_board_id, a.p_meeting_id, a.p_subject, JSON.stringify(a.p_details), a.p_address]
		);
		return appendedRow(row);
	});
	return {
		append,
		async list(filter) {
			const { where, params } = conditions(filter);
			params.push(auditLimit(filter));
			const rows = await db.query(`select * from audit_log ${where} order by id desc limit $${params.length}`, params);
			return rows.map(toAuditRecord);
		},
		async start() {
			const [row] = await db.query('select * from audit_chain_start');
			return toAuditChainStart(row);
		},
		async range(afterId, limit) {
			const rows = await db.query('select * from audit_log where id > $1 order by id limit $2', [afterId, Math.max(1, Math.floor(limit))]);
			return rows.map(toAuditRecord);
		},
		async trim(before, at) {
			const [row] = await db.query('select samtavla_audit_trim(p_before => $1::timestamptz, p_at => $2::timestamptz) as removed', [before.toISOString(), at.toISOString()]);
			return Number(row.removed);
		}
	};
}

function conditions(filter: AuditFilter): { where: string; params: unknown[] } {
	const parts: string[] = [];
	const params: unknown[] = [];
	const p = (value: unknown) => {
		params.push(value);
		return `$${params.length}`;
	};
	if (filter.boardId !== undefined) parts.push(`board_id = ${p(filter.boardId)}`);
	if (filter.actorId !== undefined) parts.push(`actor_id = ${p(filter.actorId)}`);
	if (filter.involving !== undefined) {
		const who = p(filter.involving);
		parts.push(`(actor_id = ${who} or subject = ${who})`);
	}
	if (filter.kinds !== undefined) // As JSON text: both drivers pass a string the same way, arrays not necessarily.
		parts.push(`kind in (select jsonb_array_elements_text(${p(JSON.stringify(filter.kinds))}::text::jsonb))`);
	if (filter.from !== undefined) parts.push(`at >= ${p(filter.from.toISOString())}::timestamptz`);
	if (filter.to !== undefined) parts.push(`at < ${p(filter.to.toISOString())}::timestamptz`);
	if (filter.before !== undefined) parts.push(`id < ${p(filter.before)}`);
	return { where: parts.length ? `where ${parts.join(' and ')}` : '', params };
}
