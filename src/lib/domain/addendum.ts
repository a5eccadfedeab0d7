import { hasControlChars, CONTROL_CHARS_ERROR } from './control-chars.js';
import { approverIds, MAX_ADJUSTMENT_TEXT, type AdjustmentState } from './adjustment.js';
import type { LifecycleStatus } from './meeting-lifecycle.js';
import { protocolHash } from './protocol/canonical.js';

/**
 * A correction after adjustment (issue 10, point 4): an addendum (protokollsanteckning), never an
 * edit. The chair or the secretary writes it; the same people who adjusted the protocol (the
 * chair and every adjuster) approve it, separately. It names the adjusted protocol's hash, so it
 * belongs to that protocol and leaves its hash as it is; it has a hash of its own.
 */
export interface AddendumApproval {
	by: string;
	at: string;
}

export interface Addendum {
	/** 1, 2, 3 … within the meeting. */
	number: number;
	text: string;
	by: string;
	at: string;
	/** SHA-256 of the addendum's canonical form (the protocol it corrects, its number and text). */
	hash: string;
	approvals: readonly AddendumApproval[];
	/** When the last approver approved; null while it waits for approvals. */
	approvedAt: string | null;
}

export const ADDENDUM_REFUSALS = [
	'error_addendum_not_adjusted',
	'error_addendum_not_writer',
	'error_addendum_text_required',
	'error_addendum_not_approver',
	'error_addendum_unknown'
] as const;
export type AddendumRefusal = (typeof ADDENDUM_REFUSALS)[number] | 'error_too_long' | typeof CONTROL_CHARS_ERROR;
export type AddendumResult = { ok: true; addendum: Addendum } | { ok: false; reason: AddendumRefusal };

/** The hash of an addendum: what it corrects and what it says, nothing else. */
export function addendumHash(protocol: string, number: number, text: string): string {
	return protocolHash({ kind: 'addendum', protocol, number, text });
}

/** The chair or the secretary writes an addendum to an adjusted protocol. */
export function writeAddendum(
	state: AdjustmentState,
	input: { by: string; at: string; status: LifecycleStatus; text: string; protocolHash: string; existing: readonly Addendum[] }
): AddendumResult {
	if (input.status !== 'adjusted') return { ok: false, reason: 'error_addendum_not_adjusted' };
	if (input.by !== state.chairId && input.by !== state.secretaryId) return { ok: false, reason: 'error_addendum_not_writer' };
	const text = input.text.trim();
	if (text === '') return { ok: false, reason: 'error_addendum_text_required' };
	if (text.length > MAX_ADJUSTMENT_TEXT) return { ok: false, reason: 'error_too_long' };
	if (hasControlChars(text, true)) return { ok: false, reason: CONTROL_CHARS_ERROR };
	const number = input.existing.reduce((max, a) => Math.max(max, a.number), 0) + 1;
	return { ok: true, addendum: { number, text, by: input.by, at: input.at, hash: addendumHash(input.protocolHash, number, text), approvals: [], approvedAt: null } };
}

/**
 * The chair or an adjuster approves an addendum. Approving twice changes nothing; when every one
 * of them has approved, the addendum is approved (and final).
 */
export function approveAddendum(state: AdjustmentState, addendum: Addendum, input: { by: string; at: string }): AddendumResult {
	const approvers = approverIds(state);
	if (!approvers.includes(input.by)) return { ok: false, reason: 'error_addendum_not_approver' };
	if (addendum.approvals.some((a) => a.by === input.by)) return { ok: true, addendum };
	const approvals = [...addendum.approvals, { by: input.by, at: input.at }];
	const done = approvers.every((id) => approvals.some((a) => a.by === id));
	return { ok: true, addendum: { ...addendum, approvals, approvedAt: done ? input.at : null } };
}

/** Approvers who have not yet approved the addendum. */
export const addendumPending = (state: AdjustmentState, addendum: Addendum): string[] =>
	approverIds(state).filter((id) => !addendum.approvals.some((a) => a.by === id));

/** What a protocol's readers see of an addendum: approved ones only, after the protocol they correct. */
export interface PrintedAddendum {
	number: number;
	text: string;
	/** When the last approver approved (ISO). */
	approvedAt: string;
	hash: string;
}

/** The approved addenda, by number, as print view and downloads show them. */
export const printedAddenda = (list: readonly Addendum[]): PrintedAddendum[] =>
	list
		.flatMap(({ number, text, approvedAt, hash }) => (approvedAt === null ? [] : [{ number, text, approvedAt, hash }]))
		.sort((a, b) => a.number - b.number);
