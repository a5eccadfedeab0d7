import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../src/lib/server/config.js';
import { createRuntimeBase } from '../src/lib/server/create-runtime.js';
import { clearRuntime, registerRuntime, type Runtime } from '../src/lib/server/runtime.js';
import type { StoreOptions } from '../src/lib/server/store/index.js';
import { createCollabServer, type CollabServer } from './collab/index.js';
import type { Cluster } from './collab/cluster/index.js';
import { localPersistence } from './collab/persistence.js';
import type { Logger } from '../src/lib/server/logger.js';
import type { Store } from '../src/lib/server/store/types.js';
import { shutdown } from './shutdown.js';
import { withCompression } from './compression.js';
import { createOps } from './ops.js';
import { holdInstanceLease, needsInstanceLease, type InstanceLease } from './instance-lease.js';
import { startHistoryRetention, type HistoryRetention } from './history-retention.js';
import { startBoardUpkeep, type BoardUpkeep } from './board-upkeep.js';
import { startMailWorker, type MailWorker } from '../src/lib/server/mail/worker.js';
import { smtpTransport } from '../src/lib/server/mail/transport.js';
import { mailHooks, setListeningOrigin } from '../src/lib/server/mail/hooks.js';
import { startDailyJob } from './daily-job.js';
import { startWebhooks, type Webhooks } from './webhooks.js';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

export interface RunningApp {
	server: Server;
	runtime: Runtime;
	collab: CollabServer;
	url: string;
	/** With METRICS_PORT: where `/metrics` is served instead of the public port. */
	metricsUrl: string | undefined;
	/** Stops accepting, closes sockets, stores every document, closes the store. */
	close(): Promise<void>;
	/** The daily history retention job (`runOnce` runs it now). */
	retention: HistoryRetention;
	/** The daily board upkeep (deletions due, retention per board, audit trim; `runOnce` runs it now). */
	upkeep: BoardUpkeep;
	/** The outbox's sender, with SMTP_HOST; null while e-mail is off. */
	mail: MailWorker | null;
	/** The webhook outbox's sender and the hourly action.overdue job; null while webhooks are off. */
	webhooks: Webhooks | null;
	/**
	 * Alone on a shared database (no REDIS_URL): resolves with the reason, after the app has closed
	 * itself, when another instance took over the database; the process should then exit non-zero.
	 * Never resolves otherwise.
	 */
	stoodDown: Promise<string>;
}

/**
 * Creates the runtime (store, logger, collab server) and registers it for this process. This is
 * the composition root: the one place that picks, from configuration, where documents hand their
 * updates (the cluster with REDIS_URL, local persistence otherwise).
 */
export function createRuntime(
	config: Config,
	storeOptions: StoreOptions
): Promise<{
	runtime: Runtime;
	collab: CollabServer;
	cluster: Cluster | null;
	lease: InstanceLease | null;
	retention: HistoryRetention;
	upkeep: BoardUpkeep;
	mail: MailWorker | null;
	webhooks: Webhooks | null;
}> {
	const started = (async () => {
		const base = await createRuntimeBase(config, storeOptions);
		// Alone on a shared database: the only instance, or none (InstanceLeaseHeldError names REDIS_URL).
		const lease = needsInstanceLease(config)
			? await holdInstanceLease(base.store, base.logger, config.instanceLeaseMs).catch(async (error) => {
					await base.store.close().catch(() => {});
					throw error;
				})
			: null;
		// Loaded only with REDIS_URL: a single instance never loads ioredis (issue 13, idle memory).
		const cluster = config.redisUrl
			? await (await import('./collab/cluster/index.js')).createCluster(base.store, base.logger, clusterOptions(config, config.redisUrl))
			: null;
		const sinks = cluster ? cluster.sinks : localSinks(base.store, base.logger, config, lease);
		const collab = createCollabServer({ ...base, sinks, others: cluster });
		// Before any socket or request: the register must not show what a crash left unprojected.
		await collab.projection.rebuildStale();
		// Daily: the authored history of meetings adjusted HISTORY_RETENTION_DAYS ago goes.
		const retention = startHistoryRetention(base.store, base.logger, { retentionDays: config.historyRetentionDays });
		// Daily: boards due for deletion are purged, each board's retention applied, the audit log trimmed.
		const upkeep = startBoardUpkeep(base.store, collab, base.logger, {
			historyRetentionDays: config.historyRetentionDays,
			auditRetentionDays: config.auditRetentionDays,
			mailRetentionDays: config.mailRetentionDays
		});
		// E-mail (issue 14): every instance sends the outbox; claims keep them from sending a row twice.
		const mail = config.smtp ? withReminders(startMailWorker(base.store.outbox, smtpTransport(config.smtp), base.logger.child({ component: 'mail' }), config.smtp), base.logger) : null;
		if (!mail) base.logger.info('e-mail is off (SMTP_HOST is not set): nothing is queued or sent');
		// Webhooks (issue 15, point 4): every instance posts the outbox; claims keep them from posting a row twice.
		const webhooks = startWebhooks(base.store, base.logger, config);
		return { runtime: { ...base, live: collab } satisfies Runtime, collab, cluster, lease, retention, upkeep, mail, webhooks };
	})();
	// Registered before it resolves: requests arriving during start-up wait for it.
	registerRuntime(started.then((s) => s.runtime));
	return started;
}

/**
 * Hourly, the action reminders (due in three days, overdue) and, on Mondays, the weekly digests,
 * written by SvelteKit's bundle through the mail hooks (it has the messages); each is sent once
 * (a reminder per due date, a digest per ISO week), so running hourly only makes them come soon
 * after the day turns. Stopped with the worker.
 */
