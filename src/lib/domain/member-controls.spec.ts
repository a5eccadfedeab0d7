import { describe, expect, it } from 'vitest';
import { isSoleOwner, mayManageMember } from './member-controls';

const owner = { role: 'owner' as const };
const editor = { role: 'editor' as const };

describe('member controls on the board page', () => {
	it('the only owner is the sole owner; with two owners neither is', () => {
		expect(isSoleOwner(owner, [owner, editor])).toBe(true);
		expect(isSoleOwner(owner, [owner, { role: 'owner' }, editor])).toBe(false);
		expect(isSoleOwner(editor, [owner, editor])).toBe(false);
	});

	it('an owner may manage everyone but the sole owner; no one else manages anyone', () => {
		expect(mayManageMember('owner', editor, [owner, editor])).toBe(true);
		expect(mayManageMember('owner', owner, [owner, editor])).toBe(false);
		expect(mayManageMember('owner', owner, [owner, { role: 'owner' }])).toBe(true);
		for (const role of ['editor', 'contributor', 'viewer', null] as const) expect(mayManageMember(role, editor, [owner, editor]), String(role)).toBe(false);
	});
});
