// The load generator's clients, written directly on a bare-TCP websocket (raw-socket.mjs) rather
// than with y-websocket's WebsocketProvider or even `ws`: thousands of providers (each with
// timers, BroadcastChannel, reconnect logic) would make the generator heavier than the servers it
// measures, and `ws`'s stream per socket was most of what was left. Three kinds:
//   Typist     — a Y.Doc that types into the meeting's notes and sends its cursor per key;
//   DocReader  — a Y.Doc that only listens (applies every update, as a browser tab would);
//   RawReader  — no Y.Doc: reads frame headers and the edits' ids, applies nothing.
// Every client speaks y-websocket, or Hocuspocus's framing of it (a name prefix and an auth
// frame first) when the target says so.
import { RawSocket } from './raw-socket.mjs';
import * as Y from 'yjs';
import { AUTH, SYNC, STEP1, STEP2, UPDATE, awarenessFrame, awarenessUpdate, editRanges, emptyStep1, emptyStep2, hocuspocusAuth, namePrefix, readFrame, step1Frame, step2Frame, updateFrame } from './frames.mjs';

/**
 * How to reach one document on a server:
 * { kind: 'y-websocket' | 'hocuspocus', url: string, headers: object }.
 */
export function endpoint(target, docName, cookie) {
	if (target.kind === 'hocuspocus') return { hocuspocus: true, url: `${target.wsBase}/`, headers: {}, prefix: namePrefix(docName) };
	const headers = cookie ? { cookie, origin: target.origin } : {};
	return { hocuspocus: false, url: `${target.wsBase}${target.path}${docName}`, headers, prefix: new Uint8Array(0) };
}

/** The edits this process's typists sent: when each was sent, and which fall in the measured window. */
export class EditLog {
	/** client id → Typist */
	typists = new Map();
	latencies = [];
	delivered = 0;
	measuring = false;

	/** A listener has the update: one delivery (and one latency sample) per measured edit in it. */
	received(update, at) {
		for (const [client, from, to] of editRanges(update)) {
			const typist = this.typists.get(client);
			if (!typist) continue;
			for (let clock = from; clock < to; clock++) {
				if (clock < typist.windowFrom || clock >= typist.windowTo) continue;
				this.latencies.push(at - typist.sentAt[clock]);
				this.delivered++;
			}
		}
	}
}

/** One websocket with the handshake every client does; `onSync` handles sync payloads after it. */
class Client {
	synced = false;
	closedEarly = false;
	error = null;
	stopping = false;

	/** `onLost`: the socket closed before it synced (refused, reset); it never will, nothing reconnects. */
	constructor(ep, log, onSynced, onLost = () => {}) {
		this.ep = ep;
		this.log = log;
		this.onSynced = onSynced;
		this.ws = new RawSocket(ep.url, { headers: ep.headers });
		this.ws.on('open', () => {
			this.openedAt = performance.now();
			if (ep.hocuspocus) this.ws.send(hocuspocusAuth(ep.prefix));
			this.opened();
		});
		this.ws.on('message', (data) => {
			try {
				this.message(data);
			} catch (error) {
				this.error ??= `bad frame: ${error.message}`;
			}
		});
		this.ws.on('error', (error) => (this.error ??= error.message));
		this.ws.on('unexpected-response', (_req, res) => {
			this.error ??= `upgrade refused: HTTP ${res.statusCode}`;
			this.ws.terminate();
		});
		this.ws.on('close', () => {
			if (this.stopping) return;
			this.closedEarly = true;
			if (!this.synced) onLost(this);
		});
	}

	send(bytes) {
		if (this.ws.readyState === RawSocket.OPEN) this.ws.send(bytes);
	}

	message(data) {
		const f = readFrame(data, this.ep.hocuspocus);
		if (f.type === AUTH || f.type !== SYNC) return;
		const payload = data.subarray(f.start, f.end);
		if (f.sub === STEP1) return this.answerStep1(payload);
		if (f.sub === STEP2) {
			this.apply(payload);
			if (!this.synced) {
				this.synced = true;
				this.syncedAt = performance.now();
				this.onSynced(this);
			}
			return;
		}
		if (f.sub === UPDATE) this.apply(payload);
	}

