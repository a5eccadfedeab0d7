import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { CloseCode } from '../../src/lib/domain/collab-protocol.js';
import type { Config } from '../../src/lib/server/config.js';
import type { Logger } from '../../src/lib/server/logger.js';
import type { LiveConnections, LiveDocs, LiveDocWriter } from '../../src/lib/server/runtime.js';
import type { Store } from '../../src/lib/server/store/types.js';
import { createActionProjection } from './action-projection.js';
import { changeLiveDoc } from './change-doc.js';
import { DocRegistry } from './doc-registry.js';
import type { SinkFactory } from './doc-sink.js';
import type { InstanceBus } from './instance-bus.js';
import { OpenConnections } from './live-connections.js';
import { composeProjections, type DocProjection } from './projections.js';
import { createSearchProjection } from './search-projection.js';
import { openSocketSession } from './socket-session.js';
import { SessionExpiries } from './session-expiries.js';
import { createUpgradeGate } from './upgrade-gate.js';
import { UpgradeCache } from './upgrade-cache.js';

export interface CollabDeps {
	store: Store;
	logger: Logger;
	config: Pick<Config, 'origin' | 'collab' | 'clientAddress'>;
	/** Where each loaded document hands its updates; chosen once, by the composition root (server/app.ts). */
	sinks: SinkFactory;
	/** With REDIS_URL: the other instances, told about sign-outs and role changes. */
	others?: InstanceBus | null;
}

export interface CollabServer extends LiveConnections, LiveDocs, LiveDocWriter {
	/** Handles an upgrade for `/collab/…`; returns false for other paths (leave them to others). */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** Counts for metrics: sockets, documents in memory, updates not yet stored. */
	stats(): { documents: number; connections: number; pendingUpdates: number };
	/** Shutdown, step 1: every later upgrade is refused. */
	stopAccepting(): void;
	/** Shutdown, step 2: closes every socket (4503, clients reconnect); cuts what does not close within a second. */
	closeSockets(): Promise<void>;
	/** Shutdown, step 3: stores and unloads every document. */
	drainDocuments(): Promise<void>;
	readonly registry: DocRegistry;
	/** Documents projected into SQL (actions, search); `rebuildStale()` runs at start, before listening. */
	readonly projection: DocProjection;
}

/** How long closing sockets get to send their close frames before they are cut. */
const CLOSE_GRACE_MS = 1000;

/**
 * The collab server, composed of one concern per module: the upgrade gate (who may connect),
 * the socket session (one socket's life), the open connections (what the app asks of them), and
 * the document registry (documents in memory, each with its sink). The order in which these stop
 * is server/shutdown.ts's.
 */
export function createCollabServer({ store, logger, config, sinks, others = null }: CollabDeps): CollabServer {
	const log = logger.child({ component: 'collab' });
	const projection = composeProjections(createActionProjection(store, log), createSearchProjection(store, log));
	const registry = new DocRegistry(store, log, config.collab, sinks, (name) => projection.hooksFor(name));
	// ws refuses (1009) any frame over maxPayload from its header, before buffering it.
	const wss = new WebSocketServer({ noServer: true, maxPayload: config.collab.maxFrameBytes });
	// Shared by the gate (reads, keeps) and the open connections (forget on sign-out, role change…).
	const cache = new UpgradeCache(config.collab.upgradeCacheMs);
	const connections = new OpenConnections(store, log, others, cache);
	const expiries = new SessionExpiries(store);
	const gate = createUpgradeGate({ store, log, config, wss, cache }, (ws, admission) =>
		openSocketSession(ws, admission, { log, registry, connections, expiries, limits: config.collab })
	);

	return {
		registry,
		projection,
		handleUpgrade: (req, socket, head) => gate.handle(req, socket, head),
		closeSession: (sessionId) => connections.closeSession(sessionId),
		refreshMember: (boardId, userId) => connections.refreshMember(boardId, userId),
		refreshMeeting: (meetingId) => connections.refreshMeeting(meetingId),
		refreshBoard: (boardId) => connections.refreshBoard(boardId),
		async readDoc(name) {
			// Through the registry: the document in memory if served here, loaded (and caught up with
			// the other instances) otherwise; it unloads again when idle.
			const live = await registry.acquire(name);
			try {
				const copy = new Y.Doc();
				Y.applyUpdate(copy, Y.encodeStateAsUpdate(live.doc));
				return copy;
			} finally {
				registry.release(live);
			}
		},
		async readWith(names, read) {
			const settled = await Promise.allSettled(names.map((name) => registry.acquire(name)));
			const held = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
			const failed = settled.find((result) => result.status === 'rejected');
			try {
				if (failed) throw failed.reason;
				return read(held.map((live) => live.doc));
			} finally {
				for (const live of held) registry.release(live);
			}
		},
		async storePending(name) {
			await registry.peek(name)?.flush();
		},
		changeDoc: (name, author, change) => changeLiveDoc({ store, registry }, name, author, change),
		stats() {
			const pendingUpdates = registry.names().reduce((sum, name) => sum + (registry.peek(name)?.pendingUpdates ?? 0), 0);
			return { documents: registry.size, connections: connections.size, pendingUpdates };
		},
		stopAccepting: () => gate.refuseAll(),
		async closeSockets() {
			connections.closeAll(CloseCode.serverRestart, 'server restarting');
			// Give close frames a moment to leave, then cut whatever is still open.
			const deadline = Date.now() + CLOSE_GRACE_MS;
			while (wss.clients.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
			for (const ws of wss.clients) ws.terminate();
		},
		async drainDocuments() {
			await registry.drainAll();
			await new Promise<void>((resolve) => wss.close(() => resolve()));
		}
	};
}
