#!/usr/bin/env node
// `npm run bench:cold-open`: how fast a meeting with a long real editing history opens when it is
// not in memory (issue 13: "cold-opens in under 100 ms; a person sees text in under 1 s").
//
// The history is the automerge-paper editing trace (the one Yjs's B4 benchmark replays: 182,315
// single-character inserts and 77,463 deletes while writing a LaTeX paper; tests/load/traces). It
// is typed into a seeded meeting's notes by a stock y-websocket client of the production build,
// stored, and the server restarted, so every open below loads the document from the embedded
// database. Figures, never assertions; prints a Markdown table.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import { meetingId, signIn } from './demo-session.mjs';

const root = new URL('../..', import.meta.url).pathname;
const ROUNDS = Number(process.env.BENCH_COLD_ROUNDS ?? 5);
// Each browser round launches Chromium: fewer by default, more when the machine is noisy.
const BROWSER_ROUNDS = Number(process.env.BENCH_BROWSER_ROUNDS ?? Math.min(ROUNDS, 3));
const port = 3300 + Math.floor(Math.random() * 500);
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'samtavla-cold-'));
// A document with no one on it leaves memory 200 ms later: the next open loads it from the
// database in a process that is already warm, as a meeting opened again later in the day is.
const UNLOAD_MS = 200;
const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ORIGIN: base, COLLAB_IDLE_UNLOAD_MS: String(UNLOAD_MS) };

const trace = JSON.parse(gunzipSync(readFileSync(join(root, 'tests/load/traces/automerge-paper.json.gz'))).toString('utf8'));

if (spawnSync(process.execPath, [join(root, 'server/start.mjs'), '--build-only'], { stdio: 'inherit' }).status !== 0) process.exit(1);
spawnSync(process.execPath, [join(root, 'build/node/server/seed.js')], { env, stdio: 'ignore' });

let server = null;
async function start() {
	server = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), join(root, 'build/node/server/index.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
	for (let i = 0; i < 600; i++) {
		try {
			if ((await fetch(base + '/signin')).ok) return;
		} catch {}
		await sleep(100);
	}
	throw new Error('server did not start');
}
async function stop() {
	if (!server) return;
	const exited = new Promise((resolve) => server.once('exit', resolve));
	server.kill('SIGTERM');
	await exited;
	server = null;
}

/** The trace typed into one paragraph of the meeting's notes, in one transaction (one update). */
function typeTrace(doc) {
	doc.transact(() => {
		const paragraph = new Y.XmlElement('paragraph');
		doc.getXmlFragment('minutes').push([paragraph]);
		const text = new Y.XmlText();
		paragraph.insert(0, [text]);
		for (const { patches } of trace.txns) {
			for (const [pos, del, ins] of patches) {
				if (del > 0) text.delete(pos, del);
				if (ins) text.insert(pos, ins);
			}
		}
	});
}

const syncStep1 = () => {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0); // sync
	encoding.writeVarUint(encoder, 0); // step 1
	encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
	return encoding.toUint8Array(encoder);
};

/**
 * One open over a raw socket: the time until the server's first sync message (the document is
 * loaded and sync sent), and until the whole document has arrived (sync step 2 to our step 1).
 */
function openOnce(name, cookie) {
	return new Promise((resolve, reject) => {
		const t0 = performance.now();
		let firstSync = null;
		const ws = new WebSocket(`ws://127.0.0.1:${port}/collab/${name}`, { headers: { cookie, origin: base } });
		ws.binaryType = 'arraybuffer';
		ws.on('open', () => ws.send(syncStep1()));
		ws.on('error', reject);
		ws.on('message', (data) => {
			const decoder = decoding.createDecoder(new Uint8Array(data));
			if (decoding.readVarUint(decoder) !== 0) return;
			const step = decoding.readVarUint(decoder);
			firstSync ??= performance.now() - t0;
			if (step !== 1) return;
			const whole = performance.now() - t0;
			const doc = new Y.Doc();
			Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
			const chars = doc.getXmlFragment('minutes').toString().length;
			ws.close();
			resolve({ firstSync, whole, bytes: data.byteLength, chars });
		});
	});
}

/** A socket that stays open (the document stays in memory while it does). */
async function holdOpen(name, cookie) {
	const ws = new WebSocket(`ws://127.0.0.1:${port}/collab/${name}`, { headers: { cookie, origin: base } });
	await new Promise((resolve, reject) => {
		ws.once('message', resolve);
		ws.once('error', reject);
	});
	return ws;
}

const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
const range = (values) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;