function withReminders(worker: MailWorker, logger: Logger): MailWorker {
	const log = logger.child({ component: 'mail' });
	const today = (now: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(now);
	const job = startDailyJob(
		async (now) => {
			const hooks = mailHooks();
			if (!hooks) return null;
			return { reminders: await hooks.actionReminders(today(now)), digests: await hooks.weeklyDigests(today(now)) };
		},
		(error) => log.error({ err: error }, 'action reminders or weekly digests failed; will try again at the next run'),
		{ intervalMs: 3_600_000, firstRunMs: 60_000 }
	);
	return {
		holder: worker.holder,
		runOnce: worker.runOnce,
		async stop(graceMs) {
			await job.stop();
			await worker.stop(graceMs);
		}
	};
}

/**
 * Alone, each document writes its own update log. On a shared database without Redis (the
 * instance lease), documents write with fencing tokens and a fenced-out write ends the lease.
 */
function localSinks(store: Store, logger: Logger, config: Config, lease: InstanceLease | null) {
	const { flushMs, snapshotEvery } = config.collab;
	const fencing = lease ? { fenced: true, onFencedOut: (doc: string) => lease.fencedOut(doc) } : {};
	return localPersistence(store, logger.child({ component: 'collab' }), { flushMs, snapshotEvery, ...fencing });
}

/** Entries already stored stay this long in Redis, for instances loading at that moment. */
const STREAM_RETENTION_MS = 60_000;

function clusterOptions(config: Config, redisUrl: string) {
	const { flushMs, snapshotEvery, leaseMs } = config.collab;
	const retentionMs = Math.max(STREAM_RETENTION_MS, leaseMs * 3);
	return { redisUrl, flushMs, snapshotEvery, leaseMs, retentionMs, idleExpiryMs: retentionMs * 10 };
}

/**
 * One HTTP server, one port: pages and API through `handler` (SvelteKit's, in production),
 * websockets on /collab/* through the collab server. Other upgrades are refused.
 */
export async function startApp(config: Config, storeOptions: StoreOptions, handler?: RequestHandler): Promise<RunningApp> {
	const { runtime, collab, cluster, lease, retention, upkeep, mail, webhooks } = await createRuntime(config, storeOptions);
	const { metrics } = config;
	const ops = createOps(runtime.store, collab, cluster, { metricsToken: metrics.token, metricsOnPublicPort: metrics.port === undefined });
	// Pages and data compressed as the client accepts (static files come precompressed).
	const pages = handler ? withCompression(handler) : undefined;
	const server = createServer((req, res) => {
		if (ops.handle(req, res)) return;
		if (pages) return pages(req, res, () => notFound(res));
		notFound(res);
	});
	server.on('upgrade', (req, socket, head) => {
		if (!collab.handleUpgrade(req, socket, head)) socket.destroy();
	});
	await listen(server, config.port, config.host, LISTEN_BACKLOG);
	const url = urlOf(server, config.host);
	runtime.logger.info({ url }, 'Samtavla is listening');
	// Links in e-mail that no request caused (an action assigned in the live document) without ORIGIN.
	setListeningOrigin(url);
	const metricsServer = metrics.port === undefined ? null : createServer((req, res) => ops.handleMetricsListener(req, res));
	if (metricsServer) {
		await listen(metricsServer, metrics.port!, metrics.host).catch(async (error) => {
			await new Promise((resolve) => server.close(resolve));
			throw error;
		});
		runtime.logger.info({ url: urlOf(metricsServer, metrics.host) }, 'metrics are served on their own listener');
	}

	let closed: Promise<void> | null = null;
	const close = () => {
		closed ??= (async () => {
			const listeners = [{ server }, ...(metricsServer ? [{ server: metricsServer, cutAtOnce: true }] : [])];
			await shutdown({ listeners, collab, cluster, lease, store: runtime.store, retention, upkeep, mail, webhooks });
			clearRuntime();
			setListeningOrigin(undefined);
			runtime.logger.info('Samtavla stopped; every document stored');
		})();
		return closed;
	};
	// Another instance serves the database now: close every socket (clients reconnect, through the
	// balancer, to the instance that serves) rather than go on with a copy of its own.
	const stoodDown = lease
		? lease.lost.then(async (why) => {
				runtime.logger.error({ why }, 'this instance stops: another instance serves this database now (several instances on one database need REDIS_URL)');
				await close().catch((error) => runtime.logger.error({ err: error }, 'stopping after losing the database lease failed'));
				return why;
			})
		: new Promise<string>(() => {});
	return { server, runtime, collab, url, metricsUrl: metricsServer ? urlOf(metricsServer, metrics.host) : undefined, close, stoodDown, retention, upkeep, mail, webhooks };
}

/**
 * Connections the kernel has taken and the server not yet accepted. Node's default, 511,
 * overflowed when 4,000 clients connected at once (everyone after a restart; the side-by-side
 * benchmark): the kernel then drops handshakes and each client retries a second or more later
 * (issue 13: 5.4 s to connect them with 10,147 overflows, 3.9 s and none with this). The kernel
 * caps it at net.core.somaxconn (4,096 on current Linux).
 */
const LISTEN_BACKLOG = 4096;

function listen(server: Server, port: number, host: string, backlog?: number): Promise<void> {
	return new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen({ port, host, backlog }, () => resolve());
	});
}

function urlOf(server: Server, listenHost: string): string {
	const { port } = server.address() as AddressInfo;
	const host = listenHost === '0.0.0.0' || listenHost === '::' ? 'localhost' : listenHost;
	return `http://${host}:${port}`;
}

function notFound(res: ServerResponse): void {
	res.statusCode = 404;
	res.end('Not found');
}
