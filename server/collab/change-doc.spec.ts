import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/lib/server/logger';
import { DocumentNotFoundError, DocumentSealedError } from '../../src/lib/server/runtime';
import type { AuthoredUpdate, Store, StoredDoc } from '../../src/lib/server/store/types';
import { changeLiveDoc } from './change-doc';
import { DocRegistry } from './doc-registry';
import { localPersistence } from './persistence';

const logger = createLogger('silent');

/** Documents in memory (every append kept with its author) and one meeting whose status a test sets. */
function fakeStore(status = 'held') {
	const appended: Array<{ name: string; update: Uint8Array; author: AuthoredUpdate['author'] }> = [];
	const meeting = { id: 'm1', boardId: 'b1', status };
	const store = {
		docs: {
			async load(): Promise<StoredDoc> {
				return { snapshot: null, updates: appended.map((a) => a.update), lastUpdateId: appended.length };
			},
			async loadMany(names: string[]): Promise<StoredDoc[]> {
				return Promise.all(names.map(() => store.docs.load('')));
			},
			async append(name: string, list: Array<AuthoredUpdate | Uint8Array>) {
				for (const u of list) appended.push(u instanceof Uint8Array ? { name, update: u, author: null } : { name, ...u });
				return appended.length;
			},
			async compact() {},
			async pendingCount() {
				return appended.length;
			}
		},
		boards: { get: async (id: string) => (id === 'b1' ? { id } : null) },
		meetings: { get: async (id: string) => (id === 'm1' ? meeting : null) }
	} as unknown as Store;
	const registry = new DocRegistry(store, logger, { idleUnloadMs: 10_000 }, localPersistence(store, logger, { flushMs: 10_000, snapshotEvery: 1000 }));
	return { store, registry, appended, meeting };
}

const ANNA = { userId: 'u-anna', agencyId: 'a-soc' };

describe('changeLiveDoc', () => {
	it('changes the served copy, tells its peers, and stores the change as its author made it', async () => {
		const { store, registry, appended } = fakeStore();
		const live = await registry.acquire('meeting:m1');
		const frames: Uint8Array[] = [];
		live.peers.add({ send: (frame) => frames.push(frame) });
		await changeLiveDoc({ store, registry }, 'meeting:m1', ANNA, (doc) => doc.getText('minutes').insert(0, 'Återställt.'));
		expect(live.doc.getText('minutes').toString()).toBe('Återställt.');
		await new Promise<void>((resolve) => setImmediate(resolve)); // peers hear at the end of the turn
		expect(frames).toHaveLength(1);
		// Stored before changeDoc resolved (flushed), with the author.
		expect(appended).toHaveLength(1);
		expect(appended[0].author).toEqual(ANNA);
		const replay = new Y.Doc();
		Y.applyUpdate(replay, appended[0].update);
		expect(replay.getText('minutes').toString()).toBe('Återställt.');
		registry.release(live);
		await registry.drainAll();
	});

	it('changes nothing when the change throws half-way, and rethrows', async () => {
		const { store, registry, appended } = fakeStore();
		await changeLiveDoc({ store, registry }, 'meeting:m1', null, (doc) => doc.getText('minutes').insert(0, 'Före.'));
		const failing = changeLiveDoc({ store, registry }, 'meeting:m1', ANNA, (doc) => {
			doc.getText('minutes').insert(0, 'Halvvägs ');
			throw new Error('restore failed');
		});
		await expect(failing).rejects.toThrow('restore failed');
		expect(registry.peek('meeting:m1')?.doc.getText('minutes').toString()).toBe('Före.');
		expect(appended.map((a) => a.author)).toEqual([null]);
		await registry.drainAll();
	});

	it('stores nothing for a change that changes nothing', async () => {
		const { store, registry, appended } = fakeStore();
		await changeLiveDoc({ store, registry }, 'board:b1', ANNA, () => {});
		expect(appended).toHaveLength(0);
		await registry.drainAll();
	});

	it('refuses the documents of an adjusted meeting, and names that serve nothing', async () => {
		const { store, registry, appended, meeting } = fakeStore('adjusted');
		for (const name of ['meeting:m1', 'meeting:m1:voices']) {
			await expect(changeLiveDoc({ store, registry }, name, ANNA, (doc) => doc.getText('minutes').insert(0, 'x'))).rejects.toBeInstanceOf(DocumentSealedError);
		}
		expect(registry.peek('meeting:m1')?.doc.getText('minutes').toString()).toBe('');
		await expect(changeLiveDoc({ store, registry }, 'meeting:m2', ANNA, () => {})).rejects.toBeInstanceOf(DocumentNotFoundError);
		await expect(changeLiveDoc({ store, registry }, 'board:b9', ANNA, () => {})).rejects.toBeInstanceOf(DocumentNotFoundError);
		await expect(changeLiveDoc({ store, registry }, 'not a doc', ANNA, () => {})).rejects.toBeInstanceOf(DocumentNotFoundError);
		// Cancelled is not sealed: reinstating reopens it, and an erasure must reach it meanwhile.
		meeting.status = 'cancelled';
		await changeLiveDoc({ store, registry }, 'meeting:m1', ANNA, (doc) => doc.getText('minutes').insert(0, 'ok'));
		expect(appended).toHaveLength(1);
		await registry.drainAll();
	});
});
