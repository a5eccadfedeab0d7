import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import { CloseCode, UpgradeStatus } from '../../src/lib/domain/collab-protocol.js';
import { resolveDocMembership } from '../../src/lib/server/services/doc-access.js';
import type { Config } from '../../src/lib/server/config.js';
import type { Logger } from '../../src/lib/server/logger.js';
import type { LiveConnections } from '../../src/lib/server/runtime.js';
import type { Store } from '../../src/lib/server/store/types.js';
import { createActionProjection, type ActionProjection } from './action-projection.js';
import { Connection } from './connection.js';
import { DocRegistry } from './doc-registry.js';
import { UpgradeBudgets } from './rate-limit.js';
import { clientAddress } from './client-address.js';
import type { Cluster, ControlRequest } from './cluster/index.js';
import { decideUpgrade, docNameFromUrl, refuseUpgrade, sessionTokenOf, type Admission } from './upgrade.js';

export interface CollabDeps {
	store: Store;
	logger: Logger;
	config: Pick<Config, 'origin' | 'collab' | 'clientAddress'>;
	/** With REDIS_URL: the other instances serving the same documents. */
	cluster?: Cluster | null;
	/** Alone on a shared database: documents write with fencing tokens; told when a write was fenced out. */
	fencing?: { onFencedOut(docName: string): void } | null;
}

export interface CollabServer extends LiveConnections {
	/** Handles an upgrade for `/collab/…`; returns false for other paths (leave them to others). */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** Counts for metrics: sockets, documents in memory, updates not yet stored. */
	stats(): { documents: number; connections: number; pendingUpdates: number };
	/** Closes every socket (4503, clients reconnect) and stores every document. */
	close(): Promise<void>;
	readonly registry: DocRegistry;
	/** Board documents projected into SQL; `rebuildStale()` runs at start, before listening. */
	readonly projection: ActionProjection;
}

/** Frames that may arrive between the upgrade and the end of the document's load. */
const MAX_EARLY_FRAMES = 64;

