import { describe, expect, it } from 'vitest';
import { appendArgs, historyEntries, historyLimit } from './function-args';

describe('authored update log arguments', () => {
	it('appendArgs: one author (or null) per update; no authors at all sends null; bare bytes are the server’s', () => {
		const anna = { userId: 'anna', agencyId: 'soc' };
		const one = Uint8Array.of(1);
		const two = Uint8Array.of(2);
		expect(appendArgs([one, { update: two, author: null }])).toEqual({ bytes: [one, two], authors: null });
		const { bytes, authors } = appendArgs([{ update: one, author: anna }, two]);
		expect(bytes).toEqual([one, two]);
		expect(JSON.parse(authors!)).toEqual([{ user: 'anna', agency: 'soc' }, null]);
	});

	it('historyLimit: 1000 by default, capped at 5000, refuses what is not a count', () => {
		expect(historyLimit(undefined)).toBe(1000);
		expect(historyLimit(7)).toBe(7);
		expect(historyLimit(100_000)).toBe(5000);
		for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => historyLimit(bad)).toThrow(RangeError);
	});

	it('historyEntries: entries (jsonb or its text) paired with the updates in order; refuses a mismatch or an unknown source', () => {
		const entries = [
			{ id: '7', at: '2026-12-01T10:00:00.5+00:00', author_id: 'anna', agency_id: 'soc', source: 'member' },
			{ id: 9, at: '2026-12-01T10:00:01+00:00', author_id: null, agency_id: null, source: 'legacy' }
		];
		const decode = (u: unknown) => Uint8Array.from(u as number[]);
		const parsed = historyEntries({ entries: JSON.stringify(entries), updates: [[1], [2, 3]] }, decode);
		expect(parsed).toEqual([
			{ id: 7, at: new Date('2026-12-01T10:00:00.500Z'), authorId: 'anna', agencyId: 'soc', source: 'member', update: Uint8Array.of(1) },
			{ id: 9, at: new Date('2026-12-01T10:00:01Z'), authorId: null, agencyId: null, source: 'legacy', update: Uint8Array.of(2, 3) }
		]);
		expect(historyEntries({ entries: [], updates: [] }, decode)).toEqual([]);
		expect(() => historyEntries({ entries, updates: [[1]] }, decode)).toThrow(TypeError);
		expect(() => historyEntries({ entries: [{ ...entries[0], source: 'robot' }], updates: [[1]] }, decode)).toThrow(/unknown source/);
	});
});
