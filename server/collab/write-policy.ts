import * as Y from 'yjs';
import type { DocRef } from '../../src/lib/domain/doc-names.js';
import { asksOnlyForFloor, mayChangeOthersVoices, mayResolveComments } from '../../src/lib/domain/permissions.js';
import { judgeFloorChange } from '../../src/lib/domain/speaker-list.js';
import { judgeCommentsChange } from '../../src/lib/domain/comments-doc.js';
import type { BoardRole } from '../../src/lib/domain/roles.js';
import { judgeVoicesChange } from '../../src/lib/domain/voices-doc.js';
import { judgeBoardVoicesChange } from '../../src/lib/domain/board-voices-doc.js';
import type { AgencyKind } from '../../src/lib/domain/agencies.js';

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
	/** The update writes an answer to an ask, and the writer is not an owner or editor. */
	notAnswerer: 'not-answerer',
	/** The update writes feedback on an action's effect, and the writer's agency is not a user association. */
	notUserAssociation: 'not-user-association',
	/** The update resolves or reopens a comment thread, which only owners and editors do. */
	notEditor: 'not-editor',
	/**
	 * The update stores a comment or thread the layout does not have (wrong fields, too long, no
	 * thread), or breaks an ask's withdrawal (cleared, moved, on an answered ask, or answered after).
	 */
	invalidEntry: 'invalid-entry'
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
	/** The kind of the writer's agency (feedback on effects is for user associations); null if unknown. */
	agencyKind?: AgencyKind | null;
}

const ALLOWED: WriteDecision = { allowed: true };
const COMMENT_REASONS = {
	'not-author': DenyReason.notAuthor,
	'forged-identity': DenyReason.forgedIdentity,
	'not-editor': DenyReason.notEditor,
	'invalid-entry': DenyReason.invalidEntry
} as const;

/** A contributor's update to the meeting document that is not an ask of their own (speaker-list.ts). */
const FLOOR_REASON = {
	'not-floor': DenyReason.notAuthor,
	'not-author': DenyReason.notAuthor,
	'forged-identity': DenyReason.forgedIdentity,
	'invalid-entry': DenyReason.invalidEntry
} as const;

const BOARD_VOICES_REASON = {
	'not-author': DenyReason.notAuthor,
	'forged-identity': DenyReason.forgedIdentity,
	'not-answerer': DenyReason.notAnswerer,
	'not-user-association': DenyReason.notUserAssociation,
	'invalid-entry': DenyReason.invalidEntry
} as const;

/**
 * May this writer apply `update` to the live document? Pure: `doc` is not modified.
 *
 * Access (from the role and the document kind) is checked first. A voices document is then
 * checked entry by entry: everyone may change only what they authored, the owner anyone's;
 * nobody may write outside its known roots, and every entry shows its author's name and agency
 * as the server records them. A comments document is checked the same way (comments-doc.ts), and
 * only owners and editors resolve its threads. Only complete updates reach this check: one that refers to
 * content the document lacks waits with its connection until that content is there
 * (connection.ts), so it can never integrate later, unchecked.
 *
 * `mirror`: a kept copy of `doc` to judge on (judge-copy.ts), asked for only by the kinds judged
 * by what they change; the update is then left in it, and the caller drops it unless allowed.
 */
export function decideWrite(writer: Writer, kind: DocRef['kind'], doc: Y.Doc, update: Uint8Array, mirror?: () => Y.Doc): WriteDecision {
	if (writer.access !== 'write') return { allowed: false, reason: DenyReason.readOnly };
	// Contributors write the meeting document only to ask for the floor (permissions.ts, `floorAccess`).
	if (kind === 'meeting' && asksOnlyForFloor(writer.role ?? null)) {
		const verdict = judgeFloorChange(doc, update, { userId: writer.userId, name: writer.identity.name, agencyId: writer.identity.agencyId }, mirror?.());
		if (verdict !== 'allowed') return { allowed: false, reason: FLOOR_REASON[verdict] };
	}
	if (kind === 'voices') {
		const verdict = judgeVoicesChange(doc, update, { id: writer.userId, ...writer.identity }, mayChangeOthersVoices(writer.role ?? null), mirror?.());
		if (verdict === 'not-author') return { allowed: false, reason: DenyReason.notAuthor };
		if (verdict === 'forged-identity') return { allowed: false, reason: DenyReason.forgedIdentity };
	}
	if (kind === 'boardVoices') {
		const verdict = judgeBoardVoicesChange(doc, update, { id: writer.userId, ...writer.identity, role: writer.role ?? null, agencyKind: writer.agencyKind ?? null }, mirror?.());
		if (verdict !== 'allowed') return { allowed: false, reason: BOARD_VOICES_REASON[verdict] };
	}
	if (kind === 'comments') {
		const role = writer.role ?? null;
		const verdict = judgeCommentsChange(doc, update, { id: writer.userId, ...writer.identity }, { mayResolve: mayResolveComments(role), mayRemoveOthers: mayChangeOthersVoices(role) }, mirror?.());
		if (verdict !== 'allowed') return { allowed: false, reason: COMMENT_REASONS[verdict] };
	}
	return ALLOWED;
}
