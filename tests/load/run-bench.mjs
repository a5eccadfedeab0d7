#!/usr/bin/env node
// `npm run bench`: memory and realtime throughput of the production build on this machine.
// Starts the real server on a fresh data dir (the first-start figure), stops it, seeds the
// demo, starts it again, signs in through the real sign-in form, then drives one meeting with
// stock y-websocket clients.
// Prints a Markdown table (copied into the README) — figures, never assertions.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { meetingId, signIn } from './demo-session.mjs';

process.setMaxListeners(200);
const root = new URL('../..', import.meta.url).pathname;
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const EDITS = Number(process.env.BENCH_EDITS ?? 200);
const port = 3300 + Math.floor(Math.random() * 500);
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'samtavla-bench-'));
const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ORIGIN: base };

const build = spawnSync(process.execPath, [join(root, 'server/start.mjs'), '--build-only'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
const rssMbOf = (pid) => {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024);
};

// First start on the empty data dir (the database is created then), measured idle, then stopped.
let firstStart;
{
	const first = spawn(process.execPath, [join(root, 'build/node/server/index.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
	const exited = new Promise((resolve) => first.once('exit', resolve));
	try {
		await waitUp();
		await sleep(1500);
		firstStart = rssMbOf(first.pid);
	} finally {
		first.kill('SIGTERM');
		await exited;
	}
}
spawnSync(process.execPath, [join(root, 'build/node/server/seed.js')], { env, stdio: 'ignore' });

const server = spawn(process.execPath, [join(root, 'build/node/server/index.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
const rssMb = () => rssMbOf(server.pid);
const cleanup = () => {
	server.kill('SIGTERM');
	rmSync(dataDir, { recursive: true, force: true });
};

async function waitUp() {
	// A first start creates the database (initdb): up to a minute on a busy machine.
	for (let i = 0; i < 600; i++) {
		try {
			if ((await fetch(base + '/signin')).ok) return;
		} catch {}
		await sleep(100);
	}
	throw new Error('server did not start');
}

function connect(name, cookie) {
	const doc = new Y.Doc();
	const WS = class extends WebSocket {
		constructor(url, protocols) {
			super(url, protocols, { headers: { cookie, origin: base } });
		}
	};
	const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/collab`, name, doc, { WebSocketPolyfill: WS, disableBc: true });
	const synced = new Promise((resolve) => provider.once('sync', resolve));
	return { doc, provider, synced };
}

const pct = (values, p) => values.slice().sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

try {
	await waitUp();
	await sleep(1500);
	const idle = rssMb();
	const cookie = await signIn(base, 'karin@demo.samtavla.se');
	const id = await meetingId(base, cookie);
	const name = `meeting:${id}`;

	const t0 = performance.now();
	const clients = Array.from({ length: CLIENTS }, () => connect(name, cookie));
	await Promise.all(clients.map((c) => c.synced));
	const joinMs = performance.now() - t0;

	// Latency: one writer, the time until every other client has the edit.
	const latencies = [];
	const writer = clients[0];
	for (let i = 0; i < 50; i++) {
		const marker = `m${i}`;
		const start = performance.now();
		writer.doc.getMap('meta').set('marker', marker);
		await Promise.all(
			clients.slice(1).map(
				(c) =>
					new Promise((resolve) => {
						const check = () => {
							if (c.doc.getMap('meta').get('marker') === marker) {
								c.doc.off('update', check);
								resolve();
							}
						};
						c.doc.on('update', check);
						check();
					})
			)
		);
		latencies.push(performance.now() - start);
	}

	// Throughput: every client types EDITS characters as fast as it can.
	const t1 = performance.now();
	clients.forEach((c, i) => {
		const text = c.doc.getText('minutes');
		for (let k = 0; k < EDITS; k++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
	});
	const total = CLIENTS * EDITS;
	while (clients.some((c) => c.doc.getText('minutes').length < total)) await sleep(10);
	const convergeMs = performance.now() - t1;
	await sleep(500);
	const live = rssMb();

	// Destroying the docs too stops their awareness timers, so the process can exit.
	for (const c of clients) {
		c.provider.destroy();
		c.doc.destroy();
	}
	console.log('\n| measure | value |\n|---|---|');
	console.log(`| first start on an empty data dir (the embedded database is created), idle | ${firstStart} MB |`);
	console.log(`| resident memory, idle after a restart on that data dir (PGlite embedded, demo seeded) | ${idle} MB |`);
	console.log(`| resident memory, one live meeting with ${CLIENTS} clients | ${live} MB |`);
	console.log(`| ${CLIENTS} clients connect and sync | ${Math.round(joinMs)} ms |`);
	console.log(`| edit seen by all ${CLIENTS - 1} other clients, median / p95 | ${pct(latencies, 50).toFixed(1)} / ${pct(latencies, 95).toFixed(1)} ms |`);
	console.log(`| ${total} concurrent single-character edits converge on every client | ${Math.round(convergeMs)} ms (${Math.round(total / (convergeMs / 1000))} edits/s) |`);
} catch (error) {
	console.error(error);
	process.exitCode = 1;
} finally {
	cleanup();
}
spawnSync(process.execPath, [join(root, 'tests/load/pglite-memory.mjs')], { stdio: 'inherit' });
