import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addAgendaItem } from '../../src/lib/domain/meeting-doc';
import { createLogger } from '../../src/lib/server/logger';
import type { SearchEntry, Store } from '../../src/lib/server/store/types';
import { SearchProjector, WritePace } from './search-projection';

/**
 * The search projection rewrites a document's rows at most once per delay: a lone edit at once,
 * continuous typing every `delay` with the latest state, and what waits when the document unloads.
 */
const DELAY = 3000;
const target = { docName: 'meeting:m1', meetingId: 'm1', kind: 'meeting' as const };

function recordingStore(fail = () => false) {
	const writes: Array<{ upToId: number; titles: string[] }> = [];
	const store = {
		search: {
			async replaceDocEntries(_doc: string, _meeting: string, entries: SearchEntry[], upToId: number) {
				if (fail()) throw new Error('database gone');
				writes.push({ upToId, titles: entries.filter((e) => e.itemId).map((e) => e.title) });
				return true;
			}
		}
	} as unknown as Store;
	return { store, writes };
}

const logger = createLogger('silent');

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('SearchProjector', () => {
	it('projects a lone change at once', async () => {
		const { store, writes } = recordingStore();
		const doc = new Y.Doc();
		addAgendaItem(doc, { title: 'Boende' });
		new SearchProjector(target, store, logger, DELAY).request(doc, 1);
		await vi.advanceTimersByTimeAsync(0);
		expect(writes).toEqual([{ upToId: 1, titles: ['Boende'] }]);
	});

	it('while someone types, writes once per delay with the latest state', async () => {
		const { store, writes } = recordingStore();
		const doc = new Y.Doc();
		const projector = new SearchProjector(target, store, logger, DELAY);
		// A stored batch every 250 ms for 7 seconds: 28 requests.
		for (let id = 1; id <= 28; id++) {
			addAgendaItem(doc, { title: `Punkt ${id}` });
			projector.request(doc, id);
			await vi.advanceTimersByTimeAsync(250);
		}
		await vi.advanceTimersByTimeAsync(DELAY);
		expect(writes.map((w) => w.upToId)).toEqual([1, 12, 24, 28]);
		// The last write holds everything typed.
		expect(writes.at(-1)!.titles).toHaveLength(28);
	});

	it('an unloading document writes what waits without waiting for the delay', async () => {
		const { store, writes } = recordingStore();
		const doc = new Y.Doc();
		const projector = new SearchProjector(target, store, logger, DELAY);
		projector.request(doc, 1);
		await vi.advanceTimersByTimeAsync(0);
		addAgendaItem(doc, { title: 'Sist' });
		projector.request(doc, 2);
		await projector.settle();
		expect(writes.map((w) => w.upToId)).toEqual([1, 2]);
		// Nothing is left to fire later.
		await vi.advanceTimersByTimeAsync(DELAY * 2);
		expect(writes).toHaveLength(2);
	});

	it('a failed write is retried with the next change', async () => {
		let failing = true;
		const { store, writes } = recordingStore(() => failing);
		const doc = new Y.Doc();
		const projector = new SearchProjector(target, store, logger, DELAY);
		projector.request(doc, 1);
		await vi.advanceTimersByTimeAsync(0);
		expect(writes).toEqual([]);
		failing = false;
		projector.request(doc, 2);
		await vi.advanceTimersByTimeAsync(DELAY);
		expect(writes.map((w) => w.upToId)).toEqual([2]);

	});

	it('an older request never replaces a newer one', async () => {
		const { store, writes } = recordingStore();
		const doc = new Y.Doc();
		const projector = new SearchProjector(target, store, logger, DELAY);
		projector.request(doc, 1);
		await vi.advanceTimersByTimeAsync(0);
		projector.request(doc, 5);
		projector.request(doc, 3);
		await vi.advanceTimersByTimeAsync(DELAY);
		expect(writes.map((w) => w.upToId)).toEqual([1, 5]);
	});

	it('many documents due at once share the instance’s writes per second; a document alone is still written at once', async () => {
		const { store, writes } = recordingStore();
		const pace = new WritePace(2);
		const projectors = ['a', 'b', 'c', 'd'].map((id) => new SearchProjector({ ...target, docName: `meeting:${id}`, meetingId: id }, store, logger, DELAY, pace));
		const doc = new Y.Doc();
		projectors.forEach((p, i) => p.request(doc, i + 1));
		await vi.advanceTimersByTimeAsync(0);
		expect(writes.map((w) => w.upToId)).toEqual([1]);
		await vi.advanceTimersByTimeAsync(500);
		expect(writes.map((w) => w.upToId)).toEqual([1, 2]);
		await vi.advanceTimersByTimeAsync(1000);
		expect(writes.map((w) => w.upToId)).toEqual([1, 2, 3, 4]);
		// Later, with nothing else due: at once again.
		await vi.advanceTimersByTimeAsync(DELAY * 2);
		projectors[0].request(doc, 10);
		await vi.advanceTimersByTimeAsync(0);
		expect(writes.map((w) => w.upToId)).toEqual([1, 2, 3, 4, 10]);
	});

	it('an unloading document waiting for its turn writes at once', async () => {
		const { store, writes } = recordingStore();
		const pace = new WritePace(1);
		const first = new SearchProjector(target, store, logger, DELAY, pace);
		const second = new SearchProjector({ ...target, docName: 'meeting:m2', meetingId: 'm2' }, store, logger, DELAY, pace);
		const doc = new Y.Doc();
		first.request(doc, 1);
		second.request(doc, 2);
		await vi.advanceTimersByTimeAsync(0);
		expect(writes.map((w) => w.upToId)).toEqual([1]);
		await second.settle();
		expect(writes.map((w) => w.upToId)).toEqual([1, 2]);
		await vi.advanceTimersByTimeAsync(DELAY * 2);
		expect(writes).toHaveLength(2);
	});
});
