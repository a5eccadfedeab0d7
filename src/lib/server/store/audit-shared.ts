import { auditCanonical, link, storableContent, type AuditContent, type AuditRecord } from '../../domain/audit-chain.js';
import { date, type Row } from './rows.js';
import type { AuditChainStart, AuditFilter } from './types.js';

/** What both adapters share for the audit log: row mapping, the append loop, the filter's limits. */

export const toAuditRecord = (r: Row): AuditRecord => ({
	id: Number(r.id),
	at: date(r.at),
	actorId: r.actor_id == null ? null : String(r.actor_id),
	actorName: String(r.actor_name ?? ''),
	actorAgency: String(r.actor_agency ?? ''),
	kind: String(r.kind),
	boardId: r.board_id == null ? null : String(r.board_id),
	meetingId: r.meeting_id == null ? null : String(r.meeting_id),
	subject: r.subject == null ? null : String(r.subject),
	details: (typeof r.details === 'string' ? JSON.parse(r.details) : (r.details ?? {})) as Record<string, unknown>,
	address: r.address == null ? null : String(r.address),
	prevHash: String(r.prev_hash),
	hash: String(r.hash)
});

export const toAuditChainStart = (r: Row): AuditChainStart => ({
	prevHash: String(r.prev_hash),
	removed: Number(r.removed ?? 0),
	trimmedAt: r.trimmed_at == null ? null : date(r.trimmed_at)
});

/** The named arguments of samtavla_audit_append (SQL parameters, or the RPC's JSON body). */
export function appendArgs(entry: AuditContent) {
	return {
		p_canonical: auditCanonical(entry),
		p_at: entry.at.toISOString(),
		p_actor_id: entry.actorId,
		p_actor_name: entry.actorName,
		p_actor_agency: entry.actorAgency,
		p_kind: entry.kind,
		p_board_id: entry.boardId,
		p_meeting_id: entry.meetingId,
		p_subject: entry.subject,
		p_details: entry.details,
		p_address: entry.address
	};
}

export const MAX_AUDIT_PAGE = 1000;

export function auditLimit(filter: AuditFilter): number {
	return Math.max(1, Math.min(MAX_AUDIT_PAGE, Math.floor(filter.limit ?? MAX_AUDIT_PAGE)));
}

/**
 * The append verb over an adapter's call of samtavla_audit_append, which links the entry to the
 * newest one under a lock and hashes it in the same transaction (so appends from several servers
 * never race). The entry's text is first made storable, so what is stored is what was hashed; the
 * hash the database computed is checked against the domain's, which the audit check will use.
 */
export function auditAppender(call: (args: ReturnType<typeof appendArgs>) => Promise<{ id: number; prevHash: string; hash: string }>) {
	return async function append(entry: AuditContent): Promise<AuditRecord> {
		const content = storableContent(entry);
		const stored = await call(appendArgs(content));
		const linked = link(stored.prevHash, content);
		if (linked.hash !== stored.hash) throw new Error(`audit append: entry ${stored.id} was stored with a hash the check will not accept (SQL and TypeScript disagree)`);
		return { id: stored.id, ...linked };
	};
}

/** samtavla_audit_append's one row, from either adapter. */
export function appendedRow(row: Row | undefined): { id: number; prevHash: string; hash: string } {
	if (!row || row.appended_id == null) throw new Error('samtavla_audit_append returned no row');
	return { id: Number(row.appended_id), prevHash: String(row.prev_hash), hash: String(row.hash) };
}
