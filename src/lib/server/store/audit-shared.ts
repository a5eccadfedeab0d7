import { link, storableContent, type AuditContent, type AuditRecord } from '../../domain/audit-chain.js';
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
export function appendArgs(prevHash: string, entry: AuditContent, hash: string) {
	return {
		p_prev_hash: prevHash,
		p_hash: hash,
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

/** Attempts before giving up; each failed one means another server appended in between. */
const ATTEMPTS = 50;

/**
 * Links the entry to the newest hash and offers it to the database, which appends it only if that
 * is still the newest; if not, it says what is, and the entry is linked again. `head` remembers the
 * newest hash this process saw, so an append is usually one round trip.
 */
export function auditAppender(tryAppend: (args: ReturnType<typeof appendArgs>) => Promise<{ id: number | null; head: string }>) {
	let head: string | null = null;
	return async function append(entry: AuditContent): Promise<AuditRecord> {
		const content = storableContent(entry);
		// An unknown head is offered as '' (never a hash): the database answers with the real one.
		let prevHash = head ?? '';
		for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
			const linked = link(prevHash, content);
			const result = await tryAppend(appendArgs(prevHash, content, linked.hash));
			head = result.head;
			if (result.id !== null) return { id: result.id, ...linked };
			prevHash = result.head;
		}
		throw new Error(`audit append: the log kept moving (${ATTEMPTS} attempts)`);
	};
}
