import * as Y from 'yjs';
import type { DocRef } from '../../src/lib/domain/doc-names.js';
import { mayChangeOthersVoices } from '../../src/lib/domain/permissions.js';
import type { BoardRole } from '../../src/lib/domain/roles.js';
import { judgeVoicesChange } from '../../src/lib/domain/voices-doc.js';

/** Why an update was dropped: the reason sent in the permission-denied auth frame. */
export const DenyReason = {
	/** The connection may only read this document (role, or a role lowered while connected). */
	readOnly: 'read-only',
	/** The update changes a perspective or summary of someone else (or something outside the voices roots). */
	notAuthor: 'not-author',
	/**
	 * The update writes a perspective or summary showing a name or agency other than its author's
	 * record on the server (or renames an existing entry): names shown to others come from the
	 * server, never from a client's claim. The owner is held to this too.
	 */
	forgedIdentity: 'forged-identity',
	/**
	 * The update depends on content the document does not have, so it could not be checked now and
	 * would apply itself unchecked once that content arrives. Dropped without telling the client:
	 * a y-websocket client sends everything the server lacks again in its next sync step 2.
	 */
	incomplete: 'incomplete'
} as const;
export type DenyReasonValue = (typeof DenyReason)[keyof typeof DenyReason];

export type WriteDecision = { allowed: true } | { allowed: false; reason: DenyReasonValue };

export interface Writer {
	userId: string;
	access: 'write' | 'read';
	/** The writer's current board role; undefined is treated as no special rights. */
	role: BoardRole | undefined;
	/** The writer's name and agency as the server records them (what voices entries must show). */
	identity: { name: string; agencyId: string; agencyName: string };
}

const ALLOWED: WriteDecision = { allowed: true };

/**
 * May this writer apply `update` to the live document? Pure: `doc` is not modified.
 *
 * Access (from the role and the document kind) is checked first. A voices document is then
 * checked entry by entry: everyone may change only what they authored, the owner anyone's;
 * nobody may write outside its known roots, and every entry shows its author's name and agency
 * as the server records them. An update Yjs would keep pending (it refers to
 * content not yet there) is refused in voices documents: it would integrate later, when someone
 * else's update supplies what it waits for, and so escape the check.
 */
export function decideWrite(writer: Writer, kind: DocRef['kind'], doc: Y.Doc, update: Uint8Array): WriteDecision {
	if (writer.access !== 'write') return { allowed: false, reason: DenyReason.readOnly };
	if (kind === 'voices' && leavesPending(doc, update)) return { allowed: false, reason: DenyReason.incomplete };
	if (kind === 'voices') {
		const verdict = judgeVoicesChange(doc, update, { id: writer.userId, ...writer.identity }, mayChangeOthersVoices(writer.role ?? null));
		if (verdict === 'not-author') return { allowed: false, reason: DenyReason.notAuthor };
		if (verdict === 'forged-identity') return { allowed: false, reason: DenyReason.forgedIdentity };
	}
	return ALLOWED;
}

const pendingOf = (doc: Y.Doc): string | null => {
	const { pendingStructs, pendingDs } = doc.store;
	if (!pendingStructs && !pendingDs) return null;
	return `${pendingStructs ? Buffer.from(pendingStructs.update).toString('base64') : ''}|${pendingDs ? Buffer.from(pendingDs).toString('base64') : ''}`;
};

/** Would applying `update` add to what `doc` keeps pending? Pure: applies it to a copy. */
export function leavesPending(doc: Y.Doc, update: Uint8Array): boolean {
	const copy = new Y.Doc({ gc: false });
	try {
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		const before = pendingOf(copy);
		Y.applyUpdate(copy, update);
		const after = pendingOf(copy);
		return after !== null && after !== before;
	} catch {
		return false; // not applicable at all: the entry check refuses it
	} finally {
		copy.destroy();
	}
}
