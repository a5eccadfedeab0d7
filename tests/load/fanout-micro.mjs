#!/usr/bin/env node
// Per-message cost of the collab server's fan-out, in process: one document, real `ws` sockets
// over loopback, the readers in a child process (their CPU is not counted), storage a no-op.
// `node tests/load/fanout-micro.mjs [build root]` (default: this checkout's build; compare two
// builds back to back). Prints server CPU per update received and per frame delivered — figures,
// never assertions.
//   FANOUT_PEERS   sockets on the document (default 20: one typist, the rest listening)
//   FANOUT_UPDATES updates typed (default 4000)
//   FANOUT_BURST   updates arriving in one turn of the event loop (default 1: one key at a time)
//   FANOUT_AWARENESS=1  the typist also sends its cursor (awareness) with every key, as the
//                  side-by-side typist does, and each key waits out the awareness coalescing window
//                  (so every cursor is forwarded: use fewer updates, e.g. FANOUT_UPDATES=300)
//   FANOUT_DOCS    documents, each with FANOUT_PEERS sockets and its own typist, all typing the same
//                  keys in the same turn (default 1; e.g. 200 docs of 5 is the side-by-side's 1,000 clients)
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';

const root = resolve(process.argv[2] ?? new URL('../..', import.meta.url).pathname);
const PEERS = Number(process.env.FANOUT_PEERS ?? 20);
const UPDATES = Number(process.env.FANOUT_UPDATES ?? 4000);
const BURST = Number(process.env.FANOUT_BURST ?? 1);
const AWARENESS = process.env.FANOUT_AWARENESS === '1';
const DOCS = Number(process.env.FANOUT_DOCS ?? 1);

const { LiveDoc } = await import(join(root, 'build/node/server/collab/live-doc.js'));
const { Connection } = await import(join(root, 'build/node/server/collab/connection.js'));
const { createLogger } = await import(join(root, 'build/node/src/lib/server/logger.js'));

const logger = createLogger('silent');
const sink = {
	pending: 0,
	beforeLoad: async () => {},
	afterLoad: async () => {},
	push: () => {},
	flush: async () => {},
	close: async () => {},
	abandon: async () => {}
};
const store = { docs: { load: async () => ({ snapshot: null, updates: [], lastUpdateId: 0 }), quarantine: async () => {} } };
const { AWARENESS_COALESCE_MS } = await import(join(root, 'build/node/server/collab/live-doc.js'));
// With awareness: no per-client interval, so each key's cursor is forwarded after the coalescing window.
const lives = [];
for (let d = 0; d < DOCS; d++) {
	const doc = new LiveDoc(`meeting:m${d}`, store, logger, AWARENESS ? { awarenessIntervalMs: 0 } : {}, sink, {});
	await doc.load();
	lives.push(doc);
}
const live = lives[0];
const limits = { maxPendingBytes: 1 << 20, maxPendingMs: 30_000, maxDocPendingBytes: 4 << 20 };
const admission = (i) => ({
	docName: 'meeting:m1',
	boardId: 'b1',
	access: 'write',
	role: 'editor',
	user: { id: `u${i}`, agencyId: 'ag' },
	identity: { id: `u${i}`, name: `Person ${i}`, color: '#000', agency: 'Byrå' },
	agencyKind: null,
	session: { id: `s${i}` },
	ref: { kind: 'meeting', meetingId: 'm1' }
});

let writes = 0;
let inBurst = false;
const wss = new WebSocketServer({ noServer: true });
const http = createServer();
const conns = [];
http.on('upgrade', (req, socket, head) =>
	wss.handleUpgrade(req, socket, head, (ws) => {
		const doc = lives[Math.floor(conns.length / PEERS)];
		const conn = new Connection(ws, admission(conns.length), doc, logger, limits);
		// Socket writes: a frame sent alone is one, a corked burst is one.
		const send = ws.send.bind(ws);
		ws.send = (...args) => {
			if (!inBurst) writes++;
			return send(...args);
		};
		const burst = conn.sendBurst.bind(conn);
		conn.sendBurst = (frames) => {
			writes++;
			inBurst = true;
			try {
				return burst(frames);
			} finally {
				inBurst = false;
			}
		};
		conns.push(conn);
		doc.peers.add(conn);
	})
);
await new Promise((r) => http.listen(0, '127.0.0.1', r));
const { port } = http.address();

