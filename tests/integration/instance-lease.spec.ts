import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docName } from '../../src/lib/domain/doc-names';
import { createDatabase, startBalancer, startInstance, type Instance, type TestDatabase } from './cluster/harness';
import { makeMeeting, makeUser } from './helpers';
import { postgresUnavailable } from './suite-unavailable';
import { connectClient, eventually, synced, type TestClient } from './yclient';

/**
 * Without REDIS_URL each instance keeps its own copy of every document, so two of them on one
 * database overwrite each other. An instance on a shared database without REDIS_URL holds the
 * database's instance lease: a second one refuses to start, naming REDIS_URL; one that died is
 * replaced once its lease runs out; one that was paused past its lease finds its writes fenced
 * out when it wakes, and stops.
 */

const adminUrl = process.env.TEST_DATABASE_URL;
const suite = 'One instance per shared database without Redis';

/** The real server entry through tsx, until it exits. */
function runServerEntry(env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
	return new Promise((done, fail) => {
		const child = spawn(process.execPath, ['--import', 'tsx', resolve('server/index.ts')], {
			env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', PORT: '0', HOST: '127.0.0.1', ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
		child.on('error', fail);
		child.on('close', (status) => {
			clearTimeout(timer);
			done({ status, stdout, stderr });
		});
	});
}

if (!adminUrl) postgresUnavailable(suite);
else {
	describe(suite, () => {
		let db: TestDatabase;
		const instances: Instance[] = [];
		const clients: TestClient[] = [];
		const closers: Array<() => Promise<void>> = [];

		beforeAll(async () => {
			db = await createDatabase(adminUrl);
		}, 60_000);
		afterEach(async (context) => {
			if (context.task.result?.state === 'fail') for (const i of instances) console.error(`--- instance ${i.url}\n${i.output()}`);
			for (const c of clients.splice(0)) c.destroy();
			for (const close of closers.splice(0)) await close();
			for (const i of instances.splice(0)) {
				i.proc.kill('SIGCONT');
				await i.kill('SIGKILL');
			}
			await db.store.instanceLease.release((await db.store.instanceLease.claim('test-cleanup', 0)).holder);
		}, 30_000);
		afterAll(async () => {
			await db?.drop();
		}, 30_000);

		const env = (extra: Record<string, string> = {}) => ({ DATABASE_URL: db.url, INSTANCE_LEASE_MS: '1500', COLLAB_FLUSH_MS: '40', ...extra });
		/** Starts an instance, retrying while it is refused because another one's lease has not run out yet. */
		async function instanceOnceFree(extra: Record<string, string> = {}): Promise<Instance> {
			for (let attempt = 0; ; attempt++) {
				try {
					const i = await startInstance(env(extra));
					instances.push(i);
					return i;
				} catch (error) {
					if (attempt >= 20 || !String(error).includes('REDIS_URL')) throw error;
				}
			}
		}
		function client(url: string, name: string, cookie: string): TestClient {
			const c = connectClient(url, name, cookie);
			clients.push(c);
			return c;
		}
		async function storedText(name: string): Promise<string> {
			const stored = await db.store.docs.load(name);
			const doc = new Y.Doc();
			if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
			for (const u of stored.updates) Y.applyUpdate(doc, u);
			return doc.getText('minutes').toString();
		}
		function type(c: TestClient, prefix: string, count: number): string[] {
			const words = Array.from({ length: count }, (_, i) => `${prefix}${i};`);
			for (const w of words) c.doc.getText('minutes').insert(c.doc.getText('minutes').length, w);
			return words;
		}
		const text = (c: TestClient) => c.doc.getText('minutes').toString();
		const hasAll = (s: string, words: string[]) => words.every((w) => s.includes(w));

		it('a second instance on the same database without REDIS_URL refuses to start with one line naming REDIS_URL; after kill -9 of the first, a start succeeds once its lease has run out', async () => {
			const first = await instanceOnceFree();

			const second = await runServerEntry(env());
			expect(second.status).toBe(1);
			const lines = second.stderr.trim().split('\n');
			expect(lines, second.stderr).toHaveLength(1);
			expect(lines[0]).toContain('REDIS_URL');
			expect(lines[0]).toContain('another Samtavla instance');
			// The first one goes on serving.
			expect((await fetch(`${first.url}/healthz`)).status).toBe(200);

			await first.kill('SIGKILL'); // no release: the lease has to run out
			const third = await instanceOnceFree();
			expect((await fetch(`${third.url}/healthz`)).status).toBe(200);

			// A clean stop gives the lease back: the next start needs no waiting and no retry.
			await third.kill('SIGTERM');
			expect(third.proc.exitCode).toBe(0);
			const fourth = await startInstance(env());
			instances.push(fourth);
			expect((await fetch(`${fourth.url}/healthz`)).status).toBe(200);
		}, 120_000);

		it('an instance paused (SIGSTOP) past its lease is fenced out when it wakes and stops; what was typed on either instance is stored', async () => {
			// The first instance stores only every 20 s: what its client types just before the pause is
			// still in its memory when it wakes, and that write is the one the fencing must refuse.
			const first = await instanceOnceFree({ COLLAB_FLUSH_MS: '20000', LOG_LEVEL: 'info' });
			const alive = new Set<Instance>([first]);
			const balancer = await startBalancer(() => [...alive].map((i) => i.port));
			closers.push(() => balancer.close());
			const owner = await makeUser(db.store, 'Owner');
			const other = await makeUser(db.store, 'Other');
			const { boardId, meetingId } = await makeMeeting(db.store, owner.user);
			await db.store.boards.addMember(boardId, other.user.id, 'editor');
			const name = docName({ kind: 'meeting', meetingId });

			const a = client(balancer.url, name, owner.cookie);
			const watcher = client(first.url, name, other.cookie);
			await Promise.all([synced(a), synced(watcher)]);
			const before = type(a, 'före', 5);
			// The first instance has them (it passed them on), and has not stored them.
			await eventually(() => hasAll(text(watcher), before), 'the first instance has the words');
			watcher.destroy();

			first.proc.kill('SIGSTOP');
			alive.delete(first); // what a load balancer's health check does with an instance that stopped answering
			const second = await instanceOnceFree();
			alive.add(second);

			const b = client(balancer.url, name, other.cookie);
			await synced(b);
			const during = type(b, 'medan', 10);
			await eventually(async () => hasAll(await storedText(name), during), 'the live instance stores what is typed there', 15_000);

			const exited = new Promise<number | null>((done) => first.proc.once('exit', (code) => done(code)));
			first.proc.kill('SIGCONT');
			expect(await exited).toBe(1);
			expect(first.output()).toContain('fenced out');
			expect(first.output()).toContain('this instance stops');

			// Its client reconnects through the balancer to the live instance and hands over what it typed.
			const after = [...type(a, 'sedan', 5), ...type(b, 'efteråt', 5)];
			const words = [...before, ...during, ...after];
			await eventually(() => hasAll(text(a), words) && text(a) === text(b), 'both clients converge on the live instance', 20_000);
			await eventually(async () => hasAll(await storedText(name), words), 'everything stored', 20_000);
			expect(await storedText(name)).toBe(text(b));
		}, 120_000);
	});
}
