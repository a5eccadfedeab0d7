import { describe, expect, it } from 'vitest';
import { BOARD_ROLES, canCreateMeeting, canManageBoard, isBoardRole, isInviteRole } from './roles';

describe('roles', () => {
	it('recognises board roles and invite roles; ownership is never an invite role', () => {
		for (const role of BOARD_ROLES) expect(isBoardRole(role)).toBe(true);
		expect(isBoardRole('admin')).toBe(false);
		expect(isBoardRole(undefined)).toBe(false);
		expect(isBoardRole('Owner')).toBe(false);
		expect(isInviteRole('editor')).toBe(true);
		expect(isInviteRole('contributor')).toBe(true);
		expect(isInviteRole('viewer')).toBe(true);
		expect(isInviteRole('owner')).toBe(false);
		expect(isInviteRole(1)).toBe(false);
	});

	it('only owners manage a board; owners and editors create meetings', () => {
		expect(canManageBoard('owner')).toBe(true);
		for (const role of ['editor', 'contributor', 'viewer', null] as const) expect(canManageBoard(role)).toBe(false);
		expect(canCreateMeeting('owner')).toBe(true);
		expect(canCreateMeeting('editor')).toBe(true);
		for (const role of ['contributor', 'viewer', null] as const) expect(canCreateMeeting(role)).toBe(false);
	});
});
