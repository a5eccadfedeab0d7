import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/domain/collab-protocol';
import { addAgendaItem } from '../../src/lib/domain/meeting-doc';
import { createStore } from '../../src/lib/server/store/index';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { connectClient, eventually, synced, type TestClient } from './yclient';

/**
 * A board purged while its documents are open (issue 11, point 11): the daily job's purge closes
 * every socket on the board's and its meetings' documents (4404), and the collab server, which
 * still holds what was typed a moment before (not yet stored: a long flush interval), writes
 * none of it back — not at unload, not at shutdown — so the documents stay gone.
 */
describe('Board purge with open documents', () => {
	const clients: TestClient[] = [];
	afterAll(() => {
		for (const c of clients) c.destroy();
	});

	it('closes the sockets and never writes the documents back', async () => {
		const app = await startTestApp({ env: { COLLAB_FLUSH_MS: '60000', COLLAB_IDLE_UNLOAD_MS: '100' } });
		const { store } = app.runtime;
		const owner = await makeUser(store, 'Owner');
		const { boardId, meetingId } = await makeMeeting(store, owner.user);
		const names = [`board:${boardId}`, `meeting:${meetingId}`, `meeting:${meetingId}:voices`];
		for (const name of names) clients.push(connectClient(app.url, name, owner.cookie));
		await Promise.all(clients.map((c) => synced(c)));
		// Typed, received by the server, not stored yet (the flush is a minute away).
		addAgendaItem(clients[1].doc, { title: 'Skrivet strax före raderingen' });
		await new Promise((r) => setTimeout(r, 300));
		expect(clients.every((c) => c.closes.length === 0)).toBe(true);
		// The server holds the item and has not stored it: the document as stored has no update yet.
		expect((await store.docs.load(`meeting:${meetingId}`)).updates).toEqual([]);

		await store.boardDeletion.request(boardId, owner.user.id, new Date(Date.now() - 31 * 24 * 60 * 60 * 1000));
		const run = await app.upkeep.runOnce(new Date());
		expect(run?.purged.map((p) => p.boardId)).toEqual([boardId]);
		await eventually(() => clients.every((c) => c.closes.some((e) => e.code === CloseCode.documentGone)), 'every socket on the board closed with 4404');
		for (const c of clients) c.provider.disconnect();
		// Unload (idle) and shutdown both try to store what the documents hold: refused, dropped.
		await new Promise((r) => setTimeout(r, 500));
		await app.close();

		const reopened = await createStore({ dataDir: app.dataDir, databaseUrl: undefined }, { migrationsDir: resolve('supabase/migrations'), schema: 'check' });
		try {
			for (const name of names) {
				expect(await reopened.store.docs.load(name), name).toEqual({ snapshot: null, updates: [], lastUpdateId: 0 });
				expect(await reopened.store.docs.history(name), name).toEqual([]);
			}
			expect(await reopened.store.boards.get(boardId)).toBeNull();
		} finally {
			await reopened.store.close();
		}
	}, 60_000);
});
