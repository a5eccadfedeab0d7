import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as history from '../../src/lib/server/services/history';
import { startApp, type RunningApp } from '../../server/app';
import { createDatabase, redisServerAvailable, startInstance, startRedis, type Instance, type TestDatabase, type TestRedis } from './cluster/harness';
import { suiteUnavailable } from './suite-unavailable';
import { docName } from '../../src/lib/domain/doc-names';
import { addAgendaItem, itemMinutes } from '../../src/lib/domain/meeting-doc';
import { appendBlocks } from '../../src/lib/domain/minutes-doc';
import { startBuiltServerOn, type BuiltServer } from './built-server';
import { makeMeeting, makeUser, startTestApp, testConfig } from './helpers';
import { connectClient, eventually, synced, type TestClient } from './yclient';

/**
 * The history panel (issue 11, point 6) against the production build, over real websockets and
 * its pages' plain form posts: two members of two agencies write; the versions list both (a
 * status change between their edits makes two versions); the comparison with now shows the
 * deleted paragraph deleted and the added one added; restoring the § brings the deleted paragraph
 * back to a connected client, stored in the restorer's name; a viewer may not restore; after a
 * restart (with compaction on the way) the versions still name both; once adjusted, nothing is
 * restored.
 */
const FIRST = 'Första stycket om Bostad först.';
const DELETED = 'Andra stycket som Bo tar bort.';
const ADDED = 'Bo lade till en rad.';
const ITEM = 'item1';

const clients: TestClient[] = [];
const servers: BuiltServer[] = [];
afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	for (const s of servers.splice(0)) await s.stop();
});

async function start(dataDir: string): Promise<BuiltServer> {
	const server = await startBuiltServerOn(dataDir, { COLLAB_SNAPSHOT_EVERY: '2', COLLAB_FLUSH_MS: '20', LOG_LEVEL: 'warn' });
	servers.push(server);
	return server;
}
async function stop(server: BuiltServer) {
	servers.splice(servers.indexOf(server), 1);
	await server.stop();
}
function client(url: string, name: string, cookie: string) {
	const c = connectClient(url, name, cookie);
	clients.push(c);
	return c;
}
async function page(url: string, path: string, cookie: string): Promise<string> {
	const response = await fetch(url + path, { headers: { cookie }, redirect: 'manual' });
	expect(response.status, path).toBe(200);
	return response.text();
}
function post(url: string, path: string, cookie: string, fields: Array<[string, string]>): Promise<Response> {
	return fetch(url + path, {
		method: 'POST',
		headers: { cookie, origin: url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields),
		redirect: 'manual'
	});
}
const versionIds = (html: string) => [...html.matchAll(/data-testid="history-version" data-version="(\d+)"/g)].map((m) => Number(m[1]));
/** The text inside each <ins> or <del> of the page, tags (and the screen-reader words) stripped. */
const marked = (html: string, tag: 'ins' | 'del') =>
	[...html.matchAll(new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) =>
		m[1]
			.replace(/<span class="sr-only">[\s\S]*?<\/span>/g, '')
			.replace(/<[^>]+>/g, '')
			.trim()
	);
const minutesOf = (c: TestClient) => itemMinutes(c.doc, ITEM)?.toString() ?? '';
/** The item's minutes as the store holds them (snapshot and later updates). */
function storedMinutes(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): string {
	const doc = new Y.Doc();
	for (const update of [stored.snapshot, ...stored.updates]) if (update) Y.applyUpdate(doc, update);
	return itemMinutes(doc, ITEM)?.toString() ?? '';
}

