import * as Y from 'yjs';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/lib/server/logger';
import type { AuthoredUpdate, DocAppend, DocAppendResult, Store } from '../../src/lib/server/store/types';
import { FencedOutError } from '../../src/lib/server/store/fencing';
import { FlushScheduler, MAX_STRETCHED_FLUSH_MS } from './flush-scheduler';
import { DocPersistence } from './persistence';

const logger = createLogger('silent');
const bytesOf = (u: Uint8Array | AuthoredUpdate): Uint8Array => (u instanceof Uint8Array ? u : u.update);

/** Store['docs'] in memory with appendMany, and switches for the ways a write fails. */
function memoryStore() {
	const logs = new Map<string, Uint8Array[]>();
	const fences = new Map<string, number>();
	let nextId = 1;
	const calls: Array<{ kind: 'append' | 'appendMany'; docs: string[] }> = [];
	const control = {
		/** appendMany throws (nothing stored) this many times. */
		failMany: 0,
		/** A document whose own appends throw this many times. */
		failAlone: new Map<string, number>(),
		/** How long appendMany takes (ms, on the timers). */
		writeMs: 0
	};
	function store1(name: string, updates: Array<Uint8Array | AuthoredUpdate>): number {
		const log = logs.get(name) ?? [];
		for (const u of updates) {
			log.push(bytesOf(u));
			nextId++;
		}
		logs.set(name, log);
		return nextId - 1;
	}
	const stale = (name: string, fence: number | undefined) => fence !== undefined && fence < (fences.get(name) ?? 0);
	const docs = {
		async append(name: string, updates: Array<Uint8Array | AuthoredUpdate>, fence?: number) {
			calls.push({ kind: 'append', docs: [name] });
			const left = control.failAlone.get(name) ?? 0;
			if (left > 0) {
				control.failAlone.set(name, left - 1);
				throw new Error(`${name} cannot be written just now`);
			}
			if (stale(name, fence)) throw new FencedOutError(name);
			return store1(name, updates);
		},
		async appendMany(batches: DocAppend[]): Promise<DocAppendResult[]> {
			calls.push({ kind: 'appendMany', docs: batches.map((b) => b.docName) });
			if (control.writeMs > 0) await new Promise((resolve) => setTimeout(resolve, control.writeMs));
			if (control.failMany > 0) {
				control.failMany--;
				throw new Error('statement failed');
			}
			return batches.map(({ docName, updates, fence }) =>
				stale(docName, fence) ? { docName, refused: new FencedOutError(docName) } : { docName, lastUpdateId: store1(docName, updates) }
			);
		},
		async compact() {},
		async claim(name: string) {
			const token = (fences.get(name) ?? 0) + 1;
			fences.set(name, token);
			return token;
		}
	};
	return { store: { docs } as unknown as Store, logs, calls, control };
}

/** A live document's persistence on the shared scheduler, as localPersistence wires it. */
function liveDoc(store: Store, shared: FlushScheduler, name: string, extra: { fence?: number; onFencedOut?: (n: string) => void } = {}) {
	const doc = new Y.Doc();
	const stored: number[] = [];
	let heard: () => void = () => {};
	/** Resolves at the next `stored` hook call. */
	const nextStored = () => new Promise<void>((resolve) => (heard = resolve));
	const persistence = new DocPersistence(
		name,
		doc,
		store,
		logger,
		{ flushMs: 60_000, snapshotEvery: 1000, shared, fenced: extra.fence !== undefined, onFencedOut: extra.onFencedOut },
		{ lastUpdateId: 0, pending: 0, fence: extra.fence },
		(id) => {
			stored.push(id);
			heard();
		}
	);
	doc.on('update', (update: Uint8Array) => persistence.enqueue(update));
	const type = (text: string) => doc.getText('t').insert(doc.getText('t').length, text);
	return { name, doc, persistence, stored, nextStored, type };
}

const textOf = (updates: Uint8Array[] | undefined) => {
	const doc = new Y.Doc();
	for (const u of updates ?? []) Y.applyUpdate(doc, u);
	return doc.getText('t').toString();
};

