import type { WebSocket } from 'ws';

/**
 * Websocket frames built once for every socket they go to (issue 13, fan-out).
 *
 * A server's frame to a client is never masked (RFC 6455 §5.1), so one update frame is the same
 * bytes for each of a meeting's sockets. `ws.send` frames the payload again for every socket (a
 * header buffer, an options object, a corked two-buffer write); here the frame is built once, kept
 * while the fan-out sends it to the meeting's sockets, and written to each socket as one buffer
 * (measured: ~13 → ~10 µs a send, 1,000 sockets, 40-byte frames).
 *
 * Written past ws's Sender only when nothing can be queued in it: ws queues frames while it
 * compresses (permessage-deflate, which Samtavla does not enable) or reads a Blob (never sent
 * here). Otherwise the Sender writes at once too, so the two kinds of write keep their order.
 * What this needs of ws's internals (`_socket`, `_sender`) is read here and nowhere else.
 */

/** Above this a frame goes through `ws.send`, which writes the payload without copying it. */
export const DIRECT_MAX_BYTES = 16 * 1024;

/** FIN + binary, unmasked, with the payload: what ws's Sender writes for `ws.send(payload)`. */
export function binaryFrame(payload: Uint8Array): Buffer {
	const length = payload.byteLength;
	const header = length < 126 ? 2 : length < 65536 ? 4 : 10;
	const frame = Buffer.allocUnsafe(header + length);
	frame[0] = 0x82;
	if (length < 126) frame[1] = length;
	else if (length < 65536) {
		frame[1] = 126;
		frame.writeUInt16BE(length, 2);
	} else {
		frame[1] = 127;
		frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
		frame.writeUInt32BE(length >>> 0, 6);
	}
	frame.set(payload, header);
	return frame;
}

interface SenderInternals {
	_state?: number;
	_queue?: unknown[];
	_extensions?: Record<string, unknown>;
}

interface WritableSocket {
	write(chunk: Uint8Array, callback: (error?: Error | null) => void): boolean;
}

interface CorkableSocket {
	cork(): void;
	uncork(): void;
}

/** The TCP socket ws keeps as `_socket` (absent in tests' fakes): the one place that reads it. */
function tcpSocketOf(ws: WebSocket): Partial<WritableSocket & CorkableSocket> | undefined {
	return (ws as unknown as { _socket?: Partial<WritableSocket & CorkableSocket> })._socket;
}

/** The TCP socket under `ws`, to cork while several frames are written (undefined for tests' fakes). */
export function corkableSocket(ws: WebSocket): CorkableSocket | undefined {
	const socket = tcpSocketOf(ws);
	return socket && typeof socket.cork === 'function' && typeof socket.uncork === 'function' ? (socket as CorkableSocket) : undefined;
}

/**
 * The TCP socket under `ws` when a frame may be written to it directly: ws's Sender has nothing
 * queued, is not compressing or reading a Blob, and no compression was negotiated. Null otherwise
 * (and for the test doubles that are not ws sockets): then `ws.send` is the way.
 */
export function directSocket(ws: WebSocket): WritableSocket | null {
	const sender = (ws as unknown as { _sender?: SenderInternals })._sender;
	const socket = tcpSocketOf(ws);
	if (!sender || !socket || typeof socket.write !== 'function') return null;
	if (sender._state !== 0 || !Array.isArray(sender._queue) || sender._queue.length !== 0) return null;
	if (sender._extensions && Object.keys(sender._extensions).length > 0) return null;
	return socket as WritableSocket;
}

/**
 * The frames of the last few payloads sent: the fan-out sends one payload (the same object) to
 * each peer in turn, interleaved at most with the presence riding along, so a handful of entries
 * is every hit. Payloads are never changed after they are sent (ws relies on that already: a
 * queued write holds the caller's bytes).
 */
export class RecentFrames {
	readonly #payloads: (Uint8Array | null)[];
	readonly #frames: (Buffer | null)[];
	#next = 0;

	constructor(size = 4) {
		this.#payloads = new Array(size).fill(null);
		this.#frames = new Array(size).fill(null);
	}

	frameOf(payload: Uint8Array): Buffer {
		const i = this.#payloads.indexOf(payload);
		if (i >= 0) return this.#frames[i] as Buffer;
		const frame = binaryFrame(payload);
		this.#payloads[this.#next] = payload;
		this.#frames[this.#next] = frame;
		this.#next = (this.#next + 1) % this.#payloads.length;
		return frame;
	}
}