describe('the history panel', () => {
	it('lists two authors’ versions, shows the diff, restores a deleted paragraph in the restorer’s name, and keeps it all over a restart', async () => {
		const setup = await startTestApp();
		const store = setup.runtime.store;
		const anna = await makeUser(store, 'Anna');
		const bo = await makeUser(store, 'Bo');
		const viewer = await makeUser(store, 'Vera');
		const { boardId, meetingId } = await makeMeeting(store, anna.user);
		await store.boards.addMember(boardId, bo.user.id, 'editor');
		await store.boards.addMember(boardId, viewer.user.id, 'viewer');
		const [annaAgency, boAgency] = await Promise.all([store.agencies.get(anna.user.agencyId), store.agencies.get(bo.user.agencyId)]);
		await setup.close();
		const name = docName({ kind: 'meeting', meetingId });
		const history = `/meetings/${meetingId}/history`;

		const server = await start(setup.dataDir);
		const a = client(server.url, name, anna.cookie);
		const b = client(server.url, name, bo.cookie);
		await Promise.all([synced(a), synced(b)]);
		// Anna writes the § and its two paragraphs.
		addAgendaItem(a.doc, { title: 'Bostad först' }, ITEM);
		appendBlocks(itemMinutes(a.doc, ITEM)!, [
			{ type: 'paragraph', text: [FIRST] },
			{ type: 'paragraph', text: [DELETED] }
		]);
		await eventually(() => minutesOf(b).includes(DELETED), 'Bo has Anna’s paragraphs');
		// The meeting starts: a status change, so what Bo does next is another version.
		const moved = await post(server.url, `/meetings/${meetingId}?/move`, anna.cookie, [['to', 'in_progress']]);
		expect(moved.status).toBeLessThan(400);
		await new Promise((r) => setTimeout(r, 50));
		// Bo deletes the second paragraph and adds one.
		b.doc.transact(() => {
			const fragment = itemMinutes(b.doc, ITEM)!;
			fragment.delete(1, 1);
		});
		appendBlocks(itemMinutes(b.doc, ITEM)!, [{ type: 'paragraph', text: [ADDED] }]);
		await eventually(() => minutesOf(a).includes(ADDED) && !minutesOf(a).includes(DELETED), 'Anna sees Bo’s change');

		// Both versions, newest first, each naming its author and agency.
		let list = '';
		await eventually(async () => {
			list = await page(server.url, history, anna.cookie);
			return versionIds(list).length === 2;
		}, 'two versions');
		const [newest, older] = versionIds(list);
		expect(newest).toBeGreaterThan(older);
		const blocks = list.split('data-testid="history-version"').slice(1);
		expect(blocks[0]).toContain(bo.user.displayName);
		expect(blocks[0]).toContain(boAgency!.name);
		expect(blocks[0]).not.toContain(anna.user.displayName);
		expect(blocks[1]).toContain(anna.user.displayName);
		expect(blocks[1]).toContain(annaAgency!.name);
		expect(list).not.toContain('data-testid="history-incomplete"');
		// The meeting page links to it.
		expect(await page(server.url, `/meetings/${meetingId}`, anna.cookie)).toContain(`href="${history}"`);

		// Anna's version compared with now: the deleted paragraph deleted, Bo's line inserted.
		const view = await page(server.url, `${history}/${older}`, anna.cookie);
		expect(view).toMatch(/data-testid="history-section"[^>]*data-state="changed"[^>]*data-item="item1"/);
		expect(marked(view, 'del')).toEqual([DELETED]);
		expect(marked(view, 'ins')).toEqual([ADDED]);
		// Screen readers are told which is which, in words.
		expect(view).toContain('<span class="sr-only">Borttaget: </span>');
		expect(view).toContain('<span class="sr-only">Tillagt: </span>');
		expect(view).toContain('<span class="sr-only"> (slut)</span>');
		// The version itself, rendered by the protocol renderer, still has the paragraph.
		expect(view.slice(view.indexOf('data-testid="history-rendered"'))).toContain(DELETED);
		expect(await fetch(`${server.url}${history}/999999999`, { headers: { cookie: anna.cookie } }).then((r) => r.status)).toBe(404);

		// A viewer may look, not restore.
		expect(await page(server.url, `${history}/${older}`, viewer.cookie)).not.toContain('data-testid="history-restore"');
		const refused = await post(server.url, `${history}/${older}?/restore`, viewer.cookie, [['itemId', ITEM]]);
		expect(refused.status).toBe(400);
		expect(minutesOf(a)).not.toContain(DELETED);

		// Anna restores the §: Bo, connected, has the paragraph back at once; it is stored as Anna's.
		const restored = await post(server.url, `${history}/${older}?/restore`, anna.cookie, [['itemId', ITEM]]);
		expect(restored.status).toBe(200);
		expect(await restored.text()).toContain('data-testid="history-restored"');
		await eventually(() => minutesOf(b).includes(DELETED) && !minutesOf(b).includes(ADDED), 'Bo sees the restored §');
		expect(minutesOf(b)).toBe(minutesOf(a));
		await eventually(async () => versionIds(await page(server.url, history, anna.cookie)).length >= 2, 'still listed');
		const afterRestore = await page(server.url, history, anna.cookie);
		expect(afterRestore.split('data-testid="history-version"')[1]).toContain(anna.user.displayName);
		const restoredText = minutesOf(a);

		// A restart (the shutdown stores and compacts): both authors still named, the text as restored.
		for (const c of clients.splice(0)) c.destroy();
		await stop(server);
		const again = await start(setup.dataDir);
		const relist = await page(again.url, history, bo.cookie);
		expect(versionIds(relist)).toEqual(versionIds(afterRestore));
		expect(relist).toContain(anna.user.displayName);
		expect(relist).toContain(bo.user.displayName);
		expect(relist).not.toContain('data-testid="history-incomplete"');
		const c = client(again.url, name, bo.cookie);
		await synced(c);
		expect(itemMinutes(c.doc, ITEM)!.toString()).toBe(restoredText);

		// Adjusted: the version page offers no restore, and a restore posted anyway is refused.
		c.destroy();
		await stop(again);
		const admin = await startTestApp({ dataDir: setup.dataDir });
		const meeting = (await admin.runtime.store.meetings.get(meetingId))!;
		const event = { kind: 'moved', actorId: anna.user.id, at: new Date(), detail: {} };
		await admin.runtime.store.meetings.change(meetingId, { revision: meeting.revision, status: 'in_adjustment', bumpSequence: false, event });
		const sealed = { meetingId, hash: 'ef'.repeat(32), format: 1, canonical: '{}', meetingState: Uint8Array.of(1), voicesState: Uint8Array.of(2), approvals: [], sealedAt: new Date() };
		expect(await admin.runtime.store.protocols.seal(sealed, meeting.revision + 1, {}, anna.user.id)).toBe(true);
		const rowsBefore = (await admin.runtime.store.docs.history(name)).length;
		await admin.close();
		const sealedServer = await start(setup.dataDir);
		const sealedView = await page(sealedServer.url, `${history}/${older}`, anna.cookie);
		expect(sealedView).not.toContain('data-testid="history-restore"');
		const late = await post(sealedServer.url, `${history}/${older}?/restore`, anna.cookie, []);
		expect(late.status).toBe(400);
		await stop(sealedServer);
		const check = await startTestApp({ dataDir: setup.dataDir });
		expect(await check.runtime.store.docs.history(name)).toHaveLength(rowsBefore);
		const stored = new Y.Doc();
		const loaded = await check.runtime.store.docs.load(name);
		if (loaded.snapshot) Y.applyUpdate(stored, loaded.snapshot);
		for (const u of loaded.updates) Y.applyUpdate(stored, u);
		expect(itemMinutes(stored, ITEM)!.toString()).toBe(restoredText);
		await check.close();
	}, 120_000);

	it('lists what was typed a moment ago, before the update log’s timer would have stored it', async () => {
		// A flush interval far longer than the test: only the history's own "store what waits now" can show the §.
		const app = await startTestApp({ env: { COLLAB_FLUSH_MS: '60000' } });
		try {
			const store = app.runtime.store;
			const anna = await makeUser(store, 'Anna');
			const { meetingId } = await makeMeeting(store, anna.user);
			const name = docName({ kind: 'meeting', meetingId });
			const access = async () => ({ user: anna.user, board: (await store.boards.get((await store.meetings.get(meetingId))!.boardId))!, role: 'owner' as const, meeting: (await store.meetings.get(meetingId))! });
			const a = client(app.url, name, anna.cookie);
			await synced(a);
			expect((await history.listVersions(app.runtime, await access())).versions).toHaveLength(0);
			addAgendaItem(a.doc, { title: 'Bostad först' }, ITEM);
			await eventually(async () => (await app.runtime.live.readDoc(name)).getMap('agenda').size > 0, 'the server has the §');
			expect(await store.docs.history(name)).toHaveLength(0);
			const list = await history.listVersions(app.runtime, await access());
			expect(list.versions.map((v) => v.people.map((p) => p.userId))).toEqual([[anna.user.id]]);
		} finally {
			for (const c of clients.splice(0)) c.destroy();
			await app.close();
		}
	}, 60_000);
});

