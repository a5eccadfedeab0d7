import * as Y from 'yjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STRUCTURE_RULES_VERSION } from '../../src/lib/domain/doc-structure-rules';
import { createLogger } from '../../src/lib/server/logger';
import type { AuthoredUpdate, Store } from '../../src/lib/server/store/types';
import { FencedOutError } from '../../src/lib/server/store/fencing';
import { DocPersistence } from './persistence';

/** The bytes of an appended update (the writer hands them with their authors). */
const bytesOf = (u: Uint8Array | AuthoredUpdate): Uint8Array => (u instanceof Uint8Array ? u : u.update);

const logger = createLogger('silent');

/** Store['docs'] in memory, with switches to make writes fail. */
function fakeDocs() {
	const log: Array<{ id: number; update: Uint8Array; author: AuthoredUpdate['author'] }> = [];
	const appendCalls: Uint8Array[][] = [];
	const compactCalls: Array<{ state: Uint8Array; upToId: number; judgedUnder?: number }> = [];
	let nextId = 1;
	const control = { failAppends: 0, failCompacts: 0 };
	const docs: Store['docs'] = {
		async load() {
			return { snapshot: null, updates: log.map((r) => r.update), lastUpdateId: log.at(-1)?.id ?? 0 };
		},
		async append(_name, updates) {
			appendCalls.push(updates.map(bytesOf));
			if (control.failAppends > 0) {
				control.failAppends--;
				throw new Error('database unavailable');
			}
			for (const u of updates) log.push({ id: nextId++, update: bytesOf(u), author: u instanceof Uint8Array ? null : u.author });
			return nextId - 1;
		},
		async compact(_name, state, upToId, _fence, judgedUnder) {
			compactCalls.push({ state, upToId, judgedUnder });
			if (control.failCompacts > 0) {
				control.failCompacts--;
				throw new Error('disk full');
			}
		},
		async pendingCount() {
			return log.length;
		}
	};
	return { store: { docs } as unknown as Store, log, appendCalls, compactCalls, control };
}

/** A doc whose updates feed the persistence, as LiveDoc wires it. */
function setup(options: { flushMs?: number; snapshotEvery?: number; pending?: number; lastUpdateId?: number } = {}) {
	const fake = fakeDocs();
	const doc = new Y.Doc();
	const persistence = new DocPersistence(
		'meeting:m1',
		doc,
		fake.store,
		logger,
		{ flushMs: options.flushMs ?? 60_000, snapshotEvery: options.snapshotEvery ?? 1000 },
		{ lastUpdateId: options.lastUpdateId ?? 0, pending: options.pending ?? 0 }
	);
	doc.on('update', (update: Uint8Array) => persistence.enqueue(update));
	return { ...fake, doc, persistence };
}

function replay(updates: Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	for (const u of updates) Y.applyUpdate(doc, u);
	return doc;
}

function type(doc: Y.Doc, words: string[]) {
	for (const word of words) doc.getText('t').insert(doc.getText('t').length, word);
}

afterEach(() => {
	vi.useRealTimers();
});

