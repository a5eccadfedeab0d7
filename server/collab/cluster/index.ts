import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../../../src/lib/server/logger.js';
import type { Store } from '../../../src/lib/server/store/types.js';
import type { SinkFactory } from '../doc-sink.js';
import type { InstanceBus } from '../instance-bus.js';
import { parseControlMessage, type SocketControl } from './control.js';
import { Liveness } from './liveness.js';
import { DocLink, type ClusterContext } from './doc-link.js';
import { keys } from './keys.js';
import { StreamReader } from './stream-reader.js';
import type { WriterOptions } from './stream-writer.js';

/** Several instances serving the same documents through one Redis (REDIS_URL). */
export interface Cluster extends InstanceBus {
	readonly instanceId: string;
	/** Each loaded document's sink: its link to its copies on the other instances. */
	readonly sinks: SinkFactory;
	/** Resolves when Redis answers (health checks). */
	ping(): Promise<void>;
	stats(): { writing: number; outbox: number };
	close(): Promise<void>;
}

export interface ClusterOptions extends WriterOptions {
	redisUrl: string;
}

const READY_WAIT_MS = 5000;

export async function createCluster(store: Store, logger: Logger, options: ClusterOptions): Promise<Cluster> {
	const log = logger.child({ component: 'cluster' });
	const instanceId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
	// Commands fail at once while Redis is away (the outbox and the writer retry on their own);
	// the subscriber queues its SUBSCRIBEs and resubscribes by itself after a reconnect.
	const base = { lazyConnect: false, maxRetriesPerRequest: 1, retryStrategy: (times: number) => Math.min(100 * times, 2000) };
	const redis = new Redis(options.redisUrl, { ...base, enableOfflineQueue: false, connectionName: `samtavla-cmd-${instanceId}` });
	const readerConn = new Redis(options.redisUrl, { ...base, enableOfflineQueue: false, connectionName: `samtavla-read-${instanceId}` });
	const sub = new Redis(options.redisUrl, { ...base, maxRetriesPerRequest: null, autoResubscribe: true, connectionName: `samtavla-sub-${instanceId}` });
	for (const [name, conn] of [['commands', redis], ['reader', readerConn], ['subscriber', sub]] as const) {
		let down = false;
		conn.on('error', (error) => {
			if (!down) log.warn({ err: error, connection: name }, 'Redis connection error; reconnecting');
			down = true;
		});
		conn.on('ready', () => {
			if (down) log.info({ connection: name }, 'Redis connection restored');
			down = false;
		});
	}

	const reader = new StreamReader(readerConn, log, redis);
	const links = new Map<string, DocLink>();
	const channels = new Map<string, (message: Buffer) => void>();
	const controlHandlers: Array<(message: SocketControl) => void> = [];
	// Silent for a whole lease: dead, or cut off from Redis (then its people come back with it).
	const liveness = new Liveness(options.leaseMs);
	const forgetInstance = (id: string) => {
		for (const link of links.values()) link.forgetInstance(id);
	};

	sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
		const name = channel.toString();
		// Whatever arrives on a channel, a failure to handle it must not take the process down.
		try {
			if (name === keys.control) onControl(message.toString());
			else channels.get(name)?.(message);
		} catch (error) {
			log.error({ err: error, channel: name }, 'handling a message from Redis failed; ignored');
		}
	});
	function onControl(raw: string): void {
		const message = parseControlMessage(raw);
		if (!message) return log.warn({ raw: raw.slice(0, 200) }, 'unknown control message on Redis; ignored');
		if (message.from === instanceId) return;
		if (message.type === 'alive') return liveness.seen(message.from);
		if (message.type === 'leaving') {
			liveness.forget(message.from);
			return forgetInstance(message.from);
		}
		liveness.seen(message.from);
		for (const handler of controlHandlers) {
			try {
				handler(message);
			} catch (error) {
				log.error({ err: error, message }, 'handling a control message failed');
			}
		}
	}

	const ctx: ClusterContext = {
		instanceId,
		redis,
		reader,
		store,
		logger: log,
		options,
		subscribe(channel, onMessage) {
			channels.set(channel, onMessage);
			sub.subscribe(channel).catch((error) => log.warn({ err: error, channel }, 'subscribing failed; awareness from other instances waits for the reconnect'));
		},
		unsubscribe(channel) {
			channels.delete(channel);
			sub.unsubscribe(channel).catch(() => {});
		},
		seen(id) {
			liveness.seen(id);
		}
	};
	const heartbeat = () => redis.publish(keys.control, JSON.stringify({ from: instanceId, type: 'alive' })).catch(() => {});

	await waitReady(redis, log);
	// Not awaited: while Redis is away it waits in the subscriber's queue and goes out on connect.
	sub.subscribe(keys.control).catch((error) => log.warn({ err: error }, 'subscribing to the control channel failed'));
	reader.start();

	// After an outage Redis may have restarted empty: every copy sends its whole state once more,
	// so whatever another instance missed (or Redis lost) reaches it and its writer.
	let wasDown = false;
	redis.on('close', () => {
		wasDown = true;
	});
	redis.on('ready', () => {
		if (!wasDown) return;
		wasDown = false;
		for (const link of links.values()) link.resync();
	});

	const tick = setInterval(() => {
		// While Redis is away every lease call would fail (and log) per document; the connection's
		// own error is logged once, and the writers' leases are sorted out when it is back.
		if (redis.status !== 'ready') return;
		void heartbeat();
		for (const id of liveness.expire()) forgetInstance(id);
		for (const link of links.values()) void link.tick();
	}, Math.max(100, Math.floor(options.leaseMs / 3)));
	tick.unref?.();

	log.info({ instanceId }, 'sharing documents with other instances through Redis');

	return {
		instanceId,
		sinks(name, hooks) {
			const link = new DocLink(ctx, name, hooks, (done) => {
				if (links.get(done.name) === done) links.delete(done.name);
			});
			links.set(name, link);
			return link;
		},
		onControl(handler) {
			controlHandlers.push(handler);
		},
		async publishControl(message) {
			await redis.publish(keys.control, JSON.stringify({ ...message, from: instanceId }));
		},
		async ping() {
			await redis.ping();
		},
		stats() {
			let writing = 0;
			let outbox = 0;
			for (const link of links.values()) {
				if (link.writing) writing++;
				outbox += link.pending;
			}
			return { writing, outbox };
		},
		async close() {
			clearInterval(tick);
			// The others drop our people's presence now rather than after a lease of silence.
			await redis.publish(keys.control, JSON.stringify({ from: instanceId, type: 'leaving' })).catch(() => {});
			await reader.stop();
			for (const conn of [redis, readerConn, sub]) conn.disconnect();
		}
	};
}

async function waitReady(redis: Redis, log: Logger): Promise<void> {
	if (redis.status === 'ready') return;
	const ready = await new Promise<boolean>((resolve) => {
		const timer = setTimeout(() => resolve(false), READY_WAIT_MS);
		redis.once('ready', () => {
			clearTimeout(timer);
			resolve(true);
		});
	});
	if (!ready) log.error('Redis is not reachable yet; documents cannot be opened until it is (retrying in the background)');
}