// Readers: raw sockets that upgrade and count bytes, in their own process.
const readerCode = `
const net = require('node:net');
let bytes = 0, open = 0;
for (let i = 0; i < ${PEERS * DOCS}; i++) {
	const s = net.connect(${port}, '127.0.0.1', () => s.write('GET /c HTTP/1.1\\r\\nHost: x\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\\r\\nSec-WebSocket-Version: 13\\r\\n\\r\\n'));
	s.on('data', (d) => { bytes += d.length; });
}
process.on('message', () => process.send(bytes));
`;
const readers = spawn(process.execPath, ['-e', readerCode], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
while (conns.length < PEERS * DOCS) await new Promise((r) => setTimeout(r, 10));
await new Promise((r) => setTimeout(r, 200));
const bytesRead = () => new Promise((r) => { readers.once('message', r); readers.send('?'); });

// The typist's updates, framed as a y-websocket client frames them.
const client = new Y.Doc();
const frames = [];
client.on('update', (u) => {
	const f = new Uint8Array(3 + u.length + 4);
	let n = u.length, pos = 2;
	f[0] = 0; f[1] = 2;
	while (n > 0x7f) { f[pos++] = 0x80 | (n & 0x7f); n = Math.floor(n / 128); }
	f[pos++] = n;
	f.set(u, pos);
	frames.push(f.subarray(0, pos + u.length));
});
const text = client.getText('minutes');
for (let i = 0; i < UPDATES; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));

// The typist's cursor with each key, framed as y-websocket frames an awareness update.
const cursorFrame = (i) => {
	const json = JSON.stringify({ user: { name: 'Typist' }, cursor: { anchor: i, head: i } });
	const body = Buffer.from(json);
	const parts = [1];
	const varint = (n) => { while (n > 0x7f) { parts.push(0x80 | (n & 0x7f)); n = Math.floor(n / 128); } parts.push(n); };
	const inner = [];
	const v2 = (n) => { while (n > 0x7f) { inner.push(0x80 | (n & 0x7f)); n = Math.floor(n / 128); } inner.push(n); };
	v2(1); v2(4242); v2(i + 1); v2(body.length); inner.push(...body);
	varint(inner.length);
	return new Uint8Array([...parts, ...inner]);
};
const typists = lives.map((_, d) => conns[d * PEERS]);
const before = await bytesRead();
const writesBefore = writes;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < UPDATES; i += BURST) {
	for (let k = i; k < Math.min(UPDATES, i + BURST); k++) {
		const cursor = AWARENESS ? cursorFrame(k) : null;
		for (const typist of typists) {
			typist.handle(frames[k]);
			if (cursor) typist.handle(cursor);
		}
	}
	await turn();
	if (AWARENESS) await new Promise((r) => setTimeout(r, AWARENESS_COALESCE_MS + 5));
}
await turn();
const cpu = process.cpuUsage(cpu0);
const wallMs = performance.now() - t0;
// Wait until the readers have everything (bytes stop growing).
let last = -1, now = await bytesRead();
while (now !== last) { await new Promise((r) => setTimeout(r, 200)); last = now; now = await bytesRead(); }

const cpuMs = (cpu.user + cpu.system) / 1000;
const delivered = UPDATES * (PEERS - 1) * DOCS;
console.log(`| ${DOCS > 1 ? `${DOCS} documents × ` : ''}${PEERS} sockets, ${UPDATES} updates in bursts of ${BURST}${AWARENESS ? ', a cursor with each' : ''} | server CPU ${cpuMs.toFixed(0)} ms (wall ${wallMs.toFixed(0)} ms) | ${((cpuMs * 1000) / (UPDATES * DOCS)).toFixed(1)} µs per update received | ${((cpuMs * 1e6) / delivered).toFixed(0)} ns per update delivered | ${((now - before) / 1024).toFixed(0)} KiB sent in ${writes - writesBefore} socket writes | ${lives.every((l) => l.doc.getText('minutes').length === UPDATES) ? 'all applied' : 'MISSING'} |`);
readers.kill();
for (const c of conns) c.ws.terminate();
http.close();
for (const l of lives) await l.drain();
process.exit(0);
