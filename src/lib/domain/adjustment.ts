import { hasControlChars, CONTROL_CHARS_ERROR } from './control-chars.js';
import { isIsoDate } from './iso-date.js';
import type { LifecycleStatus, MoveRequest } from './meeting-lifecycle.js';

/**
 * Justering (issue 10, point 3) as pure functions over plain data: the chair appoints one or two
 * adjusters and a due date; the chair and the adjusters approve a version of the protocol (its
 * hash) or object to a §; the secretary answers each objection. Every entry keeps who and when.
 * Each function returns a new state or a refusal with a message key; none changes its input.
 * Where the state is stored (and that the meeting is in the right status) is the caller's part;
 * the status is passed in so a refusal can say why.
 */
export interface Appointment {
	adjusterIds: readonly string[];
	/** The date by which adjustment is due, YYYY-MM-DD. */
	dueDate: string;
	by: string;
	at: string;
}

export interface Approval {
	by: string;
	at: string;
	/** The hash of the protocol version approved. */
	version: string;
	/** Set when the approver objected afterwards or the chair reopened the minutes; kept as history. */
	withdrawnAt: string | null;
}

export const ANSWER_OUTCOMES = ['corrected', 'not_changed'] as const;
export type AnswerOutcome = (typeof ANSWER_OUTCOMES)[number];

export interface Answer {
	outcome: AnswerOutcome;
	reason: string;
	by: string;
	at: string;
}

export interface Objection {
	id: string;
	by: string;
	at: string;
	version: string;
	/** The agenda item (§) objected to; null for the protocol's header (who was present, and how). */
	itemId: string | null;
	problem: string;
	suggestion: string;
	answer: Answer | null;
}

export interface AdjustmentState {
	chairId: string | null;
	secretaryId: string | null;
	appointment: Appointment | null;
	approvals: readonly Approval[];
	objections: readonly Objection[];
}

export const ADJUSTMENT_REFUSALS = [
	'error_adjust_wrong_status',
	'error_adjust_not_chair',
	'error_adjust_adjuster_count',
	'error_adjust_adjuster_not_member',
	'error_adjust_adjuster_has_role',
	'error_adjust_due_date_invalid',
	'error_adjust_not_approver',
	'error_adjust_version_stale',
	'error_adjust_item_unknown',
	'error_adjust_problem_required',
	'error_adjust_not_secretary',
	'error_adjust_objection_unknown',
	'error_adjust_already_answered',
	'error_adjust_reason_required'
] as const;
/** Text limits and control characters answer with the keys the forms already use. */
export type AdjustmentRefusal = (typeof ADJUSTMENT_REFUSALS)[number] | 'error_too_long' | typeof CONTROL_CHARS_ERROR;

export type AdjustmentResult = { ok: true; state: AdjustmentState } | { ok: false; reason: AdjustmentRefusal };

/** Longest objection, suggestion or answer (a few paragraphs; a protocol § is rarely longer). */
export const MAX_ADJUSTMENT_TEXT = 4000;

const refuse = (reason: AdjustmentRefusal): AdjustmentResult => ({ ok: false, reason });
const done = (state: AdjustmentState): AdjustmentResult => ({ ok: true, state });

/** Before the meeting is sent for adjustment, with its chair and secretary from the meeting document. */
export function newAdjustment(roles: { chairId: string | null; secretaryId: string | null }): AdjustmentState {
	return { chairId: roles.chairId, secretaryId: roles.secretaryId, appointment: null, approvals: [], objections: [] };
}

export const adjusterIds = (state: AdjustmentState): readonly string[] => state.appointment?.adjusterIds ?? [];

/** Those whose approval makes the protocol adjusted: the chair and every adjuster. */
export function approverIds(state: AdjustmentState): string[] {
	return state.chairId === null ? [...adjusterIds(state)] : [state.chairId, ...adjusterIds(state)];
}

/** What sending the minutes for adjustment needs to know (meeting-lifecycle.ts, `mayMoveMeeting`). */
export function appointedFor(state: AdjustmentState): MoveRequest['appointed'] {
	return { chair: state.chairId !== null, adjusters: adjusterIds(state).length };
}

/** A problem with a typed text, or null; a blank text is refused with `missing` unless that is null (optional). */
function textProblem(text: string, missing: AdjustmentRefusal | null): AdjustmentRefusal | null {
	if (missing !== null && text.trim() === '') return missing;
	if (text.length > MAX_ADJUSTMENT_TEXT) return 'error_too_long';
	if (hasControlChars(text, true)) return CONTROL_CHARS_ERROR;
	return null;
}

const APPOINTING: readonly LifecycleStatus[] = ['planned', 'in_progress', 'held'];

/**
 * The chair appoints one or two adjusters among the board's members and a due date. Only before
 * the minutes are sent: changing who approves while they are approving would let the chair swap
 * out an objecting adjuster; the chair reopens first (which clears every approval anyway).
 * Neither the chair nor the secretary can adjust: the adjusters check the chair's conduct of the
 * meeting and the secretary's record of it, so they must be other people.
 */
export function appoint(
	state: AdjustmentState,
	input: { by: string; at: string; status: LifecycleStatus; adjusterIds: readonly string[]; dueDate: string; memberIds: readonly string[] }
): AdjustmentResult {
	if (!APPOINTING.includes(input.status)) return refuse('error_adjust_wrong_status');
	if (state.chairId === null || input.by !== state.chairId) return refuse('error_adjust_not_chair');
	const ids = input.adjusterIds;
	if (ids.length < 1 || ids.length > 2 || new Set(ids).size !== ids.length) return refuse('error_adjust_adjuster_count');
	if (!ids.every((id) => input.memberIds.includes(id))) return refuse('error_adjust_adjuster_not_member');
	if (ids.some((id) => id === state.chairId || id === state.secretaryId)) return refuse('error_adjust_adjuster_has_role');
	if (!isIsoDate(input.dueDate)) return refuse('error_adjust_due_date_invalid');
	return done({ ...state, appointment: { adjusterIds: [...ids], dueDate: input.dueDate, by: input.by, at: input.at } });
}

