import type { BoardRole } from './roles.js';
import type { MeetingStatus } from './meeting-doc.js';

/**
 * A meeting's lifecycle (issue 10, point 2): who may move it from one status to the next. Pure,
 * so the server (which enforces it) and the page (which only offers the moves it allows) share it.
 *
 *   planned ⇄ in_progress ⇄ held → in_adjustment → adjusted      planned ⇄ cancelled
 *   planned → held                  in_adjustment → held (reopen)
 *
 * `adjusted` is never reached by a move: it follows from the approvals (adjustment.ts, `isAdjusted`).
 */
export const LIFECYCLE_STATUSES = ['planned', 'in_progress', 'held', 'in_adjustment', 'adjusted', 'cancelled'] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

// The statuses the meeting document knows today are a part of the lifecycle (fails to compile otherwise).
const documentStatusesFit: MeetingStatus extends LifecycleStatus ? true : never = true;
void documentStatusesFit;

export function isLifecycleStatus(value: unknown): value is LifecycleStatus {
	return typeof value === 'string' && (LIFECYCLE_STATUSES as readonly string[]).includes(value);
}

/** One person as the lifecycle sees them: their board role and their roles in this meeting. */
export interface MeetingActor {
	role: BoardRole | null;
	isChair: boolean;
	isSecretary: boolean;
	isAdjuster: boolean;
}

/** Who holds the meeting's roles (the meeting document's meta and the adjustment's appointment). */
export interface MeetingRoles {
	chairId: string | null;
	secretaryId: string | null;
	adjusterIds: readonly string[];
}

export function meetingActor(userId: string, role: BoardRole | null, roles: MeetingRoles): MeetingActor {
	return {
		role,
		isChair: roles.chairId === userId,
		isSecretary: roles.secretaryId === userId,
		isAdjuster: roles.adjusterIds.includes(userId)
	};
}

export const MEETING_MOVE_REFUSALS = [
	'error_meeting_move_not_member',
	'error_meeting_move_unchanged',
	'error_meeting_move_not_possible',
	'error_meeting_move_editors_only',
	'error_meeting_move_chair_or_secretary',
	'error_meeting_move_needs_chair',
	'error_meeting_move_needs_adjuster',
	'error_meeting_move_chair_only',
	'error_meeting_move_by_approvals',
	'error_meeting_move_adjusted_final'
] as const;
export type MeetingMoveRefusal = (typeof MEETING_MOVE_REFUSALS)[number];

export type MoveResult = { ok: true } | { ok: false; reason: MeetingMoveRefusal };

export interface MoveRequest {
	from: LifecycleStatus;
	to: LifecycleStatus;
	actor: MeetingActor;
	/** Whether a chair is chosen and how many adjusters are appointed (needed to send for adjustment). */
	appointed: { chair: boolean; adjusters: number };
}

const OK: MoveResult = { ok: true };
const refuse = (reason: MeetingMoveRefusal): MoveResult => ({ ok: false, reason });
const isEditor = (actor: MeetingActor) => actor.role === 'owner' || actor.role === 'editor';

/**
 * The moves owners and editors make while the meeting is being prepared and run. These are the
 * moves the status control offers today, minus held → planned: a meeting that took place cannot
 * become one that has not. held → in_progress stays, for a meeting closed too early (before
 * adjustment nothing is fixed yet). planned → held is for a meeting held outside Samtavla whose
 * minutes are typed afterwards. planned ⇄ cancelled: only a meeting that has not started can be
 * cancelled; once it has started something may have been recorded, and a meeting broken off
 * (say, not quorate) is held and its protocol says so. A meeting started by mistake is moved back
 * to planned first. A cancelled meeting can be reinstated (the calendar feeds bump SEQUENCE).
 */
const EDITOR_MOVES: ReadonlySet<string> = new Set([
	'planned>in_progress',
	'in_progress>planned',
	'in_progress>held',
	'held>in_progress',
	'planned>held',
	'planned>cancelled',
	'cancelled>planned'
]);

/** May this person move the meeting from `from` to `to`? A refusal carries a message key. */
export function mayMoveMeeting({ from, to, actor, appointed }: MoveRequest): MoveResult {
	// Only members act on a meeting at all; a removed member's old session must not move it.
	if (actor.role === null) return refuse('error_meeting_move_not_member');
	if (from === to) return refuse('error_meeting_move_unchanged');
	// Adjusted is final: a correction is a separately approved addendum, never a change of status.
	if (from === 'adjusted') return refuse('error_meeting_move_adjusted_final');
	// Adjusted follows when the chair and every adjuster approved the same version; nobody,
	// not even an owner, can declare a protocol adjusted by hand.
	if (to === 'adjusted') return refuse('error_meeting_move_by_approvals');

	if (EDITOR_MOVES.has(`${from}>${to}`)) return isEditor(actor) ? OK : refuse('error_meeting_move_editors_only');

	if (from === 'held' && to === 'in_adjustment') {
		// Sending for adjustment freezes the minutes: the people who lead the meeting (chair or
		// secretary, whatever their board role) decide the minutes are ready, and there must be
		// someone to approve them — a chair and at least one appointed adjuster.
		if (!actor.isChair && !actor.isSecretary) return refuse('error_meeting_move_chair_or_secretary');
		if (!appointed.chair) return refuse('error_meeting_move_needs_chair');
		if (appointed.adjusters < 1) return refuse('error_meeting_move_needs_adjuster');
		return OK;
	}

	if (from === 'in_adjustment' && to === 'held') {
		// Reopening unfreezes the minutes and clears every approval (adjustment.ts, `reopen`); it
		// overrules the adjusters' work, so it is the chair's call alone, not the secretary's.
		return actor.isChair ? OK : refuse('error_meeting_move_chair_only');
	}

	return refuse('error_meeting_move_not_possible');
}

/** The statuses this person may move the meeting to now (what the page offers). */
export function allowedMoves(from: LifecycleStatus, actor: MeetingActor, appointed: MoveRequest['appointed']): LifecycleStatus[] {
	return LIFECYCLE_STATUSES.filter((to) => mayMoveMeeting({ from, to, actor, appointed }).ok);
}
