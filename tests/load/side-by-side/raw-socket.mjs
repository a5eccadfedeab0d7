// A websocket client on a bare TCP socket, for the load generator's clients. A profile of the
// generator at 1,000 clients put about 40 % of its busy time in `ws`'s receive path (a Writable
// stream per socket, an event per frame, buffer copies) and most of the rest of its socket time
// in `ws`'s sender, so the clients speak the protocol here directly: one 'data' handler that
// cuts frames out of the chunk in place. Only what a client needs: binary and text frames
// (continuations joined), ping answered with pong, close answered and ended. Sends are masked
// as RFC 6455 requires of clients. Same events as `ws` uses in clients.mjs: 'open',
// 'message' (a Buffer), 'error', 'unexpected-response' (req, { statusCode }), 'close'.
import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import { EventEmitter } from 'node:events';
import net from 'node:net';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;

/** Mask keys, drawn from a pool refilled as it runs out (one crypto call per 1,024 frames). */
const maskPool = Buffer.alloc(4096);
let maskAt = maskPool.length;
function nextMask() {
	if (maskAt === maskPool.length) {
		randomFillSync(maskPool);
		maskAt = 0;
	}
	const mask = maskPool.subarray(maskAt, maskAt + 4);
	maskAt += 4;
	return mask;
}

/** One client frame: FIN + `opcode`, masked with a fresh key. */
export function clientFrame(opcode, payload) {
	const len = payload.length;
	const head = len < 126 ? 2 : len < 65536 ? 4 : 10;
	const out = Buffer.allocUnsafe(head + 4 + len);
	out[0] = 0x80 | opcode;
	if (len < 126) out[1] = 0x80 | len;
	else if (len < 65536) {
		out[1] = 0x80 | 126;
		out.writeUInt16BE(len, 2);
	} else {
		out[1] = 0x80 | 127;
		out.writeUInt32BE(0, 2);
		out.writeUInt32BE(len, 6);
	}
	const mask = nextMask();
	mask.copy(out, head);
	for (let i = 0; i < len; i++) out[head + 4 + i] = payload[i] ^ mask[i & 3];
	return out;
}

export class RawSocket extends EventEmitter {
	static OPEN = OPEN;
	readyState = CONNECTING;
	/** Bytes received but not yet a whole frame (or, before the upgrade, a whole response head). */
	pending = null;
	/** Parts of a fragmented message, joined at its final frame. */
	fragments = [];

	/** `url`: ws://host:port/path; `headers`: extra request headers (cookie, origin). */
	constructor(url, { headers = {} } = {}) {
		super();
		const { hostname, port, pathname, search } = new URL(url);
		this.key = randomBytes(16).toString('base64');
		this.socket = net.connect({ host: hostname, port: Number(port) || 80 });
		this.socket.setNoDelay(true);
		const lines = [`GET ${pathname}${search} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${this.key}`, 'Sec-WebSocket-Version: 13'];
		for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
		this.socket.on('connect', () => this.socket.write(`${lines.join('\r\n')}\r\n\r\n`));
		this.socket.on('data', (chunk) => this.data(chunk));
		this.socket.on('error', (error) => this.emit('error', error));
		this.socket.on('close', () => {
			this.readyState = CLOSED;
			this.emit('close');
		});
	}

	send(bytes) {
		if (this.readyState === OPEN) this.socket.write(clientFrame(0x2, bytes));
	}

	terminate() {
		this.readyState = CLOSED;
		this.socket.destroy();
	}

	data(chunk) {
		let buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
		this.pending = null;
		if (this.readyState === CONNECTING) {
			const end = buf.indexOf('\r\n\r\n');
			if (end < 0) {
				this.pending = buf;
				return;
			}
			if (!this.upgraded(buf.toString('latin1', 0, end))) return;
			buf = buf.subarray(end + 4);
		}
		this.frames(buf);
	}

	/** Checks the server's answer to the upgrade; false (and the socket ended) when it refused. */
	upgraded(head) {
		const [status, ...fields] = head.split('\r\n');
		const statusCode = Number(status.split(' ')[1]);
		const accept = fields.find((f) => /^sec-websocket-accept:/i.test(f))?.split(':')[1]?.trim();
		const expected = createHash('sha1').update(this.key + GUID).digest('base64');
		if (statusCode !== 101 || accept !== expected) {
			if (statusCode !== 101) this.emit('unexpected-response', null, { statusCode });
			else this.emit('error', new Error('bad Sec-WebSocket-Accept'));
			this.terminate();
			return false;
		}
		this.readyState = OPEN;
		this.emit('open');
		return true;
	}

	/** Cuts whole frames out of `buf`; keeps a partial one for the next chunk. */
	frames(buf) {
		let pos = 0;
		while (this.readyState === OPEN) {
			if (buf.length - pos < 2) break;
			const b0 = buf[pos];
			const b1 = buf[pos + 1];
			let len = b1 & 0x7f;
			let head = 2;
			if (len === 126) {
				if (buf.length - pos < 4) break;
				len = buf.readUInt16BE(pos + 2);
				head = 4;
			} else if (len === 127) {
				if (buf.length - pos < 10) break;
				len = buf.readUInt32BE(pos + 2) * 2 ** 32 + buf.readUInt32BE(pos + 6);
				head = 10;
			}
			const masked = (b1 & 0x80) !== 0;
			const start = pos + head + (masked ? 4 : 0);
			if (buf.length < start + len) break;
			let payload = buf.subarray(start, start + len);
			if (masked) {
				const mask = buf.subarray(pos + head, pos + head + 4);
				payload = Buffer.from(payload);
				for (let i = 0; i < len; i++) payload[i] ^= mask[i & 3];
			}
			pos = start + len;
			this.frame(b0 & 0x80, b0 & 0x0f, payload);
		}
		if (pos < buf.length && this.readyState === OPEN) this.pending = Buffer.from(buf.subarray(pos));
	}

	frame(fin, opcode, payload) {
		if (opcode === 0x9) return this.socket.write(clientFrame(0xa, payload));
		if (opcode === 0xa) return;
		if (opcode === 0x8) {
			this.socket.end(clientFrame(0x8, payload.subarray(0, 2)));
			this.readyState = CLOSED;
			return;
		}
		// Data: binary (2), text (1), or a continuation (0) of either.
		if (!fin) {
			this.fragments.push(payload);
			return;
		}
		if (this.fragments.length) {
			this.fragments.push(payload);
			payload = Buffer.concat(this.fragments);
			this.fragments = [];
		}
		this.emit('message', payload);
	}
}
