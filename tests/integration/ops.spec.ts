import { afterEach, describe, expect, it } from 'vitest';
import { docName } from '../../src/lib/domain/doc-names';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { connectClient, eventually, synced, type TestClient } from './yclient';
import { suiteUnavailable } from './suite-unavailable';

type App = Awaited<ReturnType<typeof startTestApp>>;
let app: App | undefined;
let client: TestClient | undefined;
afterEach(async () => {
	client?.destroy();
	await app?.close();
	app = undefined;
	client = undefined;
});

/** The value of one sample line of the Prometheus text format. */
function sample(text: string, name: string): number {
	const line = text.split('\n').find((l) => l.startsWith(name + ' ') || l.startsWith(name + '{'));
	if (!line) throw new Error(`no sample ${name}`);
	return Number(line.split(' ').pop());
}

describe('operator endpoints', () => {
	it('/healthz says ok while the database answers, and degraded with the reason when it does not', async () => {
		app = await startTestApp();
		const ok = await fetch(app.url + '/healthz');
		expect(ok.status).toBe(200);
		expect(await ok.json()).toEqual({ status: 'ok', checks: { database: 'ok', store: 'pglite' } });

		const { store } = app.runtime;
		const ping = store.ping;
		store.ping = () => Promise.reject(new Error('connection refused'));
		try {
			const bad = await fetch(app.url + '/healthz');
			expect(bad.status).toBe(503);
			expect(await bad.json()).toMatchObject({ status: 'degraded', checks: { database: 'unreachable: connection refused' } });
		} finally {
			store.ping = ping;
		}
	});

	it('/metrics reports connections, loaded documents, persistence lag and event-loop delay in Prometheus format', async () => {
		app = await startTestApp();
		const before = await (await fetch(app.url + '/metrics')).text();
		expect(sample(before, 'samtavla_collab_connections')).toBe(0);
		expect(sample(before, 'samtavla_collab_documents_loaded')).toBe(0);
		expect(sample(before, 'samtavla_persistence_pending_updates')).toBe(0);
		expect(before).toMatch(/^samtavla_nodejs_eventloop_lag_seconds \d/m);

		const owner = await makeUser(app.runtime.store, 'Owner');
		const { meetingId } = await makeMeeting(app.runtime.store, owner.user);
		client = connectClient(app.url, docName({ kind: 'meeting', meetingId }), owner.cookie);
		await synced(client);
		const res = await fetch(app.url + '/metrics');
		expect(res.headers.get('content-type')).toContain('text/plain');
		const during = await res.text();
		expect(sample(during, 'samtavla_collab_connections')).toBe(1);
		expect(sample(during, 'samtavla_collab_documents_loaded')).toBe(1);
	});
});

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) suiteUnavailable('Operator endpoints with Redis', 'REQUIRE_REDIS', 'set TEST_REDIS_URL (e.g. redis://127.0.0.1:6379)');
else {
	describe('Operator endpoints with Redis', () => {
		it('/healthz checks Redis as well, and /metrics counts the documents this instance writes', async () => {
			app = await startTestApp({ env: { REDIS_URL: redisUrl } });
			const res = await fetch(app.url + '/healthz');
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ status: 'ok', checks: { database: 'ok', store: 'pglite', redis: 'ok' } });
			const owner = await makeUser(app.runtime.store, 'Owner');
			const { meetingId } = await makeMeeting(app.runtime.store, owner.user);
			client = connectClient(app.url, docName({ kind: 'meeting', meetingId }), owner.cookie);
			await synced(client);
			await eventually(async () => sample(await (await fetch(app!.url + '/metrics')).text(), 'samtavla_cluster_documents_writing') === 1, 'writing one document');
		});

		it('/healthz is degraded, naming Redis, when Redis does not answer', async () => {
			// A closed port on loopback: Redis is "down" from the first moment.
			app = await startTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
			const res = await fetch(app.url + '/healthz');
			expect(res.status).toBe(503);
			const body = await res.json();
			expect(body.status).toBe('degraded');
			expect(body.checks.database).toBe('ok');
			expect(body.checks.redis).toMatch(/^unreachable/);
		}, 20_000);
	});
}
