import { describe, expect, it } from 'vitest';
import {
	allowedMoves,
	isLifecycleStatus,
	LIFECYCLE_STATUSES,
	mayMoveMeeting,
	meetingActor,
	type LifecycleStatus,
	type MeetingActor
} from './meeting-lifecycle';
import { BOARD_ROLES, type BoardRole } from './roles';

const person = (role: BoardRole | null, roles: Partial<Omit<MeetingActor, 'role'>> = {}): MeetingActor => ({
	role,
	isChair: false,
	isSecretary: false,
	isAdjuster: false,
	...roles
});
const ready = { chair: true, adjusters: 1 };
const move = (from: LifecycleStatus, to: LifecycleStatus, actor: MeetingActor, appointed = ready) =>
	mayMoveMeeting({ from, to, actor, appointed });
const refusal = (from: LifecycleStatus, to: LifecycleStatus, actor: MeetingActor, appointed = ready) => {
	const result = move(from, to, actor, appointed);
	return result.ok ? 'ok' : result.reason;
};

describe('preparing and running a meeting', () => {
	const editorMoves: Array<[LifecycleStatus, LifecycleStatus]> = [
		['planned', 'in_progress'],
		['in_progress', 'planned'],
		['in_progress', 'held'],
		['held', 'in_progress'],
		['planned', 'held'],
		['planned', 'cancelled'],
		['cancelled', 'planned']
	];
	it.each(editorMoves)('%s → %s: owners and editors only', (from, to) => {
		expect(refusal(from, to, person('owner'))).toBe('ok');
		expect(refusal(from, to, person('editor'))).toBe('ok');
		expect(refusal(from, to, person('contributor'))).toBe('error_meeting_move_editors_only');
		expect(refusal(from, to, person('viewer'))).toBe('error_meeting_move_editors_only');
		// Chairing the meeting does not stand in for the board role here.
		expect(refusal(from, to, person('contributor', { isChair: true, isSecretary: true }))).toBe('error_meeting_move_editors_only');
	});

	it('a held meeting did take place: it cannot go back to planned', () => {
		expect(refusal('held', 'planned', person('owner'))).toBe('error_meeting_move_not_possible');
	});

	it('only a meeting that has not started can be cancelled', () => {
		for (const from of ['in_progress', 'held', 'in_adjustment'] as const) {
			expect(refusal(from, 'cancelled', person('owner', { isChair: true }))).toBe('error_meeting_move_not_possible');
		}
		expect(refusal('cancelled', 'in_progress', person('owner'))).toBe('error_meeting_move_not_possible');
	});

	it('a non-member (or a removed member) moves nothing', () => {
		expect(refusal('planned', 'in_progress', person(null, { isChair: true }))).toBe('error_meeting_move_not_member');
		expect(refusal('held', 'in_adjustment', person(null, { isChair: true }))).toBe('error_meeting_move_not_member');
	});

	it('staying put is not a move', () => {
		expect(refusal('held', 'held', person('owner'))).toBe('error_meeting_move_unchanged');
	});
});

describe('sending for adjustment (held → in_adjustment)', () => {
	it('the chair or the secretary sends it, whatever their board role', () => {
		expect(refusal('held', 'in_adjustment', person('contributor', { isChair: true }))).toBe('ok');
		expect(refusal('held', 'in_adjustment', person('editor', { isSecretary: true }))).toBe('ok');
	});

	it('an owner, an editor or an adjuster who is neither chair nor secretary cannot', () => {
		expect(refusal('held', 'in_adjustment', person('owner'))).toBe('error_meeting_move_chair_or_secretary');
		expect(refusal('held', 'in_adjustment', person('editor', { isAdjuster: true }))).toBe('error_meeting_move_chair_or_secretary');
	});

	it('needs a chair and at least one adjuster appointed', () => {
		const chair = person('editor', { isChair: true });
		const secretary = person('editor', { isSecretary: true });
		expect(refusal('held', 'in_adjustment', secretary, { chair: false, adjusters: 2 })).toBe('error_meeting_move_needs_chair');
		expect(refusal('held', 'in_adjustment', chair, { chair: true, adjusters: 0 })).toBe('error_meeting_move_needs_adjuster');
		expect(refusal('held', 'in_adjustment', chair, { chair: true, adjusters: 2 })).toBe('ok');
	});

	it('only from held: a meeting still running or merely planned cannot be sent', () => {
		const chair = person('owner', { isChair: true });
		expect(refusal('in_progress', 'in_adjustment', chair)).toBe('error_meeting_move_not_possible');
		expect(refusal('planned', 'in_adjustment', chair)).toBe('error_meeting_move_not_possible');
	});
});