describe('DocPersistence', () => {
	it('writes many queued updates as one append of one merged update', async () => {
		const { doc, persistence, appendCalls, log } = setup();
		const words = Array.from({ length: 50 }, (_, i) => `ord${i} `);
		type(doc, words);
		expect(persistence.pendingUpdates).toBe(50);
		expect(appendCalls).toHaveLength(0);
		await persistence.flush();
		expect(appendCalls).toHaveLength(1);
		expect(appendCalls[0]).toHaveLength(1);
		expect(persistence.pendingUpdates).toBe(0);
		expect(replay(log.map((r) => r.update)).getText('t').toString()).toBe(words.join(''));
		// Nothing queued: flushing again writes nothing.
		await persistence.flush();
		expect(appendCalls).toHaveLength(1);
	});

	it('keeps each update’s author: one row per run of one author, in the order typed', async () => {
		const fake = fakeDocs();
		const doc = new Y.Doc();
		const persistence = new DocPersistence('meeting:m1', doc, fake.store, logger, { flushMs: 60_000, snapshotEvery: 1000 }, { lastUpdateId: 0, pending: 0 });
		const anna = { userId: 'anna', agencyId: 'soc' };
		const bo = { userId: 'bo', agencyId: 'af' };
		let author: typeof anna | null = anna;
		doc.on('update', (update: Uint8Array) => persistence.enqueue(update, author));
		type(doc, ['Anna ', 'skriver. ']);
		author = bo;
		type(doc, ['Bo svarar. ']);
		author = anna;
		type(doc, ['Anna igen. ']);
		author = null;
		type(doc, ['(servern)']);
		await persistence.flush();
		expect(fake.appendCalls).toHaveLength(1); // still one write
		expect(fake.log.map((r) => r.author?.userId ?? null)).toEqual(['anna', 'bo', 'anna', null]);
		expect(replay(fake.log.map((r) => r.update)).getText('t').toString()).toBe('Anna skriver. Bo svarar. Anna igen. (servern)');
	});

	it('flushes on its own flushMs after the first queued update, once per window', async () => {
		vi.useFakeTimers();
		const { doc, appendCalls } = setup({ flushMs: 250 });
		type(doc, ['a']);
		await vi.advanceTimersByTimeAsync(100);
		type(doc, ['b', 'c']);
		expect(appendCalls).toHaveLength(0);
		await vi.advanceTimersByTimeAsync(150);
		expect(appendCalls).toHaveLength(1);
		expect(replay(appendCalls[0]).getText('t').toString()).toBe('abc');
		type(doc, ['d']);
		await vi.advanceTimersByTimeAsync(249);
		expect(appendCalls).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(appendCalls).toHaveLength(2);
	});

	it('keeps updates of a failed append queued, in order, and retries them with later ones', async () => {
		vi.useFakeTimers();
		const { doc, persistence, appendCalls, log, control } = setup({ flushMs: 100 });
		control.failAppends = 2;
		type(doc, ['Närvaro: ', 'Socialtjänsten, ']);
		await persistence.flush();
		expect(appendCalls).toHaveLength(1);
		expect(log).toHaveLength(0);
		expect(persistence.pendingUpdates).toBe(2);

		type(doc, ['Arbetsförmedlingen']);
		expect(persistence.pendingUpdates).toBe(3);
		// The retry is scheduled by itself; the second attempt fails too, the third succeeds.
		await vi.advanceTimersByTimeAsync(5_000);
		expect(appendCalls.length).toBe(3);
		expect(log).toHaveLength(1);
		expect(persistence.pendingUpdates).toBe(0);
		expect(replay(log.map((r) => r.update)).getText('t').toString()).toBe('Närvaro: Socialtjänsten, Arbetsförmedlingen');
	});

	it('backs off between retries instead of hammering the store', async () => {
		vi.useFakeTimers();
		const { doc, persistence, appendCalls, control } = setup({ flushMs: 100 });
		control.failAppends = 100;
		type(doc, ['x']);
		await persistence.flush();
		// Retries at 200, 400, 800, 1600 ms after each failure: within 3 s, at most 5 attempts.
		await vi.advanceTimersByTimeAsync(3_000);
		expect(appendCalls.length).toBeGreaterThanOrEqual(3);
		expect(appendCalls.length).toBeLessThanOrEqual(5);
		expect(persistence.pendingUpdates).toBe(1);
	});

	it('compacts after snapshotEvery stored updates, with the full state up to the last id', async () => {
		const { doc, persistence, compactCalls, log } = setup({ snapshotEvery: 5 });
		type(doc, ['1', '2', '3']);
		await persistence.flush();
		expect(compactCalls).toHaveLength(0);
		type(doc, ['4', '5']);
		await persistence.flush();
		expect(compactCalls).toHaveLength(1);
		expect(compactCalls[0].upToId).toBe(log.at(-1)!.id);
		// Made from the live document, whose every piece was judged: the next load need not read it again.
		expect(compactCalls[0].judgedUnder).toBe(STRUCTURE_RULES_VERSION);
		expect(replay([compactCalls[0].state]).getText('t').toString()).toBe('12345');
		// The counter restarts after a snapshot.
		type(doc, ['6', '7', '8', '9']);
		await persistence.flush();
		expect(compactCalls).toHaveLength(1);
		type(doc, ['0']);
		await persistence.flush();
		expect(compactCalls).toHaveLength(2);
	});

	it('counts updates already pending in the store towards the next snapshot', async () => {
		const { doc, persistence, compactCalls } = setup({ snapshotEvery: 5, pending: 4, lastUpdateId: 40 });
		type(doc, ['x']);
		await persistence.flush();
		expect(compactCalls).toHaveLength(1);
	});

	it('a failed compaction loses nothing and is tried again after the next write', async () => {
		const { doc, persistence, compactCalls, log, control } = setup({ snapshotEvery: 2 });
		control.failCompacts = 1;
		type(doc, ['a', 'b']);
		await persistence.flush();
		expect(compactCalls).toHaveLength(1);
		expect(log).toHaveLength(1);
		type(doc, ['c']);
		await persistence.flush();
		expect(compactCalls).toHaveLength(2);
		expect(replay([compactCalls[1].state]).getText('t').toString()).toBe('abc');
	});

	it('close() flushes what is queued and snapshots', async () => {
		const { doc, persistence, appendCalls, compactCalls, log } = setup({ snapshotEvery: 1000 });
		type(doc, ['sista ', 'orden']);
		await persistence.close();
		expect(appendCalls).toHaveLength(1);
		expect(compactCalls).toHaveLength(1);
		expect(compactCalls[0].upToId).toBe(log.at(-1)!.id);
		expect(replay([compactCalls[0].state]).getText('t').toString()).toBe('sista orden');
	});

	it('close() with nothing new writes nothing', async () => {
		const { persistence, appendCalls, compactCalls } = setup();
		await persistence.close();
		expect(appendCalls).toHaveLength(0);
		expect(compactCalls).toHaveLength(0);
	});

	it('close() snapshots updates loaded from the log even without new ones', async () => {
		const { persistence, appendCalls, compactCalls } = setup({ pending: 3, lastUpdateId: 7 });
		await persistence.close();
		expect(appendCalls).toHaveLength(0);
		expect(compactCalls).toEqual([expect.objectContaining({ upToId: 7 })]);
	});

	it('close() retries a failed append once more before giving up', async () => {
		const { doc, persistence, log, control } = setup();
		control.failAppends = 1;
		type(doc, ['räddad']);
		await persistence.close();
		expect(replay(log.map((r) => r.update)).getText('t').toString()).toBe('räddad');
	});

	it('close() throws when the updates cannot be stored, keeping them queued', async () => {
		const { doc, persistence, control } = setup();
		control.failAppends = 10;
		type(doc, ['a', 'b']);
		await expect(persistence.close()).rejects.toThrow(/2 updates of meeting:m1 could not be stored/);
		expect(persistence.pendingUpdates).toBe(2);
	});

	it('after close() no timer writes again', async () => {
		vi.useFakeTimers();
		const { doc, persistence, appendCalls } = setup({ flushMs: 50 });
		await persistence.close();
		type(doc, ['late']);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(appendCalls).toHaveLength(0);
	});
});

