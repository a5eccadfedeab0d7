import { describe, expect, it } from 'vitest';
import { docAccess, mayChangeOthersVoices, type DocAccess } from './permissions';
import type { BoardRole } from './roles';
import type { DocRef } from './doc-names';

// design.md, "Documents": board and meeting are written by editors; voices by editors and contributors;
// comments by every member (each their own entries, checked by the server).
const EXPECTED: Record<BoardRole | 'none', Record<DocRef['kind'], DocAccess>> = {
	owner: { board: 'write', meeting: 'write', voices: 'write', comments: 'write' },
	editor: { board: 'write', meeting: 'write', voices: 'write', comments: 'write' },
	contributor: { board: 'read', meeting: 'read', voices: 'write', comments: 'write' },
	viewer: { board: 'read', meeting: 'read', voices: 'read', comments: 'write' },
	none: { board: 'none', meeting: 'none', voices: 'none', comments: 'none' }
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
