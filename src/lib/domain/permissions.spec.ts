import { describe, expect, it } from 'vitest';
import { asksOnlyForFloor, docAccess, floorAccess, mayChangeOthersVoices, mayRecordReservation, type DocAccess } from './permissions';
import { writeScope } from './meeting-freeze';
import type { BoardRole } from './roles';
import type { DocRef } from './doc-names';

// design.md, "Documents": board and meeting are written by editors; voices by editors and contributors;
// the board's voices (asks) and comments by every member, each only their own entries (checked per entry).
const EXPECTED: Record<BoardRole | 'none', Record<DocRef['kind'], DocAccess>> = {
	owner: { board: 'write', meeting: 'write', voices: 'write', boardVoices: 'write', comments: 'write' },
	editor: { board: 'write', meeting: 'write', voices: 'write', boardVoices: 'write', comments: 'write' },
	contributor: { board: 'read', meeting: 'read', voices: 'write', boardVoices: 'write', comments: 'write' },
	viewer: { board: 'read', meeting: 'read', voices: 'read', boardVoices: 'write', comments: 'write' },
	none: { board: 'none', meeting: 'none', voices: 'none', boardVoices: 'none', comments: 'none' }
};

describe('docAccess', () => {
	for (const [role, kinds] of Object.entries(EXPECTED)) {
		for (const [kind, access] of Object.entries(kinds)) {
			it(`${role} on ${kind} → ${access}`, () => {
				expect(docAccess(role === 'none' ? null : (role as BoardRole), kind as DocRef['kind'])).toBe(access);
			});
		}
	}
});

describe('mayChangeOthersVoices', () => {
	it.each([
		['owner', true],
		['editor', false],
		['contributor', false],
		['viewer', false],
		[null, false]
	] as const)('%s → %s', (role, expected) => {
		expect(mayChangeOthersVoices(role)).toBe(expected);
	});
});

describe('mayRecordReservation (issue 12, point 5)', () => {
	it('follows the voices document: contributors may while the meeting runs; nobody from adjustment on', () => {
		const contributor = { role: 'contributor' as BoardRole, isSecretary: false, isChair: false, isAdjuster: false };
		expect(mayRecordReservation(writeScope('held', contributor).voices)).toBe(true);
		expect(mayRecordReservation(writeScope('in_progress', { ...contributor, role: 'editor' }).voices)).toBe(true);
		expect(mayRecordReservation(writeScope('held', { ...contributor, role: 'viewer' }).voices)).toBe(false);
		for (const status of ['in_adjustment', 'adjusted', 'cancelled'] as const) {
			expect(mayRecordReservation(writeScope(status, { ...contributor, role: 'owner', isSecretary: true }).voices)).toBe(false);
		}
	});
});

describe('floorAccess (issue 14, point 5)', () => {
	const actor = (role: BoardRole, isSecretary = false) => ({ role, isSecretary, isChair: false, isAdjuster: false });
	const socket = (status: Parameters<typeof writeScope>[0], role: BoardRole, isSecretary = false) => floorAccess(writeScope(status, actor(role, isSecretary)), role);

	it('lets contributors write the meeting socket to ask for the floor while the meeting runs, only to ask', () => {
		expect(socket('in_progress', 'contributor')).toBe('write');
		expect(socket('planned', 'editor')).toBe('write');
		expect(socket('in_progress', 'viewer')).toBe('read');
		expect(asksOnlyForFloor('contributor')).toBe(true);
		expect(asksOnlyForFloor('editor')).toBe(false);
		expect(asksOnlyForFloor('owner')).toBe(false);
	});

	it('never widens a frozen or closed meeting: from adjustment on, contributors read', () => {
		for (const status of ['in_adjustment', 'adjusted', 'cancelled'] as const) expect(socket(status, 'contributor')).toBe('read');
		expect(socket('in_adjustment', 'editor')).toBe('read');
		expect(socket('in_adjustment', 'editor', true)).toBe('write');
		expect(socket('adjusted', 'owner', true)).toBe('read');
	});
});