	close() {
		this.stopping = true;
		this.ws.terminate();
	}
}

/** No Y.Doc: asks for everything, answers with nothing, and only reads which edits arrive. */
export class RawReader extends Client {
	opened() {
		this.send(emptyStep1(this.ep.prefix));
	}
	answerStep1() {
		this.send(emptyStep2(this.ep.prefix));
	}
	apply(update) {
		if (this.synced) this.log.received(update, performance.now());
	}
}

/** A Y.Doc that listens: applies every update, then counts the edit as on screen. */
export class DocReader extends Client {
	doc = new Y.Doc();
	opened() {
		this.send(step1Frame(this.ep.prefix, Y.encodeStateVector(this.doc)));
		// Presence without a cursor, renewed as y-protocols does (every 15 s) so no server drops it.
		this.awarenessClock = 0;
		this.presence();
		this.renew = setInterval(() => this.presence(), 15_000);
	}
	presence() {
		this.send(awarenessFrame(this.ep.prefix, awarenessUpdate(this.doc.clientID, this.awarenessClock++, { user: { name: 'listener', color: '#888888' } })));
	}
	answerStep1(stateVector) {
		this.send(step2Frame(this.ep.prefix, Y.encodeStateAsUpdate(this.doc, stateVector)));
	}
	apply(update) {
		Y.applyUpdate(this.doc, update, 'remote');
		if (this.synced) this.log.received(update, performance.now());
	}
	text() {
		return this.doc.getText('minutes').toString();
	}
	close() {
		clearInterval(this.renew);
		super.close();
		this.doc.destroy();
	}
}

const KEYS = 'abcdefghijklmnopqrstuvwxyz ';

/**
 * Types at the end of the meeting's notes (the root text 'minutes', where tests/load/run-bench.mjs
 * types: Samtavla refuses updates outside its document layout) and sends its cursor with each key.
 */
export class Typist extends DocReader {
	sentAt = [];
	typed = '';
	windowFrom = Infinity;
	windowTo = Infinity;

	constructor(ep, log, onSynced, onLost) {
		super(ep, log, onSynced, onLost);
		this.text = this.doc.getText('minutes');
		log.typists.set(this.doc.clientID, this);
		this.doc.on('update', (update, origin) => {
			if (origin !== 'remote') this.send(updateFrame(this.ep.prefix, update));
		});
	}
	apply(update) {
		Y.applyUpdate(this.doc, update, 'remote');
	}
	presence() {
		this.send(awarenessFrame(this.ep.prefix, awarenessUpdate(this.doc.clientID, this.awarenessClock++, { user: { name: 'typist', color: '#1f6feb' } })));
	}
	/** One key: a character at the end, then the cursor after it. Clocks count from 0, one per character. */
	key() {
		const clock = this.typed.length;
		const char = KEYS[clock % KEYS.length];
		this.sentAt[clock] = performance.now();
		this.typed += char;
		this.text.insert(this.text.length, char);
		const pos = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(this.text, this.text.length));
		this.send(awarenessFrame(this.ep.prefix, awarenessUpdate(this.doc.clientID, this.awarenessClock++, { user: { name: 'typist', color: '#1f6feb' }, cursor: { anchor: pos, head: pos } })));
	}
	startTyping(keysPerSecond) {
		const every = 1000 / keysPerSecond;
		// A random phase, so a level's typists do not all press keys in the same millisecond.
		this.phase = setTimeout(() => {
			this.key();
			this.timer = setInterval(() => this.key(), every);
		}, Math.random() * every);
	}
	stopTyping() {
		clearTimeout(this.phase);
		clearInterval(this.timer);
	}
	close() {
		this.stopTyping();
		super.close();
	}
}

/** Connects one Y.Doc to `docName`, waits for its sync, and returns the notes' text (the nothing-lost check). */
export function readNotes(target, docName, cookie, timeoutMs) {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			reader.close();
			reject(new Error(`no sync within ${timeoutMs} ms${reader.error ? ` (${reader.error})` : ''}`));
		}, timeoutMs);
		const reader = new DocReader(endpoint(target, docName, cookie), new EditLog(), () => {
			clearTimeout(timer);
			const text = reader.text();
			reader.close();
			resolve(text);
		});
	});
}
