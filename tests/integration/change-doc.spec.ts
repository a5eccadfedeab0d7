import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { docName } from '../../src/lib/domain/doc-names';
import { DocumentSealedError } from '../../src/lib/server/runtime';
import { startApp, type RunningApp } from '../../server/app';
import { createDatabase, redisServerAvailable, startInstance, startRedis, type Instance, type TestDatabase, type TestRedis } from './cluster/harness';
import { makeMeeting, makeUser, startTestApp, testConfig } from './helpers';
import { suiteUnavailable } from './suite-unavailable';
import { connectClient, eventually, synced, type TestClient, serverMinutes } from './yclient';

/**
 * The app's write path into live documents (LiveDocWriter.changeDoc, issue 11): a change made on
 * the server reaches connected clients at once, is stored as made by the person it names, and is
 * refused once the meeting is adjusted; with Redis, a client on another instance sees it too.
 */

const clients: TestClient[] = [];
function client(url: string, name: string, cookie: string): TestClient {
	const c = connectClient(url, name, cookie);
	clients.push(c);
	return c;
}
afterEach(() => {
	for (const c of clients.splice(0)) c.destroy();
});

describe('changeDoc on one instance', () => {
	let app: Awaited<ReturnType<typeof startTestApp>>;
	beforeAll(async () => {
		app = await startTestApp();
	});
	afterAll(async () => {
		await app?.close();
	});

	it('reaches a connected client at once and is stored with its author; an adjusted meeting refuses', async () => {
		const store = app.runtime.store;
		const anna = await makeUser(store, 'Anna');
		const bo = await makeUser(store, 'Bo');
		const { boardId, meetingId } = await makeMeeting(store, anna.user);
		await store.boards.addMember(boardId, bo.user.id, 'editor');
		const name = docName({ kind: 'meeting', meetingId });
		const b = client(app.url, name, bo.cookie);
		await synced(b);
		b.doc.getText('minutes').insert(0, 'Bo skrev. ');
		await eventually(() => serverMinutes(app.collab.registry.peek(name)?.doc) === 'Bo skrev. ', 'server has Bo’s text');

		const author = { userId: anna.user.id, agencyId: anna.user.agencyId };
		await app.runtime.live.changeDoc(name, author, (doc) => doc.getText('minutes').insert(doc.getText('minutes').length, 'Anna återställde.'));
		await eventually(() => b.doc.getText('minutes').toString() === 'Bo skrev. Anna återställde.', 'Bo sees the server’s change');
		// Stored when changeDoc resolved, in Anna's name, after Bo's own row.
		const history = await store.docs.history(name);
		expect(history.map((h) => [h.authorId, h.agencyId, h.source])).toEqual([
			[bo.user.id, bo.user.agencyId, 'member'],
			[anna.user.id, anna.user.agencyId, 'member']
		]);

		// A document nobody has open is loaded, changed, stored, and unloads again.
		const voices = docName({ kind: 'voices', meetingId });
		await app.runtime.live.changeDoc(voices, null, (doc) => doc.getMap('probe').set('k', 'v'));
		expect((await store.docs.history(voices)).map((h) => h.source)).toEqual(['server']);

		// Adjusted: sealed, for the server as for every socket; nothing reaches the client or the log.
		const meeting = (await store.meetings.get(meetingId))!;
		const event = { kind: 'moved', actorId: anna.user.id, at: new Date(), detail: {} };
		expect(await store.meetings.change(meetingId, { revision: meeting.revision, status: 'in_adjustment', bumpSequence: false, event })).not.toBeNull();
		const sealed = { meetingId, hash: 'cd'.repeat(32), format: 1, canonical: '{}', meetingState: Uint8Array.of(1), voicesState: Uint8Array.of(2), approvals: [], sealedAt: new Date() };
		expect(await store.protocols.seal(sealed, meeting.revision + 1, {}, anna.user.id)).toBe(true);
		for (const doc of [name, voices]) {
			await expect(app.runtime.live.changeDoc(doc, author, (d) => d.getText('minutes').insert(0, 'Sent. '))).rejects.toBeInstanceOf(DocumentSealedError);
		}
		expect(b.doc.getText('minutes').toString()).toBe('Bo skrev. Anna återställde.');
		expect(await store.docs.history(name)).toHaveLength(2);
	}, 30_000);
});

const adminUrl = process.env.TEST_DATABASE_URL;
const clusterSuite = 'changeDoc with two instances over Redis';
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

		it('a change made on one instance reaches a client of the other, and is stored in its author’s name', async () => {
			const env = { DATABASE_URL: db.url, REDIS_URL: redis.url, COLLAB_LEASE_MS: '900', COLLAB_FLUSH_MS: '40', COLLAB_IDLE_UNLOAD_MS: '400' };
			there = await startInstance(env);
			here = await startApp(testConfig(env), { migrationsDir: resolve('supabase/migrations') });
			const anna = await makeUser(db.store, 'Anna');
			const bo = await makeUser(db.store, 'Bo');
			const { boardId, meetingId } = await makeMeeting(db.store, anna.user);
			await db.store.boards.addMember(boardId, bo.user.id, 'editor');
			const name = docName({ kind: 'meeting', meetingId });
			const b = client(there.url, name, bo.cookie);
			await synced(b);
			b.doc.getText('minutes').insert(0, 'Bo på den andra. ');
			// The change appends to the text as this instance has it: wait until Bo's words came over Redis,
			// or the two inserts race for the same position and may land in either order.
			await eventually(async () => (await here!.runtime.live.readDoc(name)).getText('minutes').toString() === 'Bo på den andra. ', 'this instance has Bo’s words');

			const author = { userId: anna.user.id, agencyId: anna.user.agencyId };
			await here.runtime.live.changeDoc(name, author, (doc) => doc.getText('minutes').insert(doc.getText('minutes').length, 'Anna härifrån.'));
			await eventually(() => b.doc.getText('minutes').toString() === 'Bo på den andra. Anna härifrån.', 'the client on the other instance sees it');
			await eventually(async () => {
				const rows = await db.store.docs.history(name);
				return rows.some((h) => h.authorId === anna.user.id && h.agencyId === anna.user.agencyId) && rows.some((h) => h.authorId === bo.user.id);
			}, 'both stored, each in its author’s name');
		}, 60_000);
	});
}