export function createCollabServer({ store, logger, config, cluster = null, fencing = null }: CollabDeps): CollabServer {
	const log = logger.child({ component: 'collab' });
	const projection = createActionProjection(store, log);
	const fenced = { fenced: Boolean(fencing), onFencedOut: fencing?.onFencedOut };
	const registry = new DocRegistry(store, log, { ...config.collab, ...fenced }, (name) => projection.hooksFor(name), cluster);
	const budgets = new UpgradeBudgets({
		perSecond: config.collab.maxUpgradesPerSecond,
		perAddressPerSecond: config.collab.maxUpgradesPerAddressPerSecond,
		perSessionPerSecond: config.collab.maxUpgradesPerSessionPerSecond
	});
	// ws refuses (1009) any frame over maxPayload from its header, before buffering it.
	const wss = new WebSocketServer({ noServer: true, maxPayload: config.collab.maxFrameBytes });
	const connections = new Set<Connection>();
	let closing = false;

	function accept(ws: WebSocket, admission: Admission): void {
		const early: Uint8Array[] = [];
		let conn: Connection | null = null;
		let expiryTimer: ReturnType<typeof setTimeout> | null = null;
		const ctx = { doc: admission.docName, user: admission.user.id };

		const onFrame = (data: Uint8Array) => {
			// Frames still arriving after the server decided to close are not read.
			if (!conn || conn.closed) return;
			try {
				conn.handle(data);
			} catch (error) {
				log.warn({ ...ctx, err: error }, 'malformed frame; closing this connection');
				conn.close(CloseCode.malformedFrame, 'malformed frame');
			}
		};

		ws.on('message', (raw: RawData, isBinary: boolean) => {
			const data = toBytes(raw);
			if (!isBinary || !data) {
				log.warn(ctx, 'text frame on collab socket; closing this connection');
				ws.close(CloseCode.malformedFrame, 'binary frames only');
				return;
			}
			if (conn) return onFrame(data);
			if (early.push(data) > MAX_EARLY_FRAMES) ws.close(CloseCode.malformedFrame, 'too many frames before sync');
		});
		ws.on('error', (error: Error & { code?: string }) => {
			// ws has already closed the socket (1009 for oversized frames, 1002 for protocol errors).
			log.warn({ ...ctx, err: error, code: error.code }, 'websocket error; connection closed');
		});

		let live: Awaited<ReturnType<DocRegistry['acquire']>> | null = null;
		ws.on('close', () => {
			if (expiryTimer) clearTimeout(expiryTimer);
			if (conn) {
				conn.closed = true;
				connections.delete(conn);
				conn.live.peers.delete(conn);
				conn.forgetAwareness();
				conn.dropWaiting();
			}
			if (live) registry.release(live);
			live = null;
		});

		// Re-check the session at its expiry and every sessionCheckMs: it may have been signed out
		// elsewhere, or have slid forward through use of the app.
		const scheduleCheck = (expiresAt: Date) => {
			const ms = Math.max(0, Math.min(expiresAt.getTime() - Date.now(), config.collab.sessionCheckMs));
			expiryTimer = setTimeout(checkSession, ms);
			expiryTimer.unref?.();
		};
		const checkSession = async () => {
			expiryTimer = null;
			if (!conn || conn.closed) return;
			const found = await store.sessions.get(admission.session.id).catch(() => undefined);
			if (!conn || conn.closed) return;
			if (found === undefined) return scheduleCheck(new Date(Date.now() + config.collab.sessionCheckMs)); // store down: ask again later
			if (!found || found.session.expiresAt.getTime() <= Date.now()) {
				conn.close(CloseCode.sessionEnded, 'session ended');
				return;
			}
			scheduleCheck(found.session.expiresAt);
		};

		registry
			.acquire(admission.docName)
			.then((acquired) => {
				if (ws.readyState !== ws.OPEN) {
					registry.release(acquired);
					return;
				}
				live = acquired;
				conn = new Connection(ws, admission, acquired, log, config.collab);
				connections.add(conn);
				acquired.peers.add(conn);
				conn.greet();
				for (const frame of early.splice(0)) onFrame(frame);
				scheduleCheck(admission.session.expiresAt);
			})
			.catch((error) => {
				log.error({ ...ctx, err: error }, 'document could not be loaded; asking the client to retry');
				ws.close(CloseCode.serverRestart, 'document unavailable');
			});
	}

	function closeSessionHere(sessionId: string): void {
		for (const conn of connections) {
			if (conn.admission.session.id === sessionId) conn.close(CloseCode.sessionEnded, 'signed out');
		}
	}

	async function refreshMemberHere(boardId: string, userId: string): Promise<void> {
		for (const conn of [...connections]) {
			if (conn.admission.boardId !== boardId || conn.admission.user.id !== userId) continue;
			let decision: Awaited<ReturnType<typeof resolveDocMembership>>;
			try {
				decision = await resolveDocMembership(store, userId, conn.admission.docName);
			} catch (error) {
				// Fail closed: the client reconnects and is authorised afresh at the upgrade.
				log.error({ err: error, doc: conn.admission.docName, user: userId }, 're-checking a member failed; closing the socket');
				conn.close(CloseCode.serverRestart, 'membership re-check failed');
				continue;
			}
			if (conn.closed) continue;
			if (decision.status === 'ok') conn.setMembership(decision.access, decision.role);
			else conn.close(decision.status === 'not-found' ? CloseCode.documentGone : CloseCode.forbidden, decision.status);
		}
	}

	/** Other instances' sockets of the same person are closed or re-checked by those instances. */
	function tellOthers(message: ControlRequest): void {
		cluster?.publishControl(message).catch((error) => {
			log.error({ err: error, message }, 'telling the other instances failed; their sockets re-check the session within COLLAB_SESSION_CHECK_MS');
		});
	}

	cluster?.onControl((message) => {
		if (message.type === 'close-session') closeSessionHere(message.sessionId);
		else void refreshMemberHere(message.boardId, message.userId);
	});

	return {
		registry,
		projection,
		handleUpgrade(req, socket, head) {
			if (docNameFromUrl(req.url) === null) return false;
			socket.on('error', () => socket.destroy());
			if (closing) {
				refuseUpgrade(socket, UpgradeStatus.tooMany);
				return true;
			}
			// Anonymous upgrades (no cookie, or nothing shaped like a token) are refused here, at no
			// cost and charged to no budget; the rest pay per source address before the database is
			// asked, and per session and as members once the session is valid (rate-limit.ts).
			if (!sessionTokenOf(req)) {
				log.debug({ url: req.url }, 'websocket upgrade without a session token refused');
				refuseUpgrade(socket, UpgradeStatus.unauthenticated);
				return true;
			}
			const address = clientAddress(req, config.clientAddress);
			if (!budgets.address(address)) {
				log.debug({ url: req.url, address }, 'websocket upgrade refused: this address is over its budget');
				refuseUpgrade(socket, UpgradeStatus.tooMany);
				return true;
			}
			decideUpgrade(req, store, config.origin, new Date(), (session) => budgets.session(session.id))
				.then((decision) => {
					if (!decision.ok) {
						log.info({ url: req.url, address, status: decision.status, reason: decision.reason }, 'websocket upgrade refused');
						refuseUpgrade(socket, decision.status);
						return;
					}
					if (socket.destroyed) return;
					wss.handleUpgrade(req, socket, head, (ws) => accept(ws, decision.admission));
				})
				.catch((error) => {
					log.error({ err: error, url: req.url }, 'websocket upgrade failed');
					refuseUpgrade(socket, 500);
				});
			return true;
		},
		closeSession(sessionId) {
			closeSessionHere(sessionId);
			tellOthers({ type: 'close-session', sessionId });
		},
		async refreshMember(boardId, userId) {
			tellOthers({ type: 'refresh-member', boardId, userId });
			await refreshMemberHere(boardId, userId);
		},
		stats() {
			const pendingUpdates = registry.names().reduce((sum, name) => sum + (registry.peek(name)?.pendingUpdates ?? 0), 0);
			return { documents: registry.size, connections: connections.size, pendingUpdates };
		},
		async close() {
			closing = true;
			for (const conn of connections) conn.close(CloseCode.serverRestart, 'server restarting');
			// Give close frames a moment to leave, then cut whatever is still open.
			const deadline = Date.now() + 1000;
			while (wss.clients.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
			for (const ws of wss.clients) ws.terminate();
			await registry.drainAll();
			await new Promise<void>((resolve) => wss.close(() => resolve()));
		}
	};
}

function toBytes(raw: RawData): Uint8Array | null {
	if (raw instanceof Buffer) return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
	if (Array.isArray(raw)) return new Uint8Array(Buffer.concat(raw));
	if (raw instanceof ArrayBuffer) return new Uint8Array(raw);
	return null;
}

