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

describe('protecting /metrics', () => {
	const TOKEN = 'metrics-token-for-the-scraper-123';

	it('with METRICS_TOKEN, /metrics answers 401 without the right bearer token, and the metrics with it; /healthz stays open', async () => {
		app = await startTestApp({ env: { METRICS_TOKEN: TOKEN } });
		const none = await fetch(app.url + '/metrics');
		expect(none.status).toBe(401);
		expect(none.headers.get('www-authenticate')).toBe('Bearer');
		expect(await none.text()).not.toContain('samtavla_');
		for (const authorization of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, TOKEN, 'Bearer ']) {
			expect((await fetch(app.url + '/metrics', { headers: { authorization } })).status, authorization).toBe(401);
		}
		const ok = await fetch(app.url + '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
		expect(ok.status).toBe(200);
		expect(sample(await ok.text(), 'samtavla_collab_connections')).toBe(0);
		expect((await fetch(app.url + '/healthz')).status).toBe(200);
	});

	it('with METRICS_PORT, /metrics is served on its own listener (METRICS_HOST) and not on the public port', async () => {
		app = await startTestApp({ env: { METRICS_PORT: '0', METRICS_HOST: '127.0.0.1' } });
		expect(app.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(app.metricsUrl).not.toBe(app.url);
		expect((await fetch(app.url + '/metrics')).status).toBe(404);
		const res = await fetch(app.metricsUrl + '/metrics');
		expect(res.status).toBe(200);
		expect(sample(await res.text(), 'samtavla_collab_documents_loaded')).toBe(0);
		// The metrics listener serves nothing else.
		expect((await fetch(app.metricsUrl + '/')).status).toBe(404);
		expect((await fetch(app.metricsUrl + '/healthz')).status).toBe(404);
		// Closing the app closes that listener too.
		const metricsUrl = app.metricsUrl!;
		await app.close();
		app = undefined;
		await expect(fetch(metricsUrl + '/metrics')).rejects.toThrow();
	});

	it('METRICS_PORT and METRICS_TOKEN together: the separate listener asks for the token as well', async () => {
		app = await startTestApp({ env: { METRICS_PORT: '0', METRICS_TOKEN: TOKEN } });
		expect((await fetch(app.metricsUrl + '/metrics')).status).toBe(401);
		expect((await fetch(app.metricsUrl + '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
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