const adminUrl = process.env.TEST_DATABASE_URL;
const clusterSuite = 'the history panel with two instances over Redis';
if (!adminUrl) suiteUnavailable(clusterSuite, 'REQUIRE_REDIS', 'the instances share a PostgreSQL database: set TEST_DATABASE_URL');
else if (!redisServerAvailable()) suiteUnavailable(clusterSuite, 'REQUIRE_REDIS', 'redis-server is not installed (apt-get install redis-server)');
else {
	describe(clusterSuite, () => {
		let redis: TestRedis;
		let db: TestDatabase;
		let here: RunningApp | undefined;
		let there: Instance | undefined;
		beforeAll(async () => {
			redis = await startRedis();
			db = await createDatabase(adminUrl);
		}, 60_000);
		afterAll(async () => {
			await there?.kill('SIGTERM');
			await here?.close();
			await redis?.stop();
			await db?.drop();
		}, 30_000);

		it('names an author who wrote through the other instance, and a restore made here reaches a client there', async () => {
			const env = { DATABASE_URL: db.url, REDIS_URL: redis.url, COLLAB_LEASE_MS: '900', COLLAB_FLUSH_MS: '40', COLLAB_IDLE_UNLOAD_MS: '400', COLLAB_SNAPSHOT_EVERY: '2' };
			there = await startInstance(env);
			here = await startApp(testConfig(env), { migrationsDir: resolve('supabase/migrations') });
			const store = db.store;
			const anna = await makeUser(store, 'Anna');
			const bo = await makeUser(store, 'Bo');
			const { boardId, meetingId } = await makeMeeting(store, anna.user);
			await store.boards.addMember(boardId, bo.user.id, 'editor');
			const name = docName({ kind: 'meeting', meetingId });
			const a = client(here.url, name, anna.cookie);
			const b = client(there.url, name, bo.cookie);
			await Promise.all([synced(a), synced(b)]);
			addAgendaItem(a.doc, { title: 'Bostad först' }, ITEM);
			appendBlocks(itemMinutes(a.doc, ITEM)!, [
				{ type: 'paragraph', text: [FIRST] },
				{ type: 'paragraph', text: [DELETED] }
			]);
			await eventually(() => minutesOf(b).includes(DELETED), 'Bo, on the other instance, has Anna’s paragraphs');
			// All of Anna's writing stored before the status change that ends her version: her two
			// transactions can reach the store in separate flushes (the writer may be either
			// instance), and a row stored after the change would land in Bo's version.
			await eventually(async () => storedMinutes(await store.docs.load(name)).includes(DELETED), 'everything Anna wrote is stored');
			await eventually(async () => (await store.docs.history(name)).some((h) => h.authorId === anna.user.id), 'Anna’s rows stored');
			const meeting = (await store.meetings.get(meetingId))!;
			await store.meetings.change(meetingId, { revision: meeting.revision, status: 'in_progress', bumpSequence: false, event: { kind: 'moved', actorId: anna.user.id, at: new Date(), detail: { from: 'planned', to: 'in_progress' } } });
			await new Promise((r) => setTimeout(r, 50));
			itemMinutes(b.doc, ITEM)!.delete(1, 1);
			await eventually(() => !minutesOf(a).includes(DELETED), 'Anna sees Bo’s deletion');
			await eventually(async () => (await store.docs.history(name)).some((h) => h.authorId === bo.user.id), 'Bo’s row stored, through the stream');

			const access = async () => ({ user: anna.user, board: (await store.boards.get(boardId))!, role: 'owner' as const, meeting: (await store.meetings.get(meetingId))! });
			const list = await history.listVersions(here.runtime, await access());
			expect(list.incomplete).toBe(false);
			expect(list.versions.map((v) => v.people.map((p) => p.userId))).toEqual([[bo.user.id], [anna.user.id]]);
			const older = list.versions[1].id;
			const view = await history.versionView(here.runtime, await access(), older);
			const section = view!.comparison.sections.find((s) => s.itemId === ITEM)!;
			expect(section.minutes.filter((p) => p.kind === 'del').map((p) => p.text.trim())).toEqual([DELETED]);

			const restored = await history.restore(here.runtime, await access(), older, ITEM);
			expect(restored.ok).toBe(true);
			await eventually(() => minutesOf(b).includes(DELETED), 'Bo, on the other instance, has the paragraph back');
			await eventually(async () => (await store.docs.history(name)).at(-1)?.authorId === anna.user.id, 'the restore stored in Anna’s name');
		}, 90_000);
	});
}