describe('during and after adjustment', () => {
	it('reopening (in_adjustment → held) is the chair’s alone', () => {
		expect(refusal('in_adjustment', 'held', person('contributor', { isChair: true }))).toBe('ok');
		expect(refusal('in_adjustment', 'held', person('owner', { isSecretary: true }))).toBe('error_meeting_move_chair_only');
		expect(refusal('in_adjustment', 'held', person('owner', { isAdjuster: true }))).toBe('error_meeting_move_chair_only');
	});

	it('nobody declares a protocol adjusted by hand, from any status', () => {
		const everyone = person('owner', { isChair: true, isSecretary: true, isAdjuster: true });
		for (const from of LIFECYCLE_STATUSES.filter((s) => s !== 'adjusted')) {
			expect(refusal(from, 'adjusted', everyone)).toBe('error_meeting_move_by_approvals');
		}
	});

	it('adjusted is final: no way back for anyone', () => {
		const everyone = person('owner', { isChair: true, isSecretary: true, isAdjuster: true });
		for (const to of LIFECYCLE_STATUSES.filter((s) => s !== 'adjusted')) {
			expect(refusal('adjusted', to, everyone)).toBe('error_meeting_move_adjusted_final');
		}
	});

	it('an in-adjustment meeting cannot jump back to running or planned', () => {
		const chair = person('owner', { isChair: true });
		expect(refusal('in_adjustment', 'in_progress', chair)).toBe('error_meeting_move_not_possible');
		expect(refusal('in_adjustment', 'planned', chair)).toBe('error_meeting_move_not_possible');
	});
});

describe('helpers', () => {
	it('meetingActor reads the meeting roles for one person', () => {
		const roles = { chairId: 'c', secretaryId: 's', adjusterIds: ['a1', 'a2'] };
		expect(meetingActor('c', 'editor', roles)).toEqual({ role: 'editor', isChair: true, isSecretary: false, isAdjuster: false });
		expect(meetingActor('a2', 'viewer', roles)).toEqual({ role: 'viewer', isChair: false, isSecretary: false, isAdjuster: true });
		expect(meetingActor('x', null, { chairId: null, secretaryId: null, adjusterIds: [] }).isChair).toBe(false);
	});

	it('allowedMoves lists exactly the moves mayMoveMeeting allows', () => {
		expect(allowedMoves('planned', person('editor'), ready)).toEqual(['in_progress', 'held', 'cancelled']);
		expect(allowedMoves('held', person('editor', { isChair: true }), ready)).toEqual(['in_progress', 'in_adjustment']);
		expect(allowedMoves('held', person('viewer', { isChair: true }), { chair: true, adjusters: 0 })).toEqual([]);
		expect(allowedMoves('adjusted', person('owner', { isChair: true }), ready)).toEqual([]);
		for (const role of BOARD_ROLES) expect(allowedMoves('in_adjustment', person(role), ready)).toEqual([]);
	});

	it('isLifecycleStatus guards stored values', () => {
		expect(LIFECYCLE_STATUSES.every(isLifecycleStatus)).toBe(true);
		expect(isLifecycleStatus('justerat')).toBe(false);
		expect(isLifecycleStatus(undefined)).toBe(false);
	});
});
