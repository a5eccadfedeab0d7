import type { WebSocket, RawData } from 'ws';
import { CloseCode } from '../../src/lib/domain/collab-protocol.js';
import type { Config } from '../../src/lib/server/config.js';
import type { Logger } from '../../src/lib/server/logger.js';
import { Connection } from './connection.js';
import type { DocRegistry } from './doc-registry.js';
import type { LiveDoc } from './live-doc.js';
import type { OpenConnections } from './live-connections.js';
import type { Admission } from './upgrade.js';
import type { SessionExpiries } from './session-expiries.js';

/** Frames that may arrive between the upgrade and the end of the document's load. */
const MAX_EARLY_FRAMES = 64;

export interface SessionDeps {
	log: Logger;
	registry: DocRegistry;
	connections: OpenConnections;
	/** Where the periodic re-check reads the session's end: shared by every socket, one query for many. */
	expiries: SessionExpiries;
	limits: Config['collab'];
}

/** Re-checks fall due on multiples of this (at most a second late), so many sockets share one query. */
const CHECK_ALIGN_MS = 1000;

/**
 * One admitted websocket from its upgrade to its close: frames that arrive while the document
 * loads are held (a few), the connection joins the document once it is loaded, every frame is
 * handled so that a bad one closes this socket only, and the session is re-checked at its expiry
 * (and every sessionCheckMs) so a sign-out elsewhere ends it.
 */
export function openSocketSession(ws: WebSocket, admission: Admission, deps: SessionDeps): void {
	const { log, registry, connections, expiries, limits } = deps;
	const early: Uint8Array[] = [];
	let conn: Connection | null = null;
	let live: LiveDoc | null = null;
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
		const ms = Math.max(0, Math.min(expiresAt.getTime() - Date.now(), limits.sessionCheckMs));
		const align = Math.min(CHECK_ALIGN_MS, limits.sessionCheckMs);
		const due = align > 0 ? Math.ceil((Date.now() + ms) / align) * align : Date.now() + ms;
		expiryTimer = setTimeout(checkSession, Math.max(0, due - Date.now()));
		expiryTimer.unref?.();
	};
	const checkSession = async () => {
		expiryTimer = null;
		if (!conn || conn.closed) return;
		const endsAt = await expiries.of(admission.session.id).catch(() => undefined);
		if (!conn || conn.closed) return;
		if (endsAt === undefined) return scheduleCheck(new Date(Date.now() + limits.sessionCheckMs)); // store down: ask again later
		if (!endsAt || endsAt.getTime() <= Date.now()) {
			conn.close(CloseCode.sessionEnded, 'session ended');
			return;
		}
		scheduleCheck(endsAt);
	};

	registry
		.acquire(admission.docName)
		.then((acquired) => {
			if (ws.readyState !== ws.OPEN) {
				registry.release(acquired);
				return;
			}
			live = acquired;
			conn = new Connection(ws, admission, acquired, log, limits);
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

function toBytes(raw: RawData): Uint8Array | null {
	if (raw instanceof Buffer) return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
	if (Array.isArray(raw)) return new Uint8Array(Buffer.concat(raw));
	if (raw instanceof ArrayBuffer) return new Uint8Array(raw);
	return null;
}