describe('FlushScheduler', () => {
	it('stretches its tick while writes are slow (ten times the last write), back to flushMs when they are fast, at most MAX_STRETCHED_FLUSH_MS', async () => {
		// setImmediate stays real: the scheduler's write starts in the turn after its tick.
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
		try {
			const { store, logs, calls, control } = memoryStore();
			const shared = new FlushScheduler(store, logger, 250);
			const docs = [liveDoc(store, shared, 'meeting:s1'), liveDoc(store, shared, 'meeting:s2')];
			/** Types into both documents and says after how many ms their write starts. */
			const writeStartsAfter = async (writeMs: number) => {
				control.writeMs = writeMs;
				const before = calls.length;
				docs.forEach((d) => d.type('ord '));
				let waited = 0;
				while (calls.length === before && waited < 10_000) {
					await vi.advanceTimersByTimeAsync(10);
					await new Promise((resolve) => setImmediate(resolve));
					waited += 10;
				}
				await vi.advanceTimersByTimeAsync(writeMs); // the write itself
				return waited;
			};
			expect(shared.nextTickMs).toBe(250);
			expect(await writeStartsAfter(60)).toBe(250);
			expect(shared.nextTickMs).toBe(600);
			expect(await writeStartsAfter(0)).toBe(600);
			expect(shared.nextTickMs).toBe(250);
			expect(await writeStartsAfter(500)).toBe(250);
			expect(shared.nextTickMs).toBe(MAX_STRETCHED_FLUSH_MS);
			expect(await writeStartsAfter(0)).toBe(MAX_STRETCHED_FLUSH_MS);
			// Every tick was one write of both documents, and nothing was lost.
			expect(calls).toEqual(Array.from({ length: 4 }, () => ({ kind: 'appendMany', docs: docs.map((d) => d.name) })));
			for (const d of docs) expect(textOf(logs.get(d.name))).toBe('ord ord ord ord ');
		} finally {
			vi.useRealTimers();
		}
	});

	it('stores every document due at a tick in one write, and tells each its own last id', async () => {
		const { store, logs, calls } = memoryStore();
		const shared = new FlushScheduler(store, logger, 5);
		const docs = Array.from({ length: 30 }, (_, i) => liveDoc(store, shared, `meeting:m${i}`));
		const storedOnce = docs.map((d) => d.nextStored());
		// Typed into, nothing flushed by hand: the shared tick stores them.
		docs.forEach((d, i) => d.type(`dokument ${i}`));
		await Promise.all(storedOnce);
		expect(calls).toEqual([{ kind: 'appendMany', docs: docs.map((d) => d.name) }]);
		docs.forEach((d, i) => {
			expect(textOf(logs.get(d.name))).toBe(`dokument ${i}`);
			expect(d.persistence.pendingUpdates).toBe(0);
		});
		// Each document heard the id of its own last row (they are all different).
		expect(new Set(docs.map((d) => d.stored[0])).size).toBe(docs.length);
	});

	it('a fenced-out document in the write stops only that document; the others are stored', async () => {
		const { store, logs } = memoryStore();
		const shared = new FlushScheduler(store, logger, 60_000);
		const fencedOut: string[] = [];
		const old = await store.docs.claim('meeting:stale');
		await store.docs.claim('meeting:stale'); // another instance loaded it since
		const stale = liveDoc(store, shared, 'meeting:stale', { fence: old, onFencedOut: (n) => fencedOut.push(n) });
		const others = [liveDoc(store, shared, 'meeting:a'), liveDoc(store, shared, 'meeting:b', { fence: await store.docs.claim('meeting:b') })];
		for (const d of [stale, ...others]) d.type(`text i ${d.name}`);
		await Promise.all([stale, ...others].map((d) => d.persistence.flush()));
		expect(fencedOut).toEqual(['meeting:stale']);
		expect(logs.get('meeting:stale')).toBeUndefined();
		for (const d of others) expect(textOf(logs.get(d.name))).toBe(`text i ${d.name}`);
		// The others write on as before.
		others[0].type(' och mer');
		await others[0].persistence.flush();
		expect(textOf(logs.get('meeting:a'))).toBe('text i meeting:a och mer');
	});

	it('when the whole write fails, each document is written on its own: one that fails keeps its updates and is stored on its retry', async () => {
		const { store, logs, calls, control } = memoryStore();
		const shared = new FlushScheduler(store, logger, 60_000);
		const docs = ['meeting:x', 'meeting:y', 'meeting:z'].map((n) => liveDoc(store, shared, n));
		for (const d of docs) d.type(`ord i ${d.name}`);
		control.failMany = 1;
		control.failAlone.set('meeting:y', 1);
		await Promise.all(docs.map((d) => d.persistence.flush()));
		expect(calls.map((c) => c.kind)).toEqual(['appendMany', 'append', 'append', 'append']);
		expect(textOf(logs.get('meeting:x'))).toBe('ord i meeting:x');
		expect(textOf(logs.get('meeting:z'))).toBe('ord i meeting:z');
		expect(logs.get('meeting:y')).toBeUndefined();
		expect(docs[1].persistence.pendingUpdates).toBe(1); // kept in memory for the retry
		docs[1].type(' och sen');
		await docs[1].persistence.flush();
		expect(textOf(logs.get('meeting:y'))).toBe('ord i meeting:y och sen');
		expect(docs[1].persistence.pendingUpdates).toBe(0);
	});

	it('a document the adapter could not write this time (failed) keeps its updates; the others are stored', async () => {
		const { store, logs } = memoryStore();
		const { appendMany } = store.docs;
		let failNext = true;
		store.docs.appendMany = async (batches) => {
			const results = await appendMany(batches.filter((b) => !(failNext && b.docName === 'meeting:q')));
			if (!failNext) return results;
			failNext = false;
			return batches.map((b) => results.find((r) => r.docName === b.docName) ?? { docName: b.docName, failed: new Error('timeout') });
		};
		const shared = new FlushScheduler(store, logger, 60_000);
		const [p, q] = ['meeting:p', 'meeting:q'].map((n) => liveDoc(store, shared, n));
		p.type('ett');
		q.type('två');
		await Promise.all([p.persistence.flush(), q.persistence.flush()]);
		expect(textOf(logs.get('meeting:p'))).toBe('ett');
		expect(q.persistence.pendingUpdates).toBe(1);
		await q.persistence.flush();
		expect(textOf(logs.get('meeting:q'))).toBe('två');
	});

	it('on shutdown every document closing at once is drained, nothing lost, in one write', async () => {
		const { store, logs, calls } = memoryStore();
		const shared = new FlushScheduler(store, logger, 60_000);
		const docs = Array.from({ length: 12 }, (_, i) => liveDoc(store, shared, `meeting:s${i}`));
		docs.forEach((d, i) => {
			d.type(`sista ord ${i}`);
			d.type('.');
		});
		await Promise.all(docs.map((d) => d.persistence.close()));
		expect(calls).toEqual([{ kind: 'appendMany', docs: docs.map((d) => d.name) }]);
		docs.forEach((d, i) => expect(textOf(logs.get(d.name))).toBe(`sista ord ${i}.`));
	});
});
