import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { authorOf, mergeByAuthor, sameAuthor } from './authored-updates';

const anna = { userId: 'anna', agencyId: 'soc' };
const bo = { userId: 'bo', agencyId: 'af' };

function typed(doc: Y.Doc, words: string[]): Uint8Array[] {
	const out: Uint8Array[] = [];
	const take = (u: Uint8Array) => out.push(u);
	doc.on('update', take);
	for (const word of words) doc.getText('t').insert(doc.getText('t').length, word);
	doc.off('update', take);
	return out;
}

describe('authored updates', () => {
	it('merges only runs of the same author, in order, and the rows replay to the same text', () => {
		const doc = new Y.Doc();
		const [a1, a2, b1, a3, s1, s2] = typed(doc, ['Anna ', 'skriver ', 'Bo svarar ', 'Anna igen ', 'servern ', 'två']);
		const rows = mergeByAuthor([
			{ update: a1, author: anna },
			{ update: a2, author: { ...anna } },
			{ update: b1, author: bo },
			{ update: a3, author: anna },
			{ update: s1, author: null },
			{ update: s2, author: null }
		]);
		expect(rows.map((r) => r.author?.userId ?? null)).toEqual(['anna', 'bo', 'anna', null]);
		expect(rows[2].update).toBe(a3); // a run of one is stored as it came
		const replica = new Y.Doc();
		for (const r of rows) Y.applyUpdate(replica, r.update);
		expect(replica.getText('t').toString()).toBe(doc.getText('t').toString());
		expect(mergeByAuthor([])).toEqual([]);
	});

	it('the same person in another agency is another author', () => {
		expect(sameAuthor(anna, { ...anna })).toBe(true);
		expect(sameAuthor(anna, { userId: 'anna', agencyId: 'af' })).toBe(false);
		expect(sameAuthor(null, null)).toBe(true);
		expect(sameAuthor(anna, null)).toBe(false);
	});

	it('reads the author of a connection-like origin; every other origin is the server', () => {
		expect(authorOf({ author: anna, send() {} })).toEqual(anna);
		expect(authorOf({ author: null })).toBeNull();
		for (const origin of [null, undefined, 'load', Symbol('sink'), 42, {}, { author: { userId: 1 } }]) expect(authorOf(origin)).toBeNull();
	});
});
