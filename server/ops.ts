import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Store } from '../src/lib/server/store/types.js';
import type { CollabServer } from './collab/index.js';
import type { Cluster } from './collab/cluster/index.js';

/**
 * Operator endpoints, answered before SvelteKit: `/healthz` (are the database and, with
 * REDIS_URL, Redis reachable?) and
 * `/metrics` (Prometheus text format, through prom-client). Neither needs a session; neither
 * shows anything about people or documents beyond counts. `/metrics` can still ask for a bearer
 * token (METRICS_TOKEN) and move to a listener of its own (METRICS_PORT), so the public port
 * does not hand the process's figures to anyone.
 */
export interface Ops {
	/** On the public port: answers `/healthz`, and `/metrics` unless it has its own listener; false for every other path. */
	handle(req: IncomingMessage, res: ServerResponse): boolean;
	/** The separate metrics listener: `/metrics`, 404 for anything else. */
	handleMetricsListener(req: IncomingMessage, res: ServerResponse): void;
}

export interface OpsOptions {
	/** When set, `/metrics` needs `Authorization: Bearer <token>`. */
	metricsToken?: string;
	/** False when `/metrics` is served on a listener of its own (METRICS_PORT). */
	metricsOnPublicPort?: boolean;
}

const HEALTH_TIMEOUT_MS = 2000;

export function createOps(store: Store, collab: CollabServer, cluster: Cluster | null = null, options: OpsOptions = {}): Ops {
	const { metricsToken, metricsOnPublicPort = true } = options;
	const registry = new Registry();
	// Process metrics, including event-loop delay (nodejs_eventloop_lag_seconds and its percentiles).
	collectDefaultMetrics({ register: registry, prefix: 'samtavla_' });
	new Gauge({
		name: 'samtavla_collab_connections',
		help: 'Open websocket connections',
		registers: [registry],
		collect() {
			this.set(collab.stats().connections);
		}
	});
	new Gauge({
		name: 'samtavla_collab_documents_loaded',
		help: 'Documents held in memory',
		registers: [registry],
		collect() {
			this.set(collab.stats().documents);
		}
	});
	new Gauge({
		name: 'samtavla_persistence_pending_updates',
		help: 'Updates received but not yet written to the database (persistence lag)',
		registers: [registry],
		collect() {
			this.set(collab.stats().pendingUpdates);
		}
	});

	if (cluster) {
		new Gauge({
			name: 'samtavla_cluster_documents_writing',
			help: 'Documents whose write lease this instance holds (it stores their update log)',
			registers: [registry],
			collect() {
				this.set(cluster.stats().writing);
			}
		});
	}

	async function health(res: ServerResponse): Promise<void> {
		const [database, redis] = await Promise.all([check(() => store.ping()), cluster ? check(() => cluster.ping()) : undefined]);
		const ok = database === 'ok' && (redis === undefined || redis === 'ok');
		res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
		res.end(JSON.stringify({ status: ok ? 'ok' : 'degraded', checks: { database, store: store.kind, ...(redis ? { redis } : {}) } }));
	}

	/** 'ok', or 'unreachable: <why>' when the dependency fails or does not answer in time. */
	async function check(ping: () => Promise<void>): Promise<string> {
		try {
			await Promise.race([
				ping(),
				new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${HEALTH_TIMEOUT_MS} ms`)), HEALTH_TIMEOUT_MS).unref())
			]);
			return 'ok';
		} catch (error) {
			return `unreachable: ${(error as Error).message}`;
		}
	}

	async function metrics(res: ServerResponse): Promise<void> {
		res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
		res.end(await registry.metrics());
	}

	function serveMetrics(req: IncomingMessage, res: ServerResponse): void {
		if (metricsToken !== undefined && !bearerMatches(req.headers.authorization, metricsToken)) {
			res.writeHead(401, { 'www-authenticate': 'Bearer', 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
			res.end('Unauthorized\n');
			return;
		}
		void metrics(res).catch(() => {
			res.statusCode = 500;
			res.end();
		});
	}

	const pathOf = (req: IncomingMessage) => req.url?.split('?')[0];
	const readOnly = (req: IncomingMessage) => req.method === 'GET' || req.method === 'HEAD';

	return {
		handle(req, res) {
			if (!readOnly(req)) return false;
			const path = pathOf(req);
			if (path === '/healthz') {
				void health(res);
				return true;
			}
			if (path === '/metrics' && metricsOnPublicPort) {
				serveMetrics(req, res);
				return true;
			}
			return false;
		},
		handleMetricsListener(req, res) {
			if (readOnly(req) && pathOf(req) === '/metrics') return serveMetrics(req, res);
			res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
			res.end('Not found\n');
		}
	};
}

/** Constant-time comparison of `Bearer <token>` (both sides hashed first, so lengths do not leak either). */
function bearerMatches(header: string | undefined, token: string): boolean {
	const match = /^Bearer (\S+)$/.exec(header ?? '');
	if (!match) return false;
	const digest = (value: string) => createHash('sha256').update(value).digest();
	return timingSafeEqual(digest(match[1]), digest(token));
}
