import { describe, expect, it } from 'vitest';
import { changed, diffWords, sideOf, words } from './word-diff';

describe('diffWords', () => {
	it('marks an inserted and a deleted word, keeping the rest', () => {
		expect(diffWords('Vi bjuder in hyresgästerna.', 'Vi bjuder in alla hyresgästerna.')).toEqual([
			{ kind: 'same', text: 'Vi bjuder in ' },
			{ kind: 'ins', text: 'alla ' },
			{ kind: 'same', text: 'hyresgästerna.' }
		]);
		expect(diffWords('Mötet öppnas kl. 9 av Anna i dag.', 'Mötet öppnas av Bo i dag.')).toEqual([
			{ kind: 'same', text: 'Mötet öppnas ' },
			{ kind: 'del', text: 'kl. 9 av Anna' },
			{ kind: 'ins', text: 'av Bo' },
			{ kind: 'same', text: ' i dag.' }
		]);
		// A rewritten line sharing one word with the old one is one deletion and one insertion.
		expect(diffWords('Första.\nAndra stycket som Bo tar bort.', 'Första.\nBo lade till en rad.')).toEqual([
			{ kind: 'same', text: 'Första.\n' },
			{ kind: 'del', text: 'Andra stycket som Bo tar bort.' },
			{ kind: 'ins', text: 'Bo lade till en rad.' }
		]);
		// A phrase rewritten word for word is one deletion and one insertion, not interleaved.
		expect(diffWords('x ett två tre y', 'x fyra fem sex y')).toEqual([
			{ kind: 'same', text: 'x ' },
			{ kind: 'del', text: 'ett två tre' },
			{ kind: 'ins', text: 'fyra fem sex' },
			{ kind: 'same', text: ' y' }
		]);
	});

	it('gives each side back exactly, whatever the edit', () => {
		const cases: Array<[string, string]> = [
			['', 'Ny text.'],
			['Borttagen text.', ''],
			['a b c d e', 'a x c e f'],
			['  leading and  double  spaces ', 'leading  and double spaces'],
			['rad ett\nrad två\n', 'rad ett\nrad tre\nrad två\n'],
			['same', 'same']
		];
		for (const [before, after] of cases) {
			const parts = diffWords(before, after);
			expect(sideOf(parts, 'before')).toBe(before);
			expect(sideOf(parts, 'after')).toBe(after);
			expect(changed(parts)).toBe(before !== after);
		}
	});

	it('finds the longest common run, not just head and tail', () => {
		const parts = diffWords('ett två tre fyra fem sex sju', 'noll ett två fyra fem åtta sju');
		expect(parts.filter((p) => p.kind === 'same').map((p) => p.text.trim())).toEqual(['ett två', 'fyra fem', 'sju']);
		expect(parts.filter((p) => p.kind === 'del').map((p) => p.text.trim())).toEqual(['tre', 'sex']);
		expect(parts.filter((p) => p.kind === 'ins').map((p) => p.text.trim())).toEqual(['noll', 'åtta']);
		// Two unchanged words between changes stay unchanged.
		expect(diffWords('a b c d', 'x b c y').filter((p) => p.kind === 'same').map((p) => p.text)).toEqual([' b c ']);
	});

	it('counts a huge rewrite as replaced rather than building a huge table', () => {
		const before = Array.from({ length: 3000 }, (_, i) => `a${i}`).join(' ');
		const after = Array.from({ length: 3000 }, (_, i) => `b${i}`).join(' ');
		const parts = diffWords(before, after);
		expect(parts.map((p) => p.kind)).toEqual(['del', 'ins']);
		expect(words('a  b\nc')).toEqual(['a', '  ', 'b', '\n', 'c']);
	});
});
