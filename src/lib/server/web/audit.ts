import type { RequestEvent } from '@sveltejs/kit';
import { record, type AuditEvent } from '../services/audit.js';

/**
 * Records what a request did, as its signed-in person (unless `actor` says otherwise) from its
 * client address (adapter-node's getClientAddress: ADDRESS_HEADER and XFF_DEPTH behind a proxy).
 *
 * Called after the action succeeded, and it never undoes it: when the entry cannot be written the
 * person still gets their answer, and the server's log says which entry is missing (kind, ids; no
 * details), so the operator can tell. Store and log cannot share a transaction across adapters.
 */
export async function audit(event: RequestEvent, entry: Omit<AuditEvent, 'actor' | 'address'> & { actor?: AuditEvent['actor'] }): Promise<void> {
	const { store, logger } = event.locals.runtime;
	const actor = entry.actor === undefined ? event.locals.user : entry.actor;
	try {
		await record(store, { ...entry, actor, address: clientAddress(event) });
	} catch (error) {
		logger.error(
			{ err: error, kind: entry.kind, actorId: actor?.id ?? null, boardId: entry.boardId ?? null, meetingId: entry.meetingId ?? null, subject: entry.subject ?? null },
			'audit entry not written'
		);
	}
}

/** getClientAddress throws when the header it is told to read is missing: then the entry has no address. */
function clientAddress(event: RequestEvent): string | null {
	try {
		return event.getClientAddress();
	} catch {
		return null;
	}
}
