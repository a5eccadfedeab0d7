import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAgendaItem, itemMinutes, recordDecision } from '../../src/lib/domain/meeting-doc';
import { appendBlocks } from '../../src/lib/domain/minutes-doc';
import { addPerspective } from '../../src/lib/domain/voices-doc';
import { docName } from '../../src/lib/domain/doc-names';
import * as search from '../../src/lib/server/services/search';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { connectClient, eventually, synced, type TestClient } from './yclient';

/**
 * Search over a real server (issue 12, point 9): what a stock y-websocket client types is found
 * once it is stored; a hostile document cannot stop the projection; what was stored while the
 * server was down is projected at start; membership decides who finds what.
 */
type App = Awaited<ReturnType<typeof startTestApp>>;
const apps: App[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	for (const app of apps.splice(0)) await app.close();
});

async function start(options: Parameters<typeof startTestApp>[0] = {}) {
	const app = await startTestApp(options);
	apps.push(app);
	return app;
}
function client(app: App, name: string, cookie: string) {
	const c = connectClient(app.url, name, cookie);
	clients.push(c);
	return c;
}
const find = async (app: App, userId: string, q: string, board?: string) => {
	const params = new URLSearchParams({ q });
	if (board) params.set('board', board);
	return (await search.page(app.runtime.store, { id: userId }, params)).results ?? [];
};

describe('search over real websockets', () => {
	it('finds what a stock client typed once it is stored, linked to its §, for members only; an internal § too', async () => {
		const app = await start();
		const owner = await makeUser(app.runtime.store, 'Owner');
		const viewer = await makeUser(app.runtime.store, 'Viewer');
		const stranger = await makeUser(app.runtime.store, 'Stranger');
		const { boardId, meetingId } = await makeMeeting(app.runtime.store, owner.user);
		await app.runtime.store.boards.addMember(boardId, viewer.user.id, 'viewer');
		// The stranger is a member of a board of their own, with a meeting of its own.
		await makeMeeting(app.runtime.store, stranger.user);

		const name = docName({ kind: 'meeting', meetingId });
		const c = client(app, name, owner.cookie);
		await synced(c);
		const itemId = addAgendaItem(c.doc, { title: 'Boende för unga vuxna', internal: true, internalReason: 'personal_data' });
		appendBlocks(itemMinutes(c.doc, itemId)!, [{ type: 'paragraph', text: ['Socialtjänsten tar fram en gemensam åtgärd med bostadsbolaget.'] }]);
		recordDecision(c.doc, itemId, { text: 'Arbetsgruppen tillsätts.', createdBy: owner.user.id });

		await eventually(async () => (await find(app, viewer.user.id, 'åtgärder')).length > 0, 'the minutes are found by a viewer');
		const [hit] = await find(app, viewer.user.id, 'åtgärder');
		expect(hit).toMatchObject({ kind: 'item', boardId, itemNumber: 1, itemTitle: 'Boende för unga vuxna', href: `/meetings/${meetingId}#item-${itemId}` });
		expect(hit.excerpt.filter((p) => p.marked).map((p) => p.text)).toEqual(['åtgärd']);
		expect((await find(app, owner.user.id, 'arbetsgrupp')).map((h) => h.kind)).toEqual(['decision']);
		expect((await find(app, owner.user.id, 'arbetsgrupp', boardId)).map((h) => h.kind)).toEqual(['decision']);

		expect(await find(app, stranger.user.id, 'åtgärder')).toEqual([]);
		expect(await find(app, stranger.user.id, 'åtgärder', boardId)).toEqual([]);

		// An edit replaces what was indexed.
		c.doc.transact(() => {
			const minutes = itemMinutes(c.doc, itemId)!;
			minutes.delete(0, minutes.length);
		});
		appendBlocks(itemMinutes(c.doc, itemId)!, [{ type: 'paragraph', text: ['Nu handlar det om hyresskulder.'] }]);
		await eventually(async () => (await find(app, viewer.user.id, 'hyresskuld')).length === 1, 'the edit is found');
		expect(await find(app, viewer.user.id, 'åtgärder')).toEqual([]);
	});

	it('a hostile document does not stop the projection: junk is left out, the rest is found', async () => {
		const app = await start();
		const owner = await makeUser(app.runtime.store, 'Owner');
		const { meetingId } = await makeMeeting(app.runtime.store, owner.user);
		const name = docName({ kind: 'meeting', meetingId });
		const c = client(app, name, owner.cookie);
		await synced(c);
		const agenda = c.doc.getMap<unknown>('agenda');
		c.doc.transact(() => {
			agenda.set('junk', 'not an item');
			const bad = new Y.Map<unknown>();
			bad.set('title', 'Titel med NUL\u0000 och \u0001markör\u0002');
			bad.set('minutes', 42);
			bad.set('decisions', { not: 'a list' });
			bad.set('position', 'first');
			agenda.set('bad', bad);
			const long = new Y.Map<unknown>();
			long.set('title', 'lång ' + 'ord '.repeat(5_000));
			agenda.set('long', long);
		});
		const good = addAgendaItem(c.doc, { title: 'Praktikplatser' });
		await eventually(async () => (await find(app, owner.user.id, 'praktikplats')).length === 1, 'the good § is found');
		const [marked] = await find(app, owner.user.id, 'markör');
		expect(marked.excerpt.filter((p) => p.marked).map((p) => p.text)).toEqual(['markör']);
		expect(marked.excerpt.map((p) => p.text).join('')).toMatch(/^Titel med NUL\s+och\s+markör\s*$/);
		expect(await find(app, owner.user.id, 'lång')).toHaveLength(1);
		const stored = await app.runtime.store.docs.load(name);
		await eventually(async () => (await app.runtime.store.search.projectedUpToId(name)) === stored.lastUpdateId, 'projected up to the stored update');
		expect(good).toBeTruthy();
	});

	it('projects at start what was stored while it was down (meeting and voices documents)', async () => {
		const first = await start();
		const owner = await makeUser(first.runtime.store, 'Owner');
		const { meetingId } = await makeMeeting(first.runtime.store, owner.user);
		const meeting = new Y.Doc();
		const item = addAgendaItem(meeting, { title: 'Bostad först' }, 'item1');
		const voices = new Y.Doc();
		addPerspective(voices, item, { id: owner.user.id, name: owner.user.displayName, agencyId: owner.user.agencyId, agencyName: 'x' }, 'Brukarna efterfrågar fler nycklar.');
		await first.close();
		apps.splice(0);
		// Stored behind the server's back: no live document, so no projection until the start.
		const second = await start({ dataDir: first.dataDir });
		await second.runtime.store.docs.append(`meeting:${meetingId}`, [Y.encodeStateAsUpdate(meeting)]);
		await second.runtime.store.docs.append(`meeting:${meetingId}:voices`, [Y.encodeStateAsUpdate(voices)]);
		expect((await second.runtime.store.search.listStale()).map((s) => s.docName).sort()).toEqual([`meeting:${meetingId}`, `meeting:${meetingId}:voices`]);
		await second.close();
		apps.splice(0);

		const third = await start({ dataDir: first.dataDir });
		expect(await third.runtime.store.search.listStale()).toEqual([]);
		const hits = await find(third, owner.user.id, 'nycklarna');
		expect(hits).toHaveLength(1);
		expect(hits[0]).toMatchObject({ kind: 'perspective', itemNumber: 1, itemTitle: 'Bostad först', href: `/meetings/${meetingId}#item-item1` });
	});
});
