import { describe, expect, it } from 'vitest';
import { docName, parseDocName, type DocRef } from './doc-names';
import { newId } from './ids';

describe('doc names', () => {
	it('parses each kind', () => {
		expect(parseDocName('board:abc123')).toEqual({ kind: 'board', boardId: 'abc123' });
		expect(parseDocName('meeting:m1')).toEqual({ kind: 'meeting', meetingId: 'm1' });
		expect(parseDocName('meeting:m1:voices')).toEqual({ kind: 'voices', meetingId: 'm1' });
		expect(parseDocName('board:b1:voices')).toEqual({ kind: 'boardVoices', boardId: 'b1' });
		expect(parseDocName('meeting:m1:comments')).toEqual({ kind: 'comments', meetingId: 'm1' });
	});

	it('round-trips format → parse → format, including generated ids', () => {
		const refs: DocRef[] = [
			{ kind: 'board', boardId: newId() },
			{ kind: 'meeting', meetingId: newId() },
			{ kind: 'voices', meetingId: newId() },
			{ kind: 'boardVoices', boardId: newId() },
			{ kind: 'comments', meetingId: newId() },
			{ kind: 'board', boardId: 'a'.repeat(64) }
		];
		for (const ref of refs) {
			const name = docName(ref);
			expect(parseDocName(name)).toEqual(ref);
			expect(docName(parseDocName(name)!)).toBe(name);
		}
	});

	it('rejects anything else', () => {
		for (const bad of [
			'',
			'board:',
			'board',
			'Board:abc',
			'board:ABC',
			'board:a-b',
			'board:abc ',
			' board:abc',
			'board:abc:notes',
			'board:abc:voices:x',
			'board::voices',
			'meeting:abc:notes',
			'meeting:abc:voices:x',
			'meeting::voices',
			'board:' + 'a'.repeat(65),
			'board:abc\n',
			'board:../etc',
			'user:abc'
		]) {
			expect(parseDocName(bad), JSON.stringify(bad)).toBeNull();
		}
	});

	it('newId fits the document-name pattern', () => {
		for (let i = 0; i < 50; i++) expect(newId()).toMatch(/^[a-z0-9]{16}$/);
	});
});
