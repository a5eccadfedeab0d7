import * as Y from 'yjs';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/lib/server/logger';
import type { AuthoredUpdate, Store, StoredDoc } from '../../src/lib/server/store/types';
import { DocRegistry } from './doc-registry';
import { localPersistence } from './persistence';

/** The bytes of an appended update (the writer hands them with their authors). */
const bytesOf = (u: Uint8Array | AuthoredUpdate): Uint8Array => (u instanceof Uint8Array ? u : u.update);

const logger = createLogger('silent');

function deferred<T = void>() {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

/** An in-memory Store['docs'] with real semantics, whose calls can be held back. */
function memoryDocs() {
	const updates = new Map<string, Array<{ id: number; update: Uint8Array }>>();
	const snapshots = new Map<string, { state: Uint8Array; lastUpdateId: number }>();
	let nextId = 1;
	const calls = { load: 0, loadMany: [] as string[][], append: 0, compact: 0 };
	const gates: { load?: Promise<void>; append?: Promise<void>; failLoad?: number } = {};
	const docs: Store['docs'] = {
		async load(name): Promise<StoredDoc> {
			calls.load++;
			await gates.load;
			if (gates.failLoad) {
				gates.failLoad--;
				throw new Error('database unavailable');
			}
			const snap = snapshots.get(name);
			const after = snap?.lastUpdateId ?? 0;
			const rows = (updates.get(name) ?? []).filter((r) => r.id > after);
			return { snapshot: snap?.state ?? null, updates: rows.map((r) => r.update), lastUpdateId: rows.at(-1)?.id ?? after };
		},
		// As the SQL stores answer it: each name read as `load` reads it (counted per document).
		loadMany(names) {
			calls.loadMany.push(names);
			return Promise.all(names.map((name) => docs.load(name)));
		},
		async append(name, list) {
			calls.append++;
			await gates.append;
			const rows = updates.get(name) ?? [];
			for (const update of list) rows.push({ id: nextId++, update: bytesOf(update) });
			updates.set(name, rows);
			return nextId - 1;
		},
		async compact(name, state, upToId) {
			calls.compact++;
			snapshots.set(name, { state, lastUpdateId: upToId });
			updates.set(name, (updates.get(name) ?? []).filter((r) => r.id > upToId));
		},
		async pendingCount(name) {
			return (updates.get(name) ?? []).length;
		}
	};
	return { store: { docs } as unknown as Store, calls, gates };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function registry(store: Store, idleUnloadMs = 30) {
	return new DocRegistry(store, logger, { idleUnloadMs }, localPersistence(store, logger, { flushMs: 10_000, snapshotEvery: 1000 }));
}

describe('DocRegistry', () => {
	it('loads a document once for concurrent acquires and shares it', async () => {
		const { store, calls, gates } = memoryDocs();
		const gate = deferred();
		gates.load = gate.promise;
		const reg = registry(store);
		const joins = [reg.acquire('board:b1'), reg.acquire('board:b1'), reg.acquire('board:b1')];
		await tick();
		expect(calls.load).toBe(1);
		expect(reg.peek('board:b1')?.state).toBe('loading');
		gate.resolve();
		const [a, b, c] = await Promise.all(joins);
		expect(a).toBe(b);
		expect(b).toBe(c);
		expect(a.refs).toBe(3);
		expect(a.state).toBe('active');
		expect(calls.load).toBe(1);
		// Another document is another load.
		await reg.acquire('board:b2');
		expect(calls.load).toBe(2);
		expect(reg.names().sort()).toEqual(['board:b1', 'board:b2']);
		await reg.drainAll();
	});

	it('reads documents that start loading together in one read, and a later one in the next', async () => {
		const { store, calls } = memoryDocs();
		const reg = registry(store);
		const first = await Promise.all(['meeting:m1', 'meeting:m2', 'board:b1'].map((name) => reg.acquire(name)));
		expect(calls.loadMany).toEqual([['meeting:m1', 'meeting:m2', 'board:b1']]);
		expect(first.map((live) => live.state)).toEqual(['active', 'active', 'active']);
		await reg.acquire('meeting:m3');
		expect(calls.loadMany).toEqual([['meeting:m1', 'meeting:m2', 'board:b1'], ['meeting:m3']]);
		await reg.drainAll();
	});

	it('unloads an idle document after idleUnloadMs, storing its changes first', async () => {
		const { store, calls } = memoryDocs();
		const reg = registry(store, 30);
		const live = await reg.acquire('meeting:m1');
		const again = await reg.acquire('meeting:m1');
		live.doc.getText('minutes').insert(0, 'sparad text');
		reg.release(live);
		await sleep(60);
		expect(reg.size).toBe(1); // one reference left
		reg.release(again);
		expect(reg.size).toBe(1); // not at once
		await vi.waitFor(() => expect(reg.size).toBe(0), { timeout: 2_000, interval: 10 });
		expect(live.state).toBe('gone');
		expect(calls.append).toBe(1);
		expect(calls.compact).toBe(1);

		const reloaded = await reg.acquire('meeting:m1');
		expect(reloaded).not.toBe(live);
		expect(reloaded.doc.getText('minutes').toString()).toBe('sparad text');
		expect(calls.load).toBe(2);
		await reg.drainAll();
	});

	it('a join before the idle timeout cancels the unload', async () => {
		// The clock is faked: with a real 50 ms timeout a busy machine (CI running unit workers
		// on both cores) can stall the loop past it between the release and the join.
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		try {
			const { store, calls } = memoryDocs();
			const reg = registry(store, 50);
			const live = await reg.acquire('board:b1');
			reg.release(live);
			await vi.advanceTimersByTimeAsync(20);
			const same = await reg.acquire('board:b1');
			expect(same).toBe(live);
			await vi.advanceTimersByTimeAsync(100);
			expect(reg.size).toBe(1);
			expect(live.state).toBe('active');
			expect(calls.load).toBe(1);
			await reg.drainAll();
		} finally {
			vi.useRealTimers();
		}
	});

	it('a join during draining waits for the drain, then reloads with the drained state', async () => {
		const { store, calls, gates } = memoryDocs();
		const reg = registry(store, 10_000);
		const live = await reg.acquire('meeting:m1');
		live.doc.getText('minutes').insert(0, 'skrivet före avladdning');
		reg.release(live);

		const appendGate = deferred();
		gates.append = appendGate.promise;
		const unloading = reg.unload('meeting:m1');
		expect(live.state).toBe('draining');

		let joined: Awaited<ReturnType<DocRegistry['acquire']>> | null = null;
		const join = reg.acquire('meeting:m1').then((l) => (joined = l));
		await sleep(20);
		expect(joined).toBeNull(); // still waiting for the drain
		expect(calls.load).toBe(1);

		gates.append = undefined;
		appendGate.resolve();
		await unloading;
		await join;
		expect(live.state).toBe('gone');
		expect(joined).not.toBe(live);
		expect(joined!.state).toBe('active');
		expect(joined!.doc.getText('minutes').toString()).toBe('skrivet före avladdning');
		expect(calls.load).toBe(2);
		await reg.drainAll();
	});

	it('does not unload a document that is still referenced', async () => {
		const { store } = memoryDocs();
		const reg = registry(store, 10);
		const live = await reg.acquire('board:b1');
		await reg.unload('board:b1');
		expect(reg.size).toBe(1);
		expect(live.state).toBe('active');
		await reg.drainAll();
	});

	it('a failed load rejects every waiting join, forgets the document and lets the next join retry', async () => {
		const { store, calls, gates } = memoryDocs();
		gates.failLoad = 1;
		const reg = registry(store);
		const results = await Promise.allSettled([reg.acquire('board:b1'), reg.acquire('board:b1')]);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
		expect(reg.size).toBe(0);
		const live = await reg.acquire('board:b1');
		expect(live.state).toBe('active');
		expect(live.refs).toBe(1);
		expect(calls.load).toBe(2);
		await reg.drainAll();
	});

	it('drainAll stores and unloads every document, held or not', async () => {
		const { store, calls } = memoryDocs();
		const reg = registry(store, 60_000);
		const a = await reg.acquire('board:b1');
		const b = await reg.acquire('meeting:m1');
		a.doc.getMap('items').set('1', 'åtgärd');
		b.doc.getText('minutes').insert(0, 'protokoll');
		await reg.drainAll();
		expect(reg.size).toBe(0);
		expect([a.state, b.state]).toEqual(['gone', 'gone']);
		expect(calls.append).toBe(2);

		const reg2 = registry(store);
		const b2 = await reg2.acquire('meeting:m1');
		expect(b2.doc.getText('minutes').toString()).toBe('protokoll');
		await reg2.drainAll();
	});
});
