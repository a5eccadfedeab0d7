import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import * as Y from 'yjs';
import { docName } from '../../src/lib/domain/doc-names';
import { sessionIdFromToken } from '../../src/lib/server/auth/sessions';
import { startBalancer, createDatabase, redisServerAvailable, startInstance, startRedis, type Instance, type TestDatabase, type TestRedis } from './cluster/harness';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { suiteUnavailable } from './suite-unavailable';
import { connectClient, eventually, synced, upgradeStatus, type TestClient } from './yclient';

const adminUrl = process.env.TEST_DATABASE_URL;
const suite = 'Several instances over Redis';

if (!adminUrl) suiteUnavailable(suite, 'REQUIRE_REDIS', 'the instances share a PostgreSQL database: set TEST_DATABASE_URL');
else if (!redisServerAvailable()) suiteUnavailable(suite, 'REQUIRE_REDIS', 'redis-server is not installed (apt-get install redis-server)');
else {
	describe(suite, () => {
		let redis: TestRedis;
		let db: TestDatabase;
		const instances: Instance[] = [];
		const clients: TestClient[] = [];
		const closers: Array<() => Promise<void>> = [];

		beforeAll(async () => {
			redis = await startRedis();
			db = await createDatabase(adminUrl);
		}, 60_000);
		afterEach(async (context) => {
			// A failing test shows what the server processes logged.
			if (context.task.result?.state === 'fail') for (const i of instances) console.error(`--- instance ${i.url}\n${i.output()}`);
			for (const c of clients.splice(0)) c.destroy();
			for (const close of closers.splice(0)) await close();
			await Promise.all(instances.splice(0).map((i) => i.kill('SIGTERM')));
		}, 30_000);
		afterAll(async () => {
			await redis?.stop();
			await db?.drop();
		}, 30_000);

		/** Short lease and idle times so a dead writer is replaced, and copies unload, within the test. */
		const env = () => ({ DATABASE_URL: db.url, REDIS_URL: redis.url, COLLAB_LEASE_MS: '900', COLLAB_FLUSH_MS: '40', COLLAB_IDLE_UNLOAD_MS: '400' });

		async function instance(extra: Record<string, string> = {}): Promise<Instance> {
			const i = await startInstance({ ...env(), ...extra });
			instances.push(i);
			return i;
		}
		function client(url: string, name: string, cookie: string): TestClient {
			const c = connectClient(url, name, cookie);
			clients.push(c);
			return c;
		}
		async function meeting() {
			const owner = await makeUser(db.store, 'Owner');
			const other = await makeUser(db.store, 'Other');
			const third = await makeUser(db.store, 'Third');
			const { boardId, meetingId } = await makeMeeting(db.store, owner.user);
			await db.store.boards.addMember(boardId, other.user.id, 'editor');
			await db.store.boards.addMember(boardId, third.user.id, 'editor');
			return { owner, other, third, boardId, name: docName({ kind: 'meeting', meetingId }) };
		}
		/** The text as the database has it (snapshot + update log), read like a loading server would. */
		async function storedText(name: string): Promise<string> {
			const stored = await db.store.docs.load(name);
			const doc = new Y.Doc();
			if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
			for (const u of stored.updates) Y.applyUpdate(doc, u);
			return doc.getText('minutes').toString();
		}
		async function metric(i: Instance, name: string): Promise<number> {
			const body = await (await fetch(`${i.url}/metrics`)).text();
			const line = body.split('\n').find((l) => l.startsWith(name + ' '));
			return line ? Number(line.split(' ')[1]) : NaN;
		}
		async function health(i: Instance): Promise<{ status: number; body: { status: string; checks: Record<string, string> } }> {
			const res = await fetch(`${i.url}/healthz`);
			return { status: res.status, body: await res.json() };
		}
		/** Types `count` words, one every `everyMs`, at the end of the text; resolves with the words. */
		async function type(c: TestClient, prefix: string, count: number, everyMs: number): Promise<string[]> {
			const words: string[] = [];
			for (let i = 0; i < count; i++) {
				const word = `${prefix}${i};`;
				c.doc.getText('minutes').insert(c.doc.getText('minutes').length, word);
				words.push(word);
				await new Promise((r) => setTimeout(r, everyMs));
			}
			return words;
		}
		const text = (c: TestClient) => c.doc.getText('minutes').toString();
		const hasAll = (s: string, words: string[]) => words.every((w) => s.includes(w));

		it('clients on different instances converge (text and presence); one instance stores it; idle copies unload everywhere', async () => {
			const [one, two] = await Promise.all([instance(), instance()]);
			const { owner, other, name } = await meeting();
			const a = client(one.url, name, owner.cookie);
			const b = client(two.url, name, other.cookie);
			await Promise.all([synced(a), synced(b)]);

			a.doc.getText('minutes').insert(0, 'Beslut: ');
			b.doc.getText('minutes').insert(0, 'Hej. ');
			await eventually(() => text(a) === text(b) && text(a).length === 'Beslut: Hej. '.length, 'texts equal across instances');

			// Whatever name a client claims, the instance it is connected to writes the real one, and
			// that is what the other instance shows.
			a.provider.awareness.setLocalStateField('user', { id: other.user.id, name: 'Anna på socialtjänsten' });
			await eventually(() => b.provider.awareness.getStates().has(a.doc.clientID), 'presence from the other instance');
			expect(b.provider.awareness.getStates().get(a.doc.clientID)?.user).toMatchObject({ id: owner.user.id, name: owner.user.displayName });

			for (const i of [one, two]) expect((await health(i)).body.checks).toMatchObject({ database: 'ok', redis: 'ok' });
			// Exactly one instance holds the write lease; it stores what both accepted.
			await eventually(async () => (await metric(one, 'samtavla_cluster_documents_writing')) + (await metric(two, 'samtavla_cluster_documents_writing')) === 1, 'one writer');
			await eventually(async () => (await storedText(name)) === text(a), 'stored text equals the live text');
			const { updates, snapshot } = await db.store.docs.load(name);
			expect(updates.length + (snapshot ? 1 : 0)).toBeGreaterThan(0);

			const final = text(a);
			a.destroy();
			b.destroy();
			await eventually(async () => (await metric(one, 'samtavla_collab_documents_loaded')) === 0 && (await metric(two, 'samtavla_collab_documents_loaded')) === 0, 'unloaded on both', 15_000);
			expect(await storedText(name)).toBe(final);
			// Stored and unloaded: the stream is left to expire instead of staying in Redis for ever.
			const r = new Redis(redis.url);
			try {
				expect(await r.pttl(`samtavla:{${name}}:updates`)).toBeGreaterThan(0);
			} finally {
				r.disconnect();
			}
		}, 60_000);

		it('the people of an instance that dies, or stops, leave the presence of the others within a lease, not half a minute', async () => {
			const [one, two, three] = await Promise.all([instance(), instance(), instance()]);
			const { owner, other, third, name } = await meeting();
			const b = client(two.url, name, other.cookie);
			await synced(b);
			const names = () => [...b.provider.awareness.getStates().values()].map((s) => s.user?.name).filter(Boolean);
			const a = client(one.url, name, owner.cookie);
			const c = client(three.url, name, third.cookie);
			await Promise.all([synced(a), synced(c)]);
			// The server writes each person's name into their presence: these are what the others see.
			const anna = owner.user.displayName;
			const cecilia = third.user.displayName;
			a.provider.awareness.setLocalStateField('here', true);
			c.provider.awareness.setLocalStateField('here', true);
			await eventually(() => names().includes(anna) && names().includes(cecilia), 'both present on the second instance');

			// Killed first, so it cannot tell anyone; then Anna's app stops retrying (in real life it
			// would reconnect elsewhere; here she is simply gone with her instance).
			await one.kill('SIGKILL');
			const killedAt = Date.now();
			a.provider.disconnect();
			await eventually(() => !names().includes(anna), 'Anna gone from the presence', 10_000);
			expect(Date.now() - killedAt).toBeLessThan(10_000); // y-protocols alone would keep her for 30 s

			await three.kill('SIGTERM'); // a stopping instance says it is leaving
			c.provider.disconnect();
			await eventually(() => !names().includes(cecilia), 'Cecilia gone from the presence', 10_000);
		}, 60_000);

		it('kill -9 of the writing instance mid-edit: its client reconnects through the balancer to another instance and every word typed survives', async () => {
			const three = await Promise.all([instance(), instance(), instance()]);
			const alive = new Set(three);
			const balancer = await startBalancer(() => [...alive].map((i) => i.port));
			closers.push(() => balancer.close());
			const { owner, other, third, name } = await meeting();
			const people = [owner, other, third];
			const cs = people.map((p) => client(balancer.url, name, p.cookie));
			await Promise.all(cs.map((c) => synced(c)));
			// Round robin put one client on each instance.
			expect(new Set(balancer.routed.slice(0, 3)).size).toBe(3);
			let writer: Instance | undefined;
			await eventually(async () => {
				for (const i of three) if ((await metric(i, 'samtavla_cluster_documents_writing')) === 1) writer = i;
				return writer !== undefined;
			}, 'a writer');

			const typing = cs.map((c, n) => type(c, `${'abc'[n]}`, 40, 15));
			await new Promise((r) => setTimeout(r, 250));
			alive.delete(writer!);
			await writer!.kill('SIGKILL');
			const words = (await Promise.all(typing)).flat();

			await eventually(() => cs.every((c) => hasAll(text(c), words)) && new Set(cs.map(text)).size === 1, 'all clients have every word', 20_000);
			// The lease of the dead writer runs out; another instance takes it and stores the stream.
			await eventually(async () => hasAll(await storedText(name), words), 'every word stored', 20_000);
			for (const c of cs) expect(c.provider.wsconnected).toBe(true);
		}, 90_000);

		it('a writer paused past its lease (SIGSTOP) is replaced, and when it wakes its writes are fenced out: one writer, nothing lost', async () => {
			const [one, two] = await Promise.all([instance({ LOG_LEVEL: 'info' }), instance({ LOG_LEVEL: 'info' })]);
			const { owner, other, name } = await meeting();
			const a = client(one.url, name, owner.cookie);
			const b = client(two.url, name, other.cookie);
			await Promise.all([synced(a), synced(b)]);
			const first = await type(a, 'först', 5, 5);
			let writer: Instance | undefined;
			await eventually(async () => {
				for (const i of [one, two]) if ((await metric(i, 'samtavla_cluster_documents_writing')) === 1) writer = i;
				return writer !== undefined;
			}, 'a writer');
			const [paused, awake] = writer === one ? [one, two] : [two, one];
			const [pausedClient, awakeClient] = writer === one ? [a, b] : [b, a];
			await eventually(() => hasAll(text(awakeClient), first), 'the awake side has the first words');

			paused.proc.kill('SIGSTOP');
			try {
				const during = await type(awakeClient, 'medan', 10, 20);
				// The paused writer's lease runs out and the awake instance takes over and stores.
				await eventually(async () => (await metric(awake, 'samtavla_cluster_documents_writing')) === 1, 'the awake instance writes', 15_000);
				await eventually(async () => hasAll(await storedText(name), [...first, ...during]), 'stored by the new writer', 15_000);
			} finally {
				paused.proc.kill('SIGCONT');
			}
			const after = [...(await type(pausedClient, 'sedan', 5, 10)), ...(await type(awakeClient, 'efteråt', 5, 10))];
			const words = [...first, ...after];
			await eventually(() => hasAll(text(a), words) && text(a) === text(b), 'converged after the wake-up', 20_000);
			await eventually(async () => hasAll(await storedText(name), words), 'everything stored', 20_000);
			// The woken instance learnt it no longer writes (lease lost, or fenced out by the database).
			await eventually(() => paused.output().includes('this instance no longer writes the document'), 'the old writer stood down');
			expect((await metric(one, 'samtavla_cluster_documents_writing')) + (await metric(two, 'samtavla_cluster_documents_writing'))).toBe(1);
		}, 90_000);

		it('Redis restarted empty: editing on each instance goes on, and the instances converge and store everything when it is back', async () => {
			const [one, two] = await Promise.all([instance(), instance()]);
			const { owner, other, name } = await meeting();
			const a = client(one.url, name, owner.cookie);
			const b = client(two.url, name, other.cookie);
			await Promise.all([synced(a), synced(b)]);
			const before = [...(await type(a, 'före', 5, 5)), ...(await type(b, 'innan', 5, 5))];
			await eventually(() => hasAll(text(a), before) && hasAll(text(b), before), 'converged before the outage');

			await redis.kill();
			const during = [...(await type(a, 'under', 10, 10)), ...(await type(b, 'medan', 10, 10))];
			await eventually(async () => (await health(one)).status === 503, 'health degraded');
			expect((await health(one)).body.checks.redis).toMatch(/^unreachable/);
			await redis.start();

			const after = await type(a, 'efter', 5, 10);
			const words = [...before, ...during, ...after];
			await eventually(() => hasAll(text(a), words) && hasAll(text(b), words), 'converged after Redis came back', 20_000);
			await eventually(async () => hasAll(await storedText(name), words), 'everything stored', 20_000);
			await eventually(async () => (await health(one)).status === 200, 'health ok again');
		}, 90_000);

		it('sign-out and a role change on one instance reach the sockets on the others', async () => {
			const remote = await instance();
			const { owner, other, boardId, name } = await meeting();
			// This instance runs in the test process so the test can call it like the app's routes do.
			const local = await startTestApp({ env: env() });
			closers.push(() => local.close());
			const a = client(remote.url, name, owner.cookie);
			const b = client(remote.url, name, other.cookie);
			await Promise.all([synced(a), synced(b)]);

			await db.store.boards.setRole(boardId, other.user.id, 'viewer');
			await local.runtime.live.refreshMember(boardId, other.user.id);
			await eventually(() => b.permissionDenied.length > 0, 'the other instance lowered the role');

			local.runtime.live.closeSession(sessionIdFromToken(owner.token));
			await eventually(() => a.closes.some((c) => c.code === 4401), 'the other instance closed the signed-out socket');
		}, 60_000);

		it('what another instance’s upgrades found valid is forgotten there on sign-out and role change here', async () => {
			// A minute: only the forgetting, not the expiry, can refuse within the test.
			const cacheEnv = { COLLAB_UPGRADE_CACHE_MS: '60000' };
			const remote = await instance(cacheEnv);
			const { owner, other, boardId, name } = await meeting();
			const local = await startTestApp({ env: { ...env(), ...cacheEnv } });
			closers.push(() => local.close());
			const url = `${remote.url.replace(/^http/, 'ws')}/collab/${encodeURIComponent(name)}`;
			// Admitted once on the other instance: the session and membership are now kept there.
			expect(await upgradeStatus(url, { cookie: owner.cookie })).toBe(101);
			const writer = client(remote.url, name, other.cookie);
			await synced(writer);
			expect(writer.permissionDenied).toEqual([]);

			// Demoted here: the next socket there is a reader (told so when it connects).
			await db.store.boards.setRole(boardId, other.user.id, 'viewer');
			await local.runtime.live.refreshMember(boardId, other.user.id);
			await eventually(() => writer.permissionDenied.length > 0, 'the open socket was lowered');
			const reader = client(remote.url, name, other.cookie);
			await synced(reader);
			await eventually(() => reader.permissionDenied.includes('read-only'), 'the new socket admitted as a reader');

			// Signed out here (as the sign-out route does): the next upgrade there is refused.
			await db.store.sessions.delete(sessionIdFromToken(owner.token));
			local.runtime.live.closeSession(sessionIdFromToken(owner.token));
			await eventually(async () => (await upgradeStatus(url, { cookie: owner.cookie })) === 401, 'the other instance refused the signed-out session');
		}, 60_000);
	});
}
