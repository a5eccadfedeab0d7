import { describe, expect, it } from 'vitest';
import { mayMoveMeeting } from './meeting-lifecycle';
import {
	answer,
	appoint,
	appointedFor,
	approve,
	approverIds,
	isAdjusted,
	MAX_ADJUSTMENT_TEXT,
	newAdjustment,
	object,
	pendingApprovers,
	reopen,
	unansweredObjections,
	type AdjustmentResult,
	type AdjustmentState
} from './adjustment';

// chair, secretary, two adjusters (one from the user association), a viewer, and someone outside the board.
const MEMBERS = ['chair', 'sec', 'adj1', 'adj2', 'viewer'];
const ITEMS = ['i1', 'i2'];
const AT = '2026-11-30T10:00:00.000Z';
const LATER = '2026-11-30T11:00:00.000Z';

const state = (result: AdjustmentResult): AdjustmentState => {
	if (!result.ok) throw new Error(`refused: ${result.reason}`);
	return result.state;
};
const reason = (result: AdjustmentResult) => (result.ok ? 'ok' : result.reason);

const fresh = () => newAdjustment({ chairId: 'chair', secretaryId: 'sec' });
const appointed = (ids = ['adj1', 'adj2']) =>
	state(appoint(fresh(), { by: 'chair', at: AT, status: 'held', adjusterIds: ids, dueDate: '2026-12-14', memberIds: MEMBERS }));
const reading = (by: string, version = 'v1', currentVersion = version) => ({ by, at: LATER, status: 'in_adjustment' as const, version, currentVersion });
const objection = (by: string, extra: Partial<Parameters<typeof object>[1]> = {}) => ({
	...reading(by),
	itemId: 'i2',
	itemIds: ITEMS,
	problem: 'Beslutet saknar datum.',
	suggestion: 'Beslutet gäller från 1 januari.',
	...extra
});
const approveAll = (s: AdjustmentState, version = 'v1') =>
	['chair', 'adj1', 'adj2'].reduce((acc, by) => state(approve(acc, reading(by, version))), s);

describe('appointing adjusters', () => {
	it('the chair appoints one or two members and a due date; who and when are kept', () => {
		const s = appointed();
		expect(s.appointment).toEqual({ adjusterIds: ['adj1', 'adj2'], dueDate: '2026-12-14', by: 'chair', at: AT });
		expect(approverIds(s)).toEqual(['chair', 'adj1', 'adj2']);
		expect(approverIds(appointed(['viewer']))).toEqual(['chair', 'viewer']);
	});

	it('sending for adjustment waits for the appointment', () => {
		const chair = { role: 'editor' as const, isChair: true, isSecretary: false, isAdjuster: false };
		const send = (s: AdjustmentState) => mayMoveMeeting({ from: 'held', to: 'in_adjustment', actor: chair, appointed: appointedFor(s) });
		expect(send(fresh())).toEqual({ ok: false, reason: 'error_meeting_move_needs_adjuster' });
		expect(send(newAdjustment({ chairId: null, secretaryId: 'sec' }))).toEqual({ ok: false, reason: 'error_meeting_move_needs_chair' });
		expect(send(appointed(['adj1']))).toEqual({ ok: true });
	});

	it('does not change the state it was given', () => {
		const before = fresh();
		const copy = structuredClone(before);
		appoint(before, { by: 'chair', at: AT, status: 'held', adjusterIds: ['adj1'], dueDate: '2026-12-14', memberIds: MEMBERS });
		expect(before).toEqual(copy);
	});

	const attempt = (changes: Partial<Parameters<typeof appoint>[1]>, s = fresh()) =>
		reason(appoint(s, { by: 'chair', at: AT, status: 'held', adjusterIds: ['adj1'], dueDate: '2026-12-14', memberIds: MEMBERS, ...changes }));

	it('refuses anyone but the chair, and a meeting with no chair', () => {
		expect(attempt({ by: 'sec' })).toBe('error_adjust_not_chair');
		expect(attempt({ by: 'adj1' })).toBe('error_adjust_not_chair');
		expect(attempt({ by: 'chair' }, newAdjustment({ chairId: null, secretaryId: 'sec' }))).toBe('error_adjust_not_chair');
	});

	it('refuses none, a third adjuster, or the same one twice', () => {
		expect(attempt({ adjusterIds: [] })).toBe('error_adjust_adjuster_count');
		expect(attempt({ adjusterIds: ['adj1', 'adj2', 'viewer'] })).toBe('error_adjust_adjuster_count');
		expect(attempt({ adjusterIds: ['adj1', 'adj1'] })).toBe('error_adjust_adjuster_count');
	});

	it('refuses an adjuster who is not a member, or who is the chair or the secretary', () => {
		expect(attempt({ adjusterIds: ['adj1', 'stranger'] })).toBe('error_adjust_adjuster_not_member');
		expect(attempt({ adjusterIds: ['chair'] })).toBe('error_adjust_adjuster_has_role');
		expect(attempt({ adjusterIds: ['adj1', 'sec'] })).toBe('error_adjust_adjuster_has_role');
	});

	it('refuses a due date that is not a real date', () => {
		expect(attempt({ dueDate: '2026-02-30' })).toBe('error_adjust_due_date_invalid');
		expect(attempt({ dueDate: '' })).toBe('error_adjust_due_date_invalid');
	});

	it('only before the minutes are sent: no swapping adjusters during adjustment, none after', () => {
		expect(attempt({ status: 'planned' })).toBe('ok');
		expect(attempt({ status: 'in_adjustment' }, appointed())).toBe('error_adjust_wrong_status');
		expect(attempt({ status: 'adjusted' }, appointed())).toBe('error_adjust_wrong_status');
		expect(attempt({ status: 'cancelled' })).toBe('error_adjust_wrong_status');
	});
});

