import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/lib/server/store/types';
import { SessionExpiries } from './session-expiries';

function countingStore(ends: Map<string, Date>, fail = false) {
	const queries: string[][] = [];
	const store = {
		sessions: {
			async expiries(ids: string[]) {
				queries.push(ids);
				if (fail) throw new Error('database down');
				return new Map(ids.filter((id) => ends.has(id)).map((id) => [id, ends.get(id)!]));
			}
		}
	} as unknown as Store;
	return { store, queries };
}

describe('SessionExpiries', () => {
	it('sockets asking in the same turn share one query, each session once; a gone session is null', async () => {
		const at = new Date('2027-01-01T00:00:00Z');
		const { store, queries } = countingStore(new Map([['s1', at], ['s2', at]]));
		const expiries = new SessionExpiries(store);
		const answers = await Promise.all([expiries.of('s1'), expiries.of('s2'), expiries.of('s1'), expiries.of('gone')]);
		expect(answers).toEqual([at, at, at, null]);
		expect(queries).toEqual([['s1', 's2', 'gone']]);
		// A later turn: a query of its own.
		expect(await expiries.of('s2')).toEqual(at);
		expect(queries).toHaveLength(2);
	});

	it('many sessions: a few queries of at most 500 ids', async () => {
		const ids = Array.from({ length: 1200 }, (_, i) => `s${i}`);
		const { store, queries } = countingStore(new Map(ids.map((id) => [id, new Date(0)])));
		const expiries = new SessionExpiries(store);
		await Promise.all(ids.map((id) => expiries.of(id)));
		expect(queries.map((q) => q.length)).toEqual([500, 500, 200]);
	});

	it('a failed read fails every socket that asked (they ask again later)', async () => {
		const { store } = countingStore(new Map(), true);
		const expiries = new SessionExpiries(store);
		await expect(Promise.all([expiries.of('s1'), expiries.of('s2')])).rejects.toThrow('database down');
	});
});
