import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { docName } from '../../src/lib/domain/doc-names';
import { createDatabase, redisServerAvailable, startInstance, startRedis, type Instance, type TestDatabase, type TestRedis } from './cluster/harness';
import { makeMeeting, makeUser } from './helpers';
import { loadedText, typedBy } from './history-helpers';
import { suiteUnavailable } from './suite-unavailable';
import { connectClient, eventually, synced, type TestClient } from './yclient';

const adminUrl = process.env.TEST_DATABASE_URL;
const suite = 'History with authors over several instances';

if (!adminUrl) suiteUnavailable(suite, 'REQUIRE_REDIS', 'the instances share a PostgreSQL database: set TEST_DATABASE_URL');
else if (!redisServerAvailable()) suiteUnavailable(suite, 'REQUIRE_REDIS', 'redis-server is not installed (apt-get install redis-server)');
else {
	describe(suite, () => {
		let redis: TestRedis;
		let db: TestDatabase;
		const instances: Instance[] = [];
		const clients: TestClient[] = [];

		beforeAll(async () => {
			redis = await startRedis();
			db = await createDatabase(adminUrl);
		}, 60_000);
		afterEach(async (context) => {
			if (context.task.result?.state === 'fail') for (const i of instances) console.error(`--- instance ${i.url}\n${i.output()}`);
			for (const c of clients.splice(0)) c.destroy();
			await Promise.all(instances.splice(0).map((i) => i.kill('SIGTERM')));
		}, 30_000);
		afterAll(async () => {
			await redis?.stop();
			await db?.drop();
		}, 30_000);

		async function instance(): Promise<Instance> {
			const i = await startInstance({ DATABASE_URL: db.url, REDIS_URL: redis.url, COLLAB_LEASE_MS: '900', COLLAB_FLUSH_MS: '40', COLLAB_IDLE_UNLOAD_MS: '400', COLLAB_SNAPSHOT_EVERY: '4' });
			instances.push(i);
			return i;
		}
		function client(url: string, name: string, cookie: string): TestClient {
			const c = connectClient(url, name, cookie);
			clients.push(c);
			return c;
		}
		async function metric(i: Instance, name: string): Promise<number> {
			const body = await (await fetch(`${i.url}/metrics`)).text();
			const line = body.split('\n').find((l) => l.startsWith(name + ' '));
			return line ? Number(line.split(' ')[1]) : NaN;
		}
		const minutes = (c: TestClient) => c.doc.getText('minutes');

		it('updates accepted by the instance that does not write are stored with their author and agency, and stay so after compaction', async () => {
			const [one, two] = await Promise.all([instance(), instance()]);
			const anna = await makeUser(db.store, 'Anna');
			const bo = await makeUser(db.store, 'Bo');
			const { boardId, meetingId } = await makeMeeting(db.store, anna.user);
			await db.store.boards.addMember(boardId, bo.user.id, 'editor');
			const name = docName({ kind: 'meeting', meetingId });

			const a = client(one.url, name, anna.cookie);
			const b = client(two.url, name, bo.cookie);
			await Promise.all([synced(a), synced(b)]);
			let writer: Instance | undefined;
			await eventually(async () => {
				for (const i of [one, two]) if ((await metric(i, 'samtavla_cluster_documents_writing')) === 1) writer = i;
				return writer !== undefined;
			}, 'a writer');
			// Whoever is on the other instance types through it: the writer stores what it accepted from the stream.
			const [onWriter, onOther] = writer === one ? [a, b] : [b, a];
			const annaWords: string[] = [];
			const boWords: string[] = [];
			for (let i = 0; i < 6; i++) {
				for (const [c, words, who] of [
					[onOther, onOther === a ? annaWords : boWords, onOther === a ? 'Anna' : 'Bo'],
					[onWriter, onWriter === a ? annaWords : boWords, onWriter === a ? 'Anna' : 'Bo']
				] as const) {
					const word = `${who}-${i}; `;
					minutes(c).insert(minutes(c).length, word);
					words.push(word);
					await eventually(() => minutes(a).toString() === minutes(b).toString(), 'both instances have it');
				}
			}
			const typed = minutes(a).toString();
			await eventually(async () => loadedText(await db.store.docs.load(name)) === typed, 'stored', 15_000);

			const check = async () => {
				const history = await db.store.docs.history(name);
				expect(history.every((h) => h.source === 'member')).toBe(true);
				const agencies = new Map(history.map((h) => [h.authorId, h.agencyId]));
				expect(agencies).toEqual(new Map([[anna.user.id, anna.user.agencyId], [bo.user.id, bo.user.agencyId]]));
				const by = typedBy(history);
				expect(by.get(anna.user.id)).toBe(annaWords.join(''));
				expect(by.get(bo.user.id)).toBe(boWords.join(''));
			};
			await check();

			// Both leave; the copies unload and the writer compacts: the authored log stays.
			a.destroy();
			b.destroy();
			await eventually(async () => (await metric(one, 'samtavla_collab_documents_loaded')) === 0 && (await metric(two, 'samtavla_collab_documents_loaded')) === 0, 'unloaded on both', 15_000);
			const stored = await db.store.docs.load(name);
			expect(stored.snapshot).not.toBeNull();
			expect(loadedText(stored)).toBe(typed);
			await check();
		}, 60_000);
	});
}