describe('approving', () => {
	it('the chair and every adjuster approving the same version adjusts the protocol', () => {
		let s = appointed();
		s = state(approve(s, reading('adj1')));
		s = state(approve(s, reading('chair')));
		expect(pendingApprovers(s, 'v1')).toEqual(['adj2']);
		expect(isAdjusted(s, 'v1')).toBe(false);
		s = state(approve(s, reading('adj2')));
		expect(isAdjusted(s, 'v1')).toBe(true);
		expect(isAdjusted(s, 'v2')).toBe(false);
		expect(s.approvals.map((a) => [a.by, a.at, a.version])).toEqual([
			['adj1', LATER, 'v1'],
			['chair', LATER, 'v1'],
			['adj2', LATER, 'v1']
		]);
	});

	it('approvals of different versions do not add up', () => {
		let s = appointed();
		s = state(approve(s, reading('chair', 'v1')));
		s = state(approve(s, reading('adj1', 'v2')));
		s = state(approve(s, reading('adj2', 'v2')));
		expect(isAdjusted(s, 'v1')).toBe(false);
		expect(isAdjusted(s, 'v2')).toBe(false);
		expect(pendingApprovers(s, 'v2')).toEqual(['chair']);
	});

	it('refuses an old version: the text approved must be the text held now', () => {
		expect(reason(approve(appointed(), reading('adj1', 'v1', 'v2')))).toBe('error_adjust_version_stale');
	});

	it('refuses a non-adjuster: the secretary, a viewer, an outsider', () => {
		for (const by of ['sec', 'viewer', 'stranger']) expect(reason(approve(appointed(), reading(by)))).toBe('error_adjust_not_approver');
	});

	it('only while in adjustment', () => {
		for (const status of ['held', 'adjusted', 'planned'] as const) {
			expect(reason(approve(appointed(), { ...reading('adj1'), status }))).toBe('error_adjust_wrong_status');
		}
	});

	it('approving the same version twice records it once', () => {
		const once = state(approve(appointed(), reading('adj1')));
		const twice = state(approve(once, reading('adj1')));
		expect(twice.approvals).toHaveLength(1);
	});

	it('no adjusters appointed or no chair: never adjusted', () => {
		const noAdjusters = state(approve(fresh(), reading('chair')));
		expect(isAdjusted(noAdjusters, 'v1')).toBe(false);
		const noChair = { ...approveAll(appointed()), chairId: null };
		expect(isAdjusted(noChair, 'v1')).toBe(false);
	});
});

