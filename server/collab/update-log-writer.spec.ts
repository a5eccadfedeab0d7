import * as Y from 'yjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/lib/server/logger';
import { FencedOutError } from '../../src/lib/server/store/fencing';
import type { AuthoredUpdate, Store } from '../../src/lib/server/store/types';
import { UpdateLogWriter, type PendingBatch, type StopReason, type UpdateSource } from './update-log-writer';

/** The bytes of an appended update (the writer hands them with their authors). */
const bytesOf = (u: Uint8Array | AuthoredUpdate): Uint8Array => (u instanceof Uint8Array ? u : u.update);

const logger = createLogger('silent');

/** Store['docs'] in memory with switches: failing appends/compactions, and a fence newer than the writer's. */
function fakeStore() {
	const appended: Uint8Array[] = [];
	const compacted: Array<{ upToId: number; fence?: number }> = [];
	const control = { failAppends: 0, failCompacts: 0, fencedOut: false };
	const docs = {
		async append(name: string, updates: Array<Uint8Array | AuthoredUpdate>) {
			if (control.fencedOut) throw new FencedOutError(name);
			if (control.failAppends > 0) {
				control.failAppends--;
				throw new Error('database unavailable');
			}
			appended.push(...updates.map(bytesOf));
			return appended.length;
		},
		async compact(name: string, _state: Uint8Array, upToId: number, fence?: number) {
			if (control.fencedOut) throw new FencedOutError(name);
			if (control.failCompacts > 0) {
				control.failCompacts--;
				throw new Error('disk full');
			}
			compacted.push({ upToId, fence });
		}
	};
	return { store: { docs } as unknown as Store, appended, compacted, control };
}

/** A source of fixed ranges (like a stream read in pieces): each range stays until it is stored. */
class RangeSource implements UpdateSource {
	readonly keptIn = 'the source keeps them';
	readonly unstored = 0;
	ranges: Uint8Array[][] = [];
	storedRanges = 0;
	/** What stored() answers: false as if the lease was lost. */
	stillOurs = true;
	next(): PendingBatch | null {
		const range = this.ranges[0];
		if (!range) return null;
		return {
			updates: range.map((update) => ({ update, author: null })),
			more: true,
			stored: () => {
				this.ranges.shift();
				this.storedRanges++;
				return this.stillOurs;
			},
			failed: () => {}
		};
	}
}

function updates(doc: Y.Doc, n: number): Uint8Array[] {
	const out: Uint8Array[] = [];
	const off = (u: Uint8Array) => out.push(u);
	doc.on('update', off);
	for (let i = 0; i < n; i++) doc.getText('t').insert(0, `${i}`);
	doc.off('update', off);
	return out;
}

function setup(options: { snapshotEvery?: number; pending?: number } = {}) {
	const fake = fakeStore();
	const doc = new Y.Doc();
	const source = new RangeSource();
	const stops: StopReason[] = [];
	const storedIds: number[] = [];
	const writer = new UpdateLogWriter(
		{ name: 'meeting:m1', doc, store: fake.store, logger, fence: 4, stored: (id) => storedIds.push(id), stopped: (why) => stops.push(why) },
		source,
		{ flushMs: 1000, snapshotEvery: options.snapshotEvery ?? 1000 },
		{ lastUpdateId: 0, pending: options.pending ?? 0 }
	);
	return { ...fake, doc, source, writer, stops, storedIds };
}

afterEach(() => {
	vi.useRealTimers();
});

describe('UpdateLogWriter', () => {
	it('stores each range the source hands out as one merged append, asking again while it says there is more', async () => {
		const { doc, source, writer, appended, storedIds } = setup();
		source.ranges = [updates(doc, 3), updates(doc, 2)];
		await writer.flush();
		expect(appended).toHaveLength(2);
		expect(source.storedRanges).toBe(2);
		expect(storedIds).toEqual([1, 2]);
		const replica = new Y.Doc();
		for (const u of appended) Y.applyUpdate(replica, u);
		expect(replica.getText('t').toString()).toBe(doc.getText('t').toString());
	});

	it('compacts after snapshotEvery stored updates, counting those pending at start, with its fence', async () => {
		const { doc, source, writer, compacted } = setup({ snapshotEvery: 5, pending: 3 });
		source.ranges = [updates(doc, 2)];
		await writer.flush();
		expect(compacted).toEqual([{ upToId: 1, fence: 4 }]);
		source.ranges = [updates(doc, 2)];
		await writer.flush();
		expect(compacted).toHaveLength(1); // 2 since the snapshot: not yet
	});

	it('leaves a failed batch with the source and retries with growing delays', async () => {
		vi.useFakeTimers();
		const { doc, source, writer, appended, control } = setup();
		control.failAppends = 2;
		source.ranges = [updates(doc, 2)];
		await writer.flush(); // fails: retry in 2 s
		await vi.advanceTimersByTimeAsync(1999);
		expect(appended).toHaveLength(0);
		await vi.advanceTimersByTimeAsync(1); // fails again: retry in 4 s
		await vi.advanceTimersByTimeAsync(3999);
		expect(appended).toHaveLength(0);
		await vi.advanceTimersByTimeAsync(1);
		expect(appended).toHaveLength(1);
		expect(source.ranges).toHaveLength(0);
	});

	it('stops for good when fenced out, says so once, and close() neither writes nor throws', async () => {
		const { doc, source, writer, appended, compacted, control, stops } = setup();
		control.fencedOut = true;
		source.ranges = [updates(doc, 1)];
		await writer.flush();
		await writer.flush();
		await expect(writer.close()).resolves.toBeUndefined();
		expect(stops).toEqual(['fenced-out']);
		expect(writer.stopped).toBe(true);
		expect(appended).toHaveLength(0);
		expect(compacted).toHaveLength(0);
	});

	it('stops when the source says the stored range was no longer its to store (lease lost)', async () => {
		const { doc, source, writer, appended, stops } = setup();
		source.stillOurs = false;
		source.ranges = [updates(doc, 1), updates(doc, 1)];
		await writer.flush();
		expect(stops).toEqual(['lease-lost']);
		expect(appended).toHaveLength(1); // nothing after the range that found the lease gone
	});

	it('a throwing after-store hook neither undoes the write nor stops the next one', async () => {
		const { doc, source, appended, store } = setup();
		const writer = new UpdateLogWriter(
			{
				name: 'board:b1',
				doc,
				store,
				logger,
				stored: () => {
					throw new Error('hook broke');
				}
			},
			source,
			{ flushMs: 1000, snapshotEvery: 1000 },
			{ lastUpdateId: 0, pending: 0 }
		);
		source.ranges = [updates(doc, 1)];
		await writer.flush();
		source.ranges = [updates(doc, 1)];
		await writer.flush();
		expect(appended).toHaveLength(2);
	});

	it('close() snapshots what was stored since the last snapshot, and schedules nothing after', async () => {
		vi.useFakeTimers();
		const { doc, source, writer, compacted, appended, control } = setup();
		source.ranges = [updates(doc, 2)];
		await writer.close();
		expect(appended).toHaveLength(1);
		expect(compacted).toEqual([{ upToId: 1, fence: 4 }]);
		control.failAppends = 1;
		source.ranges = [updates(doc, 1)];
		writer.flushSoon(0);
		await vi.advanceTimersByTimeAsync(60_000);
		expect(appended).toHaveLength(1);
	});
});
