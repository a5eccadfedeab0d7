#!/usr/bin/env node
// What the write policy costs per update on a judged document (perspectives, `meeting:…:voices`),
// in process, no sockets: a document holding JUDGE_ENTRIES perspectives of JUDGE_CHARS characters,
// and one member typing JUDGE_UPDATES characters into their own. `node tests/load/judge-micro.mjs
// [build root]`; compare two builds back to back. Figures, never assertions.
import { join, resolve } from 'node:path';
import * as Y from 'yjs';

const root = resolve(process.argv[2] ?? new URL('../..', import.meta.url).pathname);
const ENTRIES = Number(process.env.JUDGE_ENTRIES ?? 60);
const CHARS = Number(process.env.JUDGE_CHARS ?? 2000);
const UPDATES = Number(process.env.JUDGE_UPDATES ?? 1000);

const { LiveDoc } = await import(join(root, 'build/node/server/collab/live-doc.js'));
const { Connection } = await import(join(root, 'build/node/server/collab/connection.js'));
const { createLogger } = await import(join(root, 'build/node/src/lib/server/logger.js'));
const voices = await import(join(root, 'build/node/src/lib/domain/voices-doc.js'));

const logger = createLogger('silent');
const sink = { pending: 0, beforeLoad: async () => {}, afterLoad: async () => {}, push: () => {}, flush: async () => {}, close: async () => {}, abandon: async () => {} };
const store = { docs: { load: async () => ({ snapshot: null, updates: [], lastUpdateId: 0 }), quarantine: async () => {} } };
const live = new LiveDoc('meeting:m1:voices', store, logger, {}, sink, {});
await live.load();
for (let i = 0; i < ENTRIES; i++) {
	const author = { id: `u${i}`, name: `Person ${i}`, agencyId: 'ag', agencyName: 'Byrå' };
	voices.addPerspective(live.doc, `item${i % 5}`, author, 'x'.repeat(CHARS));
}
const anna = { id: 'anna', name: 'Anna', agencyId: 'ag', agencyName: 'Byrå' };
const mine = voices.addPerspective(live.doc, 'item0', anna, '');
const ws = { OPEN: 1, readyState: 1, send() {}, close() {}, terminate() {} };
const admission = { docName: 'meeting:m1:voices', boardId: 'b1', access: 'write', role: 'contributor', user: { id: 'anna', agencyId: 'ag' }, identity: { id: 'anna', name: 'Anna', color: '#000', agency: 'Byrå' }, agencyKind: null, session: { id: 's' }, ref: { kind: 'voices', meetingId: 'm1' } };
const conn = new Connection(ws, admission, live, logger, { maxPendingBytes: 1 << 20, maxPendingMs: 30_000, maxDocPendingBytes: 4 << 20 });
live.peers.add(conn);

const replica = new Y.Doc();
Y.applyUpdate(replica, Y.encodeStateAsUpdate(live.doc));
const frames = [];
replica.on('update', (u) => {
	const f = new Uint8Array(u.length + 8);
	let n = u.length, pos = 2;
	f[0] = 0; f[1] = 2;
	while (n > 0x7f) { f[pos++] = 0x80 | (n & 0x7f); n = Math.floor(n / 128); }
	f[pos++] = n;
	f.set(u, pos);
	frames.push(f.subarray(0, pos + u.length));
});
const text = voices.perspectiveText(replica, mine);
for (let i = 0; i < UPDATES; i++) text.insert(text.length, 'a');

const cpu0 = process.cpuUsage();
for (const f of frames) conn.handle(f);
const cpu = process.cpuUsage(cpu0);
const ms = (cpu.user + cpu.system) / 1000;
const ok = voices.perspectiveText(live.doc, mine).length === UPDATES;
console.log(`| voices document, ${ENTRIES} perspectives × ${CHARS} characters (${Math.round(Y.encodeStateAsUpdate(live.doc).length / 1024)} KiB) | ${UPDATES} keystrokes judged and applied | ${((ms * 1000) / UPDATES).toFixed(0)} µs per update | ${ok ? 'all applied' : 'MISSING'} |`);
await live.drain();
process.exit(0);