/** What an approver or objector states: who, when, and which version they read, against the current one. */
interface Reading {
	by: string;
	at: string;
	status: LifecycleStatus;
	/** The version the person read and acts on. */
	version: string;
	/** The version the server holds now. */
	currentVersion: string;
}

/** A problem with a reading, or null: only while in adjustment, only approvers, only the current version. */
function readingProblem(state: AdjustmentState, reading: Reading): AdjustmentRefusal | null {
	if (reading.status !== 'in_adjustment') return 'error_adjust_wrong_status';
	if (!approverIds(state).includes(reading.by)) return 'error_adjust_not_approver';
	// An approval of a version the secretary has since corrected would approve words no longer there.
	if (reading.version !== reading.currentVersion) return 'error_adjust_version_stale';
	return null;
}

const standing = (approval: Approval) => approval.withdrawnAt === null;

/** The chair or an adjuster approves the version they read. Approving it again changes nothing. */
export function approve(state: AdjustmentState, reading: Reading): AdjustmentResult {
	const problem = readingProblem(state, reading);
	if (problem) return refuse(problem);
	if (state.approvals.some((a) => standing(a) && a.by === reading.by && a.version === reading.version)) return done(state);
	const approval: Approval = { by: reading.by, at: reading.at, version: reading.version, withdrawnAt: null };
	return done({ ...state, approvals: [...state.approvals, approval] });
}

/**
 * The chair or an adjuster objects to a § (or the header) with what is wrong and, if they have
 * one, the wording they suggest. Objecting withdraws the objector's standing approvals: one cannot
 * both approve and object. The id is the objection's number, so it is the same on every instance.
 */
export function object(
	state: AdjustmentState,
	input: Reading & { itemId: string | null; itemIds: readonly string[]; problem: string; suggestion: string }
): AdjustmentResult {
	const problem = readingProblem(state, input);
	if (problem) return refuse(problem);
	if (input.itemId !== null && !input.itemIds.includes(input.itemId)) return refuse('error_adjust_item_unknown');
	const text = textProblem(input.problem, 'error_adjust_problem_required') ?? textProblem(input.suggestion, null);
	if (text) return refuse(text);
	const objection: Objection = {
		id: String(state.objections.length + 1),
		by: input.by,
		at: input.at,
		version: input.version,
		itemId: input.itemId,
		problem: input.problem.trim(),
		suggestion: input.suggestion.trim(),
		answer: null
	};
	const approvals = state.approvals.map((a) => (a.by === input.by && standing(a) ? { ...a, withdrawnAt: input.at } : a));
	return done({ ...state, approvals, objections: [...state.objections, objection] });
}

/**
 * The secretary answers an objection once: corrected (a note is optional; the new version shows
 * the change) or not changed (the reason is required, so the adjuster can judge it).
 */
export function answer(
	state: AdjustmentState,
	input: { by: string; at: string; status: LifecycleStatus; objectionId: string; outcome: AnswerOutcome; reason: string }
): AdjustmentResult {
	if (input.status !== 'in_adjustment') return refuse('error_adjust_wrong_status');
	if (state.secretaryId === null || input.by !== state.secretaryId) return refuse('error_adjust_not_secretary');
	const target = state.objections.find((o) => o.id === input.objectionId);
	if (!target) return refuse('error_adjust_objection_unknown');
	if (target.answer !== null) return refuse('error_adjust_already_answered');
	const text = textProblem(input.reason, input.outcome === 'not_changed' ? 'error_adjust_reason_required' : null);
	if (text) return refuse(text);
	const given: Answer = { outcome: input.outcome, reason: input.reason.trim(), by: input.by, at: input.at };
	return done({ ...state, objections: state.objections.map((o) => (o === target ? { ...o, answer: given } : o)) });
}

/**
 * The chair takes the minutes back from adjustment (in_adjustment → held). Every standing approval
 * is withdrawn: the minutes will change, and the next round starts from nothing. Objections and
 * their answers stay, as the record of the first round.
 */
export function reopen(state: AdjustmentState, input: { by: string; at: string; status: LifecycleStatus }): AdjustmentResult {
	if (input.status !== 'in_adjustment') return refuse('error_adjust_wrong_status');
	if (state.chairId === null || input.by !== state.chairId) return refuse('error_adjust_not_chair');
	return done({ ...state, approvals: state.approvals.map((a) => (standing(a) ? { ...a, withdrawnAt: input.at } : a)) });
}

/** Approvers who have not yet approved `version` (what the page lists as still to approve). */
export function pendingApprovers(state: AdjustmentState, version: string): string[] {
	return approverIds(state).filter((id) => !state.approvals.some((a) => standing(a) && a.by === id && a.version === version));
}

export const unansweredObjections = (state: AdjustmentState): Objection[] => state.objections.filter((o) => o.answer === null);

/**
 * Adjusted: there is a chair and at least one adjuster, the chair and every adjuster approved this
 * same version, and every objection has been answered.
 */
export function isAdjusted(state: AdjustmentState, version: string): boolean {
	return (
		state.chairId !== null &&
		adjusterIds(state).length > 0 &&
		pendingApprovers(state, version).length === 0 &&
		unansweredObjections(state).length === 0
	);
}