describe('objections and answers', () => {
	it('an objection is tied to a § with the suggested wording; who and when are kept', () => {
		const s = state(object(appointed(), objection('adj2', { problem: '  Beslutet saknar datum. ' })));
		expect(s.objections).toEqual([
			{ id: '1', by: 'adj2', at: LATER, version: 'v1', itemId: 'i2', problem: 'Beslutet saknar datum.', suggestion: 'Beslutet gäller från 1 januari.', answer: null }
		]);
	});

	it('an unanswered objection blocks adjustment even when everyone approved', () => {
		let s = state(object(appointed(), objection('adj1')));
		s = approveAll(s);
		expect(pendingApprovers(s, 'v1')).toEqual([]);
		expect(isAdjusted(s, 'v1')).toBe(false);
		s = state(answer(s, { by: 'sec', at: LATER, status: 'in_adjustment', objectionId: '1', outcome: 'not_changed', reason: 'Datumet står i § 3.' }));
		expect(unansweredObjections(s)).toEqual([]);
		expect(s.objections[0].answer).toEqual({ outcome: 'not_changed', reason: 'Datumet står i § 3.', by: 'sec', at: LATER });
		expect(isAdjusted(s, 'v1')).toBe(true);
	});

	it('objecting withdraws the objector’s own approval, and only theirs', () => {
		let s = approveAll(appointed());
		s = state(object(s, objection('adj1')));
		expect(pendingApprovers(s, 'v1')).toEqual(['adj1']);
		expect(s.approvals.find((a) => a.by === 'adj1')?.withdrawnAt).toBe(LATER);
		expect(s.approvals).toHaveLength(3);
	});

	it('the header (null §) may be objected to; an unknown § may not', () => {
		expect(reason(object(appointed(), objection('adj1', { itemId: null })))).toBe('ok');
		expect(reason(object(appointed(), objection('adj1', { itemId: 'i9' })))).toBe('error_adjust_item_unknown');
	});

	it('refuses an objection without text, too long, with control characters, by a non-approver, or on an old version', () => {
		expect(reason(object(appointed(), objection('adj1', { problem: '   ' })))).toBe('error_adjust_problem_required');
		expect(reason(object(appointed(), objection('adj1', { problem: 'x'.repeat(MAX_ADJUSTMENT_TEXT + 1) })))).toBe('error_too_long');
		expect(reason(object(appointed(), objection('adj1', { suggestion: 'x'.repeat(MAX_ADJUSTMENT_TEXT + 1) })))).toBe('error_too_long');
		expect(reason(object(appointed(), objection('adj1', { problem: 'fel\u0000' })))).toBe('access_error_control_chars');
		expect(reason(object(appointed(), objection('adj1', { suggestion: '' })))).toBe('ok');
		expect(reason(object(appointed(), objection('sec')))).toBe('error_adjust_not_approver');
		expect(reason(object(appointed(), { ...objection('adj1'), currentVersion: 'v2' }))).toBe('error_adjust_version_stale');
	});

	const withObjection = () => state(object(appointed(), objection('adj1')));
	const reply = (changes: Partial<Parameters<typeof answer>[1]>, s = withObjection()) =>
		answer(s, { by: 'sec', at: LATER, status: 'in_adjustment', objectionId: '1', outcome: 'corrected', reason: '', ...changes });

	it('the secretary answers corrected (note optional) or not changed (reason required)', () => {
		expect(state(reply({})).objections[0].answer).toEqual({ outcome: 'corrected', reason: '', by: 'sec', at: LATER });
		expect(reason(reply({ outcome: 'not_changed', reason: ' ' }))).toBe('error_adjust_reason_required');
		expect(reason(reply({ outcome: 'not_changed', reason: 'x'.repeat(MAX_ADJUSTMENT_TEXT + 1) }))).toBe('error_too_long');
	});

	it('refuses an answer by anyone but the secretary, to an unknown objection, twice, or outside adjustment', () => {
		for (const by of ['chair', 'adj1', 'viewer']) expect(reason(reply({ by }))).toBe('error_adjust_not_secretary');
		expect(reason(reply({}, newAdjustment({ chairId: 'chair', secretaryId: null })))).toBe('error_adjust_not_secretary');
		expect(reason(reply({ objectionId: '2' }))).toBe('error_adjust_objection_unknown');
		expect(reason(reply({}, state(reply({}))))).toBe('error_adjust_already_answered');
		expect(reason(reply({ status: 'held' }))).toBe('error_adjust_wrong_status');
	});

	it('objection ids count up, so every instance gives the same one', () => {
		let s = state(object(appointed(), objection('adj1')));
		s = state(object(s, objection('chair', { itemId: 'i1' })));
		expect(s.objections.map((o) => [o.id, o.by])).toEqual([
			['1', 'adj1'],
			['2', 'chair']
		]);
	});

	it('does not change the state it was given', () => {
		const before = approveAll(withObjection());
		const copy = structuredClone(before);
		object(before, objection('adj2'));
		reply({}, before);
		reopen(before, { by: 'chair', at: LATER, status: 'in_adjustment' });
		expect(before).toEqual(copy);
	});
});

describe('reopening', () => {
	it('the chair reopens: every approval is withdrawn (kept as history), objections stay', () => {
		const before = approveAll(state(object(appointed(), objection('adj1'))));
		const s = state(reopen(before, { by: 'chair', at: '2026-12-01T09:00:00.000Z', status: 'in_adjustment' }));
		expect(s.approvals).toHaveLength(3);
		expect(s.approvals.every((a) => a.withdrawnAt !== null)).toBe(true);
		expect(pendingApprovers(s, 'v1')).toEqual(['chair', 'adj1', 'adj2']);
		expect(s.objections).toEqual(before.objections);
	});

	it('only the chair, only while in adjustment', () => {
		expect(reason(reopen(appointed(), { by: 'sec', at: LATER, status: 'in_adjustment' }))).toBe('error_adjust_not_chair');
		expect(reason(reopen(appointed(), { by: 'chair', at: LATER, status: 'adjusted' }))).toBe('error_adjust_wrong_status');
	});
});