try {
	await start();
	const cookie = await signIn(base, 'karin@demo.samtavla.se');
	const id = await meetingId(base, cookie);
	const name = `meeting:${id}`;

	// Type the whole trace as one client, then let it be stored and the server restart.
	const doc = new Y.Doc();
	const WS = class extends WebSocket {
		constructor(url, protocols) {
			super(url, protocols, { headers: { cookie, origin: base } });
		}
	};
	const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/collab`, name, doc, { WebSocketPolyfill: WS, disableBc: true });
	await new Promise((resolve) => provider.once('sync', resolve));
	const typed = performance.now();
	typeTrace(doc);
	const typeMs = performance.now() - typed;
	const encoded = Y.encodeStateAsUpdate(doc).byteLength;
	await sleep(2000);
	provider.destroy();
	doc.destroy();
	await stop();

	// The first open after a restart also pays for code the process has not run yet.
	await start();
	await sleep(500);
	const afterRestart = await openOnce(name, cookie);
	const cold = [];
	for (let round = 0; round < ROUNDS; round++) {
		await sleep(UNLOAD_MS + 1000);
		cold.push(await openOnce(name, cookie));
	}
	const last = cold.at(-1);
	const warm = [];
	const holder = await holdOpen(name, cookie); // keeps it in memory
	for (let round = 0; round < ROUNDS; round++) warm.push(await openOnce(name, cookie));
	holder.close();

	const browser = [];
	const htmlFirstByte = [];
	const htmlBytes = [];
	// The browser: a cold meeting page, from navigation to the trace's last words on screen.
	const { chromium } = await import('@playwright/test');
	// As tests/chromium.ts chooses (Node 20 cannot import that .ts file from here).
	const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((p) => p && existsSync(p));
	const chromiumLaunchOptions = { executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] };
	const snippet = trace.endContent.trim().split('\n').filter((line) => line.length > 20).at(-1).slice(0, 30);
	for (let round = 0; round < BROWSER_ROUNDS; round++) {
		await sleep(UNLOAD_MS + 1000);
		const chrome = await chromium.launch(chromiumLaunchOptions);
		const context = await chrome.newContext({ locale: 'sv-SE' });
		await context.addCookies([{ name: cookie.split('=')[0], value: cookie.split('=').slice(1).join('='), url: base }]);
		const page = await context.newPage();
		const t0 = performance.now();
		await page.goto(`${base}/meetings/${id}`, { waitUntil: 'commit' });
		await page.waitForFunction((s) => document.body?.innerText.includes(s), snippet, { polling: 'raf', timeout: 30_000 });
		browser.push(performance.now() - t0);
		// Of which the server making the page (its load reads the document the socket will serve).
		const navigation = await page.evaluate(() => {
			const entry = performance.getEntriesByType('navigation')[0];
			return { responseStart: entry.responseStart, encoded: entry.encodedBodySize, decoded: entry.decodedBodySize };
		});
		htmlFirstByte.push(navigation.responseStart);
		htmlBytes.push(navigation);
		await chrome.close();
	}

	console.log(`\nCold open of a meeting holding the automerge-paper trace (${trace.txns.length.toLocaleString('en')} operations, ${(encoded / 1024).toFixed(0)} KB encoded, ${last.chars.toLocaleString('en')} characters of notes), ${ROUNDS} rounds, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}:\n`);
	console.log('| measure | median | range |\n|---|---|---|');
	console.log(`| typing the trace in one client (one update of ${(encoded / 1024).toFixed(0)} KB) | ${typeMs.toFixed(0)} ms | |`);
	console.log(`| first open after a restart: socket opened → whole document received | ${afterRestart.whole.toFixed(0)} ms | |`);
	console.log(`| cold: socket opened → first sync message (loaded from the database) | ${median(cold.map((c) => c.firstSync)).toFixed(1)} ms | ${range(cold.map((c) => c.firstSync))} ms |`);
	console.log(`| cold: socket opened → whole document received | ${median(cold.map((c) => c.whole)).toFixed(1)} ms | ${range(cold.map((c) => c.whole))} ms |`);
	console.log(`| warm (in memory): socket opened → whole document received | ${median(warm.map((c) => c.whole)).toFixed(1)} ms | ${range(warm.map((c) => c.whole))} ms |`);
	console.log(`| cold, in Chromium: meeting page requested → the page's first byte | ${median(htmlFirstByte).toFixed(0)} ms | ${range(htmlFirstByte)} ms |`);
	const html = htmlBytes.at(-1);
	console.log(`| the page's HTML: sent / as read (Chromium's Accept-Encoding) | ${(html.encoded / 1024).toFixed(0)} KB / ${(html.decoded / 1024).toFixed(0)} KB | |`);
	console.log(`| cold, in Chromium: meeting page requested → the notes' last words on screen | ${median(browser).toFixed(0)} ms | ${range(browser)} ms |`);
	if (cold.some((c) => c.chars !== last.chars)) console.log('\nWARNING: the opens did not all receive the same document.');
} catch (error) {
	console.error(error);
	process.exitCode = 1;
} finally {
	await stop().catch(() => {});
	rmSync(dataDir, { recursive: true, force: true });
}
