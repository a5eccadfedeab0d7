import type { AuditRecord } from '../../domain/audit-chain.js';
import type { AuditKind } from '../../domain/audit-kinds.js';
import type { Store, User } from '../store/types.js';

/** Who did it: a signed-in person, or no one (a failed sign-in). */
export type AuditActor = Pick<User, 'id' | 'displayName' | 'agencyId'> | null;

export interface AuditEvent {
	kind: AuditKind;
	actor: AuditActor;
	boardId?: string | null;
	meetingId?: string | null;
	/** Who or what it is about: the member whose role changed, the invite, the account signed in to. */
	subject?: string | null;
	/** Ids, roles, statuses, formats: never a password and never document text. */
	details?: Record<string, unknown>;
	/** The client's address as the proxy configuration gives it (`event.getClientAddress()`). */
	address?: string | null;
	at?: Date;
}

/**
 * Writes one audit entry. The actor's name and agency are copied as they are now, so the log
 * still says who it was after a rename, a move to another agency or an erasure.
 */
export async function record(store: Pick<Store, 'audit' | 'agencies'>, event: AuditEvent): Promise<AuditRecord> {
	const agency = event.actor ? await store.agencies.get(event.actor.agencyId) : null;
	return store.audit.append({
		at: event.at ?? new Date(),
		actorId: event.actor?.id ?? null,
		actorName: event.actor?.displayName ?? '',
		actorAgency: agency?.name ?? '',
		kind: event.kind,
		boardId: event.boardId ?? null,
		meetingId: event.meetingId ?? null,
		subject: event.subject ?? null,
		details: event.details ?? {},
		address: event.address ?? null
	});
}

/** The account an email names, for a failed sign-in's entry (the typed text itself is not kept); null for none. */
export async function accountIdFor(store: Pick<Store, 'users'>, email: string): Promise<string | null> {
	const typed = email.trim();
	if (!typed || typed.length > 320 || /[\u0000-\u001f\u007f]/.test(typed)) return null;
	return (await store.users.findByEmail(typed))?.id ?? null;
}
