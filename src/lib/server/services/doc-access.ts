import { isBoardLevel, parseDocName, type DocRef } from '../../domain/doc-names.js';
import { docAccess, floorAccess, type DocAccess } from '../../domain/permissions.js';
import type { BoardRole } from '../../domain/roles.js';
import type { DocPlace, Meeting, Store } from '../store/types.js';
import { readAdjustment } from '../../domain/adjustment-json.js';
import { adjusterIds } from '../../domain/adjustment.js';
import { meetingActor } from '../../domain/meeting-lifecycle.js';
import { writeScope } from '../../domain/meeting-freeze.js';
import { guestStatus } from '../../domain/guests.js';

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
	name: string
): Promise<DocMembership> {
	const ref = parseDocName(name);
	if (!ref) return { status: 'not-found' };
	let place: DocPlaceFound | null = null;
	if (isBoardLevel(ref)) {
		if (await store.boards.get(ref.boardId)) place = { boardId: ref.boardId, meeting: null };
	} else {
		const meeting = await store.meetings.get(ref.meetingId);
		if (meeting) place = { boardId: meeting.boardId, meeting };
	}
	return membershipFrom(ref, userId, place, place ? await placeRole(store, place.boardId, isBoardLevel(ref) ? null : ref.meetingId, userId) : null);
}

/**
 * The person's role where a document belongs: their board role, or, on a meeting's documents
 * only, the role of their guest link for that meeting while it holds (what samtavla_session_admissions
 * answers in one statement).
 */
export async function placeRole(store: Pick<Store, 'boards' | 'guests'>, boardId: string, meetingId: string | null, userId: string, now = new Date()): Promise<BoardRole | null> {
	const role = await store.boards.role(boardId, userId);
	if (role || meetingId === null) return role;
	const guest = await store.guests.forUser(userId);
	return guest && guest.meetingId === meetingId && guestStatus(guest, now) === 'active' ? guest.role : null;
}

/** Where a document was found: its board, and for a meeting's document the meeting (its status and adjustment decide). */
export type DocPlaceFound = { boardId: string; meeting: MeetingState | null };
type MeetingState = Pick<Meeting, 'status' | 'adjustment'>;

/** The board or meeting a document name points at, as the store looks it up (sessions.admission). */
export const docPlace = (ref: DocRef): DocPlace => (isBoardLevel(ref) ? { boardId: ref.boardId } : { meetingId: ref.meetingId });

/**
 * The member's access to the document, from what was read about it: where it belongs (null: no
 * such board or meeting) and the user's role on that board (null: not a member).
 */
export function membershipFrom(ref: DocRef, userId: string, place: DocPlaceFound | null, role: BoardRole | null): DocMembership {
	if (!place || (!isBoardLevel(ref) && !place.meeting)) return { status: 'not-found' };
	if (role === null || docAccess(role, ref.kind) === 'none') return { status: 'forbidden' };
	const access = place.meeting && !isBoardLevel(ref) ? meetingSocketAccess(place.meeting, ref.kind, userId, role) : docAccess(role, ref.kind);
	return access === 'none' ? { status: 'forbidden' } : { status: 'ok', ref, boardId: place.boardId, access, role };
}

/**
 * What a member may do with a meeting's two documents in the meeting's status (meeting-freeze.ts):
 * in adjustment only the secretary writes the minutes; adjusted or cancelled, nobody writes.
 * The secretary is the one recorded when the minutes were sent for adjustment (stored with the
 * justering), not whoever the meeting document names now: that document is frozen for the others.
 */
export function meetingDocAccess(meeting: MeetingState, kind: 'meeting' | 'voices' | 'comments', userId: string, role: BoardRole): DocAccess {
	const justering = readAdjustment(meeting.adjustment);
	const roles = { chairId: justering?.chairId ?? null, secretaryId: justering?.secretaryId ?? null, adjusterIds: justering ? adjusterIds(justering) : [] };
	return writeScope(meeting.status, meetingActor(userId, role, roles))[kind];
}

/** The socket's access: the meeting document's widened for a contributor's asks for the floor (permissions.ts, `floorAccess`). */
function meetingSocketAccess(meeting: MeetingState, kind: 'meeting' | 'voices' | 'comments', userId: string, role: BoardRole): DocAccess {
	const access = meetingDocAccess(meeting, kind, userId, role);
	return kind === 'meeting' ? floorAccess({ meeting: access, voices: meetingDocAccess(meeting, 'voices', userId, role) }, role) : access;
}

/** Which board owns a document, and what this user may do with it. */
export async function resolveDocAccess(store: Store, userId: string, name: string): Promise<DocAccessDecision> {
	const decision = await resolveDocMembership(store, userId, name);
	if (decision.status !== 'ok') return decision;
	const { role: _role, ...access } = decision;
	return access;
}
