import { isBoardLevel, parseDocName, type DocRef } from '../../domain/doc-names.js';
import { docAccess, type DocAccess } from '../../domain/permissions.js';
import type { BoardRole } from '../../domain/roles.js';
import type { Meeting, Store } from '../store/types.js';
import { readAdjustment } from '../../domain/adjustment-json.js';
import { adjusterIds } from '../../domain/adjustment.js';
import { meetingActor } from '../../domain/meeting-lifecycle.js';
import { writeScope } from '../../domain/meeting-freeze.js';

export type DocAccessDecision =
	| { status: 'not-found' }
	| { status: 'forbidden' }
	| { status: 'ok'; ref: DocRef; boardId: string; access: Exclude<DocAccess, 'none'> };

/** The access decision with the member's board role (what the collab server keeps per socket). */
export type DocMembership = Exclude<DocAccessDecision, { status: 'ok' }> | (Extract<DocAccessDecision, { status: 'ok' }> & { role: BoardRole });

/** Which board owns a document, the user's role on it, and what that role may do with the document. */
export async function resolveDocMembership(
	store: Store,
	userId: string,
	name: string,
	/** How the meeting is read (the collab server shares one read among a meeting's members); the store by default. */
	meetingOf: (meetingId: string) => Promise<Meeting | null> = (id) => store.meetings.get(id)
): Promise<DocMembership> {
	const ref = parseDocName(name);
	if (!ref) return { status: 'not-found' };
	let boardId: string;
	let meeting: Meeting | null = null;
	if (isBoardLevel(ref)) {
		if (!(await store.boards.get(ref.boardId))) return { status: 'not-found' };
		boardId = ref.boardId;
	} else {
		meeting = await meetingOf(ref.meetingId);
		if (!meeting) return { status: 'not-found' };
		boardId = meeting.boardId;
	}
	const role = await store.boards.role(boardId, userId);
	if (role === null || docAccess(role, ref.kind) === 'none') return { status: 'forbidden' };
	const access = meeting && !isBoardLevel(ref) ? meetingDocAccess(meeting, ref.kind, userId, role) : docAccess(role, ref.kind);
	return access === 'none' ? { status: 'forbidden' } : { status: 'ok', ref, boardId, access, role };
}

/**
 * What a member may do with a meeting's two documents in the meeting's status (meeting-freeze.ts):
 * in adjustment only the secretary writes the minutes; adjusted or cancelled, nobody writes.
 * The secretary is the one recorded when the minutes were sent for adjustment (stored with the
 * justering), not whoever the meeting document names now: that document is frozen for the others.
 */
export function meetingDocAccess(meeting: Meeting, kind: 'meeting' | 'voices' | 'comments', userId: string, role: BoardRole): DocAccess {
	const justering = readAdjustment(meeting.adjustment);
	const roles = { chairId: justering?.chairId ?? null, secretaryId: justering?.secretaryId ?? null, adjusterIds: justering ? adjusterIds(justering) : [] };
	return writeScope(meeting.status, meetingActor(userId, role, roles))[kind];
}

/** Which board owns a document, and what this user may do with it. */
export async function resolveDocAccess(store: Store, userId: string, name: string): Promise<DocAccessDecision> {
	const decision = await resolveDocMembership(store, userId, name);
	if (decision.status !== 'ok') return decision;
	const { role: _role, ...access } = decision;
	return access;
}
