#!/usr/bin/env node
// `npm run bench:idle-rss`: resident memory of the production server at rest (issue 13: under
// 150 MB with the embedded database, under 100 MB with DATABASE_URL).
//
// Starts build/node/server/index.js (what `npm start` runs) on a fresh data dir, seeds the demo,
// waits until it answers, warms it as a first visitor would (sign-in page, sign in, the boards,
// one meeting page and its websocket, which is then closed), lets it settle and reads VmRSS from
// /proc/<pid>/status: one process, so PGlite's worker thread and its WebAssembly memory count.
// Then the same against DATABASE_URL when it is reachable. Figures, never assertions.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { meetingId, signIn } from './demo-session.mjs';
import { benchNodeEnv, benchNodeFlags } from './start-flags.mjs';

const root = new URL('../..', import.meta.url).pathname;
const SETTLE_MS = Number(process.env.BENCH_IDLE_SETTLE_MS ?? 10000);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/samtavla_idle_rss';
const nodeArgs = benchNodeFlags();
const nodeEnv = benchNodeEnv();

/** VmRSS and friends of `pid` in MB (Linux). */
function memoryOf(pid) {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
	return { rss: Math.round(kb('VmRSS') / 1024), anon: Math.round(kb('RssAnon') / 1024), file: Math.round(kb('RssFile') / 1024), threads: Number(/^Threads:\s+(\d+)/m.exec(status)?.[1]) };
}

/** BENCH_IDLE_SMAPS=1: where the resident memory is, by mapping (file name or [anon]), largest first. */
function printMappings(label, pid) {
	const totals = new Map();
	let name = '';
	for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
		const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
		if (head) name = head[1] || '[anon]';
		const rss = /^Rss:\s+(\d+) kB/.exec(line);
		if (rss) totals.set(name, (totals.get(name) ?? 0) + Number(rss[1]));
	}
	console.error(`\n${label}: resident memory by mapping (MB)`);
	for (const [n, kb] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.error(`  ${(kb / 1024).toFixed(1).padStart(6)}  ${n}`);
}

async function measure(label, extraEnv) {
	const port = 3300 + Math.floor(Math.random() * 500);
	const base = `http://127.0.0.1:${port}`;
	const dataDir = mkdtempSync(join(tmpdir(), 'samtavla-idle-'));
	const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ORIGIN: base, ...nodeEnv, ...extraEnv };
	delete env.REDIS_URL;
	if (env.DATABASE_URL) spawnSync(process.execPath, [join(root, 'build/node/server/migrate.js')], { env, stdio: 'ignore' });
	spawnSync(process.execPath, [join(root, 'build/node/server/seed.js')], { env, stdio: 'ignore' });
	const server = spawn(process.execPath, [...nodeArgs, join(root, 'build/node/server/index.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
	try {
		let up = false;
		for (let i = 0; i < 600 && !up; i++) {
			try {
				up = (await fetch(base + '/signin')).ok;
			} catch {}
			if (!up) await sleep(100);
		}
		if (!up) throw new Error(`${label}: server did not start`);
		await sleep(SETTLE_MS);
		const started = memoryOf(server.pid);
		// A first visitor: the sign-in page, sign in, the boards, one meeting and its live document.
		const cookie = await signIn(base, 'karin@demo.samtavla.se');
		const meeting = await meetingId(base, cookie);
		await (await fetch(`${base}/meetings/${meeting}`, { headers: { cookie } })).text();
		const ws = new WebSocket(`ws://127.0.0.1:${port}/collab/meeting:${meeting}`, { headers: { cookie, origin: base } });
		await new Promise((resolve) => {
			ws.once('message', resolve);
			ws.once('error', resolve);
			ws.once('close', resolve);
		});
		ws.close();
		for (let i = 0; i < 5; i++) await (await fetch(base + '/signin')).text();
		await sleep(SETTLE_MS);
		if (process.env.BENCH_IDLE_SMAPS) printMappings(label, server.pid);
		return { label, started, warmed: memoryOf(server.pid) };
	} finally {
		const exited = new Promise((resolve) => server.once('exit', resolve));
		server.kill('SIGTERM');
		await exited;
		rmSync(dataDir, { recursive: true, force: true });
	}
}

/** DATABASE_URL's database is created (and emptied) for the run when PostgreSQL answers. */
function freshDatabase() {
	const url = new URL(DATABASE_URL);
	const name = url.pathname.slice(1);
	const args = ['-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres'];
	spawnSync('dropdb', [...args, '--if-exists', name], { stdio: 'ignore' });
	return spawnSync('createdb', [...args, name], { stdio: 'ignore' }).status === 0;
}

if (spawnSync(process.execPath, [join(root, 'server/start.mjs'), '--build-only'], { stdio: 'inherit' }).status !== 0) process.exit(1);
const rows = [await measure('embedded PGlite (worker thread)', {})];
if (freshDatabase()) rows.push(await measure('DATABASE_URL (PostgreSQL)', { DATABASE_URL }));
else console.error(`(PostgreSQL at ${DATABASE_URL} not reachable: only the embedded database is measured)`);

console.log(`\nIdle resident memory (VmRSS of the one server process, worker thread included; ${SETTLE_MS / 1000} s settle)${nodeArgs.length ? `, node ${nodeArgs.join(' ')}` : ''}${Object.keys(nodeEnv).length ? `, ${Object.entries(nodeEnv).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''}\n`);
console.log('| database | after start | after a first visitor | of which anonymous / file-backed |\n|---|---|---|---|');
for (const r of rows) console.log(`| ${r.label} | ${r.started.rss} MB | ${r.warmed.rss} MB | ${r.warmed.anon} / ${r.warmed.file} MB |`);
