import { describe, expect, it } from 'vitest';
import { AGENCY_KINDS } from './agencies';
import { BOARD_ROLES } from './roles';
import { offeredToWritePerspective } from './user-perspective';

describe('who is asked for their user perspective', () => {
	it('a user association member who may write voices is asked, whatever the writing role', () => {
		for (const role of ['owner', 'editor', 'contributor'] as const) expect(offeredToWritePerspective(role, 'user_association'), role).toBe(true);
	});

	it('a contributor is asked, whichever agency', () => {
		for (const kind of AGENCY_KINDS) expect(offeredToWritePerspective('contributor', kind), kind).toBe(true);
	});

	it('owners and editors of other agencies are not asked', () => {
		for (const kind of AGENCY_KINDS.filter((k) => k !== 'user_association')) {
			expect(offeredToWritePerspective('owner', kind), kind).toBe(false);
			expect(offeredToWritePerspective('editor', kind), kind).toBe(false);
		}
		expect(offeredToWritePerspective('editor', undefined)).toBe(false);
	});

	it('no one who may not write voices is asked, a user association member either', () => {
		expect(offeredToWritePerspective('viewer', 'user_association')).toBe(false);
		expect(offeredToWritePerspective(null, 'user_association')).toBe(false);
		expect(BOARD_ROLES.filter((role) => offeredToWritePerspective(role, 'other'))).toEqual(['contributor']);
	});
});