describe('DocPersistence onStored hook', () => {
	function hooked(onStored: (id: number) => void) {
		const fake = fakeDocs();
		const doc = new Y.Doc();
		const persistence = new DocPersistence('board:b1', doc, fake.store, logger, { flushMs: 60_000, snapshotEvery: 1000 }, { lastUpdateId: 7, pending: 0 }, onStored);
		doc.on('update', (update: Uint8Array) => persistence.enqueue(update));
		return { ...fake, doc, persistence };
	}

	it('is told the id of the last stored update after each successful write, never after a failed one', async () => {
		const stored: number[] = [];
		const { doc, persistence, control } = hooked((id) => stored.push(id));
		await persistence.flush(); // nothing queued: nothing stored, no call
		expect(stored).toEqual([]);
		doc.getMap('actions').set('a', 1);
		doc.getMap('actions').set('b', 2);
		await persistence.flush();
		expect(stored).toEqual([1]);
		control.failAppends = 1;
		doc.getMap('actions').set('c', 3);
		await persistence.flush();
		expect(stored).toEqual([1]);
		await persistence.flush(); // the retry stores it
		expect(stored).toEqual([1, 2]);
	});

	it('a throwing hook neither loses the write nor stops later ones', async () => {
		let calls = 0;
		const { doc, persistence, log } = hooked(() => {
			calls++;
			throw new Error('hook broke');
		});
		doc.getText('t').insert(0, 'ett');
		await persistence.flush();
		doc.getText('t').insert(3, ' två');
		await persistence.flush();
		expect(calls).toBe(2);
		expect(log).toHaveLength(2);
		expect(persistence.pendingUpdates).toBe(0);
	});

	describe('fenced (alone on a shared database, no REDIS_URL)', () => {
		/** The fake store with a fencing table: a write carrying an older token than the newest claim is refused. */
		function fencedSetup(claimedAtLoad: number) {
			const fake = fakeDocs();
			let newest = claimedAtLoad;
			const fences: Array<number | undefined> = [];
			const { append, compact } = fake.store.docs;
			const refuseStale = (fence: number | undefined) => {
				fences.push(fence);
				if (fence !== undefined && fence < newest) throw new FencedOutError('meeting:m1');
			};
			fake.store.docs.append = async (name, updates, fence) => (refuseStale(fence), append(name, updates, fence));
			fake.store.docs.compact = async (name, state, upToId, fence) => (refuseStale(fence), compact(name, state, upToId, fence));
			const fencedOut: string[] = [];
			const doc = new Y.Doc();
			const persistence = new DocPersistence(
				'meeting:m1',
				doc,
				fake.store,
				logger,
				{ flushMs: 60_000, snapshotEvery: 1000, fenced: true, onFencedOut: (name) => fencedOut.push(name) },
				{ lastUpdateId: 0, pending: 0, fence: claimedAtLoad }
			);
			doc.on('update', (update: Uint8Array) => persistence.enqueue(update));
			return { ...fake, doc, persistence, fences, fencedOut, claimByAnother: () => newest++ };
		}

		it('writes and compacts with the token claimed at load', async () => {
			const { doc, persistence, fences, log } = fencedSetup(7);
			type(doc, ['ett ', 'två']);
			await persistence.flush();
			await persistence.close();
			expect(log).toHaveLength(1);
			expect(fences).toEqual([7, 7]); // the append, then the snapshot at close
		});

		it('once another instance has claimed the document: stops writing (no retry), says so once, and close() does not throw', async () => {
			const { doc, persistence, fencedOut, log, fences, claimByAnother } = fencedSetup(3);
			type(doc, ['före']);
			await persistence.flush();
			claimByAnother();
			type(doc, [' efter']);
			await persistence.flush();
			type(doc, [' ännu mer']);
			await persistence.flush();
			await expect(persistence.close()).resolves.toBeUndefined();

			expect(log).toHaveLength(1); // only what was written before the other claim
			expect(fences).toEqual([3, 3]); // the stored append, the refused one; nothing tried after it, no snapshot
			expect(fencedOut).toEqual(['meeting:m1']);
		});
	});
});
