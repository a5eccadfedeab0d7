import { describe, expect, it } from 'vitest';
import { writeScope } from './meeting-freeze';
import { LIFECYCLE_STATUSES, type MeetingActor } from './meeting-lifecycle';
import { docAccess, type DocAccess } from './permissions';
import { BOARD_ROLES, type BoardRole } from './roles';

const person = (role: BoardRole | null, roles: Partial<Omit<MeetingActor, 'role'>> = {}): MeetingActor => ({
	role,
	isChair: false,
	isSecretary: false,
	isAdjuster: false,
	...roles
});
const ROLES = [...BOARD_ROLES, null] as const;
const RANK: Record<DocAccess, number> = { none: 0, read: 1, write: 2 };

describe('writeScope', () => {
	it.each(['planned', 'in_progress', 'held'] as const)('%s: the board roles decide, as before', (status) => {
		for (const role of ROLES) {
			expect(writeScope(status, person(role))).toEqual({ meeting: docAccess(role, 'meeting'), voices: docAccess(role, 'voices'), comments: docAccess(role, 'comments') });
		}
	});

	it('in adjustment only the secretary writes the meeting document', () => {
		expect(writeScope('in_adjustment', person('editor', { isSecretary: true })).meeting).toBe('write');
		for (const actor of [person('owner'), person('owner', { isChair: true }), person('editor', { isAdjuster: true })]) {
			expect(writeScope('in_adjustment', actor).meeting).toBe('read');
		}
	});

	it('in adjustment voices are frozen for everyone, the secretary and owners too', () => {
		for (const role of BOARD_ROLES) {
			expect(writeScope('in_adjustment', person(role, { isSecretary: true, isChair: true })).voices).toBe('read');
		}
	});

	it('in adjustment comments stay open to every member: they change neither minutes nor protocol', () => {
		for (const role of BOARD_ROLES) expect(writeScope('in_adjustment', person(role)).comments).toBe('write');
	});

	it.each(['adjusted', 'cancelled'] as const)('%s: nobody writes either document, but members still read', (status) => {
		for (const role of BOARD_ROLES) {
			expect(writeScope(status, person(role, { isSecretary: true, isChair: true, isAdjuster: true }))).toEqual({ meeting: 'read', voices: 'read', comments: 'read' });
		}
	});

	it('never widens docAccess: a secretary who only reads, and a non-member, gain nothing', () => {
		expect(writeScope('in_adjustment', person('contributor', { isSecretary: true })).meeting).toBe('read');
		expect(writeScope('in_adjustment', person('viewer', { isSecretary: true }))).toEqual({ meeting: 'read', voices: 'read', comments: 'write' });
		for (const status of LIFECYCLE_STATUSES) {
			expect(writeScope(status, person(null, { isSecretary: true }))).toEqual({ meeting: 'none', voices: 'none', comments: 'none' });
			for (const role of ROLES) {
				for (const flags of [{}, { isSecretary: true }, { isChair: true, isAdjuster: true }]) {
					const scope = writeScope(status, person(role, flags));
					expect(RANK[scope.meeting]).toBeLessThanOrEqual(RANK[docAccess(role, 'meeting')]);
					expect(RANK[scope.voices]).toBeLessThanOrEqual(RANK[docAccess(role, 'voices')]);
				}
			}
		}
	});
});
