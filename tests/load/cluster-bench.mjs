#!/usr/bin/env node
// `npm run bench` (last part): two instances of the production build over a real PostgreSQL and
// Redis, driven like tests/load/run-bench.mjs drives one: a fresh database of its own, migrated
// and seeded with the demo, sign-in through the real form, stock y-websocket clients split
// evenly between the instances, all in one meeting. Prints a Markdown table — figures, never
// assertions; it exits 1 when something fails or the result is wrong (texts differ, edits lost).
//
// BENCH_DATABASE_URL  admin URL of a PostgreSQL server (default postgres://postgres@127.0.0.1:5432/test);
//                     a database samtavla_bench_<random> is created on it and dropped at the end
// BENCH_REDIS_URL     Redis 6.2+ (default redis://127.0.0.1:6379); only the benchmark meeting's keys
//                     are touched, and deleted at the end
// BENCH_CLIENTS       y-websocket clients, split between the two instances (default 20)
// BENCH_EDITS         sequential edits for the latency figures, and characters each client types (default 200)
// Either server unreachable: one line saying the benchmark is skipped, exit 0.
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { meetingId, signIn } from './demo-session.mjs';

process.setMaxListeners(200);
const root = new URL('../..', import.meta.url).pathname;
const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const EDITS = Number(process.env.BENCH_EDITS ?? 200);
if (!Number.isInteger(CLIENTS) || CLIENTS < 2) throw new Error('BENCH_CLIENTS must be a whole number of at least 2');
if (!Number.isInteger(EDITS) || EDITS < 1) throw new Error('BENCH_EDITS must be a whole number of at least 1');

const redact = (url) => {
	const u = new URL(url);
	if (u.password) u.password = '***';
	return u.toString();
};
const skip = (why) => {
	console.log(`Cluster benchmark skipped: ${why}.`);
	process.exit(0);
};
const reason = (error) => (error instanceof Error ? error.message || error.code || error.name : String(error)) || 'no answer';

// --- Reachability: skipped, not failed, on a machine without PostgreSQL or Redis. -------------
/** Rejects after `ms` (a server that accepts TCP but never answers would otherwise hang the probe). */
const answerWithin = (ms, promise) =>
	Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms).unref())]);
{
	const probe = postgres(ADMIN_URL, { max: 1, connect_timeout: 5, onnotice: () => {} });
	try {
		await answerWithin(10_000, probe`select 1`);
	} catch (error) {
		skip(`cannot use PostgreSQL at ${redact(ADMIN_URL)} (${reason(error)})`);
	}
	await probe.end({ timeout: 1 }).catch(() => {});
	let lastError = null;
	const r = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 5000, retryStrategy: () => null, maxRetriesPerRequest: 0 });
	r.on('error', (error) => (lastError = error));
	try {
		await answerWithin(10_000, r.connect().then(() => r.ping()).then((pong) => {
			if (pong !== 'PONG') throw new Error(`PING answered ${pong}`);
		}));
	} catch (error) {
		skip(`cannot use Redis at ${redact(REDIS_URL)} (${reason(lastError ?? error)})`);
	} finally {
		r.disconnect();
	}
}

const build = spawnSync(process.execPath, [join(root, 'server/start.mjs'), '--build-only'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

// --- Everything below is undone by cleanup(), whatever happens. -------------------------------
const dbName = `samtavla_bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
const dbUrl = (() => {
	const u = new URL(ADMIN_URL);
	u.pathname = `/${dbName}`;
	return u.toString();
})();
let dbCreated = false;
let benchDb = null; // a connection to the bench database, for reading what was stored
let docName = null; // the meeting document, whose Redis keys are deleted at the end
/** @type {Set<Instance>} */
const running = new Set();
/** @type {Array<{ close: () => void }>} */
const openClients = [];

const baseEnv = { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: dbUrl };
for (const k of ['SUPABASE_URL', 'SUPABASE_SERVICE_ROLE_KEY', 'REDIS_URL', 'DATA_DIR', 'PORT', 'ORIGIN']) delete baseEnv[k];

async function freePort() {
	const server = net.createServer();
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	const { port } = server.address();
	await new Promise((r) => server.close(r));
	return port;
}

/**
 * @typedef {{ name: string, port: number, base: string, proc: import('node:child_process').ChildProcess, output: () => string, rssMb: () => number, stop: () => Promise<void> }} Instance
 */
/** One server process; resolves once /healthz says the database and Redis answer. */
async function startInstance(name, port) {
	const base = `http://127.0.0.1:${port}`;
	const proc = spawn(process.execPath, [join(root, 'build/node/server/index.js')], {
		env: { ...baseEnv, PORT: String(port), ORIGIN: base, REDIS_URL },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	const keep = (d) => (out = (out + d).slice(-20_000));
	proc.stdout.on('data', keep);
	proc.stderr.on('data', keep);
	const exited = new Promise((r) => proc.once('exit', r));
	const instance = {
		name,
		port,
		base,
		proc,
		output: () => out,
		rssMb() {
			const status = readFileSync(`/proc/${proc.pid}/status`, 'utf8');
			return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024);
		},
		/** SIGTERM (the instance stores every open document), SIGKILL after 30 s. */
		async stop() {
			if (proc.exitCode === null && proc.signalCode === null) {
				proc.kill('SIGTERM');
				const killed = setTimeout(() => proc.kill('SIGKILL'), 30_000);
				await exited;
				clearTimeout(killed);
			}
			running.delete(instance);
		}
	};
	running.add(instance);
	for (let i = 0; ; i++) {
		if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`instance ${name} exited (${proc.exitCode ?? proc.signalCode}):\n${out}`);
		if (i >= 600) throw new Error(`instance ${name} did not become healthy in 60 s:\n${out}`);
		try {
			if ((await fetch(base + '/healthz')).ok) return instance;
		} catch {}
		await sleep(100);
	}
}

/** A stock y-websocket client on `instance`, sending that instance's own Origin (as a browser on it would). */
function connect(instance, name, cookie) {
	const doc = new Y.Doc();
	const WS = class extends WebSocket {
		constructor(url, protocols) {
			super(url, protocols, { headers: { cookie, origin: instance.base } });
		}
	};
	const provider = new WebsocketProvider(`ws://127.0.0.1:${instance.port}/collab`, name, doc, { WebSocketPolyfill: WS, disableBc: true });
	const synced = new Promise((resolve) => provider.once('sync', resolve));
	const client = {
		instance,
		doc,
		provider,
		synced,
		// The doc too: its awareness keeps an interval running until the doc is destroyed.
		close() {
			provider.destroy();
			doc.destroy();
		}
	};
	openClients.push(client);
	return client;
}

/** Resolves with performance.now() at the moment `doc`'s benchmeta marker equals `marker`. */
function seenAt(doc, marker) {
	return new Promise((resolve) => {
		const check = () => {
			if (doc.getMap('meta').get('marker') === marker) {
				doc.off('update', check);
				resolve(performance.now());
			}
		};
		doc.on('update', check);
		check();
	});
}

async function within(ms, what, promise) {
	let timer;
	const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms)));
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/** The document's 'minutes' text as PostgreSQL holds it (snapshot + later updates, one statement). */
async function storedText(name) {
	const rows = await benchDb`
		select 0 as part, state as data, last_update_id as id from doc_snapshots where doc_name = ${name}
		union all
		select 1, update, id from doc_updates
		where doc_name = ${name} and id > coalesce((select last_update_id from doc_snapshots where doc_name = ${name}), 0)
		order by part, id`;
	const doc = new Y.Doc();
	for (const row of rows) Y.applyUpdate(doc, row.data);
	const text = doc.getText('minutes').toString();
	doc.destroy();
	return text;
}

const pct = (values, p) => values.slice().sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const ms = (v) => `${Math.round(v)} ms`;

let cleaning = null;
function cleanup() {
	cleaning ??= (async () => {
		for (const c of openClients.splice(0)) c.close();
		await Promise.all([...running].map((i) => i.stop().catch(() => i.proc.kill('SIGKILL'))));
		if (benchDb) await benchDb.end({ timeout: 5 }).catch(() => {});
		if (docName) {
			const r = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 5000, retryStrategy: () => null, maxRetriesPerRequest: 0 });
			r.on('error', () => {});
			try {
				await r.connect();
				const keys = await docKeys(r, docName);
				if (keys.length > 0) await r.del(...keys);
			} catch (error) {
				console.error(`Could not delete the benchmark's Redis keys: ${reason(error)}`);
			} finally {
				r.disconnect();
			}
		}
		if (dbCreated) {
			const admin = postgres(ADMIN_URL, { max: 1, connect_timeout: 5, onnotice: () => {} });
			try {
				await admin.unsafe(`drop database if exists ${dbName} with (force)`);
			} catch (error) {
				console.error(`Could not drop the benchmark database ${dbName}: ${reason(error)}`);
			} finally {
				await admin.end({ timeout: 5 }).catch(() => {});
			}
		}
	})();
	return cleaning;
}
/** Every Redis key of one document (stream, stored-up-to mark, lease): `samtavla:{<doc>}:*`. */
async function docKeys(r, name) {
	const pattern = `samtavla:{${name.replace(/[*?[\]\\]/g, '\\$&')}}:*`;
	const found = [];
	let cursor = '0';
	do {
		const [next, batch] = await r.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
		cursor = next;
		found.push(...batch);
	} while (cursor !== '0');
	return found;
}
// Interrupted: still stop the instances and drop the database. A crash of this process at the
// very least takes the instances with it.
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.once(signal, () => {
		console.error(`\n${signal}: cleaning up…`);
		cleanup().finally(() => process.exit(130));
	});
}
process.once('exit', () => {
	for (const i of running) i.proc.kill('SIGKILL');
});

try {
	// --- A fresh database, migrated and seeded by the build's own commands. --------------------
	const admin = postgres(ADMIN_URL, { max: 1, connect_timeout: 5, onnotice: () => {} });
	try {
		await admin.unsafe(`create database ${dbName}`);
		dbCreated = true;
	} finally {
		await admin.end({ timeout: 5 });
	}
	for (const script of ['migrate.js', 'seed.js']) {
		const run = spawnSync(process.execPath, [join(root, 'build/node/server', script)], { env: baseEnv, encoding: 'utf8' });
		if (run.status !== 0) throw new Error(`${script} failed (${run.status ?? run.signal}):\n${run.stdout}${run.stderr}`);
	}
	benchDb = postgres(dbUrl, { max: 1, onnotice: () => {} });

	// --- Two instances, idle. ------------------------------------------------------------------
	const [portA, portB] = [await freePort(), await freePort()];
	const [a, b] = await Promise.all([startInstance('A', portA), startInstance('B', portB)]);
	await sleep(1500);
	const idle = [a.rssMb(), b.rssMb()];

	// Each instance's own sign-in form (the session is in the shared database, so either works).
	const cookieA = await signIn(a.base, 'karin@demo.samtavla.se');
	const cookieB = await signIn(b.base, 'karin@demo.samtavla.se');
	const id = await meetingId(a.base, cookieA);
	const name = `meeting:${id}`;
	docName = name;

	// --- Clients: the first half on A, the rest on B. ------------------------------------------
	const onA = Math.ceil(CLIENTS / 2);
	const t0 = performance.now();
	const clients = Array.from({ length: CLIENTS }, (_, i) => (i < onA ? connect(a, name, cookieA) : connect(b, name, cookieB)));
	await within(60_000, 'every client synced', Promise.all(clients.map((c) => c.synced)));
	const joinMs = performance.now() - t0;

	// --- Latency: rotating writers; the time until every other client on the writer's instance,
	// and every client on the other instance, has the edit. ------------------------------------
	const same = [];
	const other = [];
	for (let i = 0; i < EDITS; i++) {
		const writer = clients[i % CLIENTS];
		const marker = `m${i}`;
		const sameClients = clients.filter((c) => c !== writer && c.instance === writer.instance);
		const otherClients = clients.filter((c) => c.instance !== writer.instance);
		const sameSeen = Promise.all(sameClients.map((c) => seenAt(c.doc, marker)));
		const otherSeen = Promise.all(otherClients.map((c) => seenAt(c.doc, marker)));
		const start = performance.now();
		writer.doc.getMap('meta').set('marker', marker);
		const [s, o] = await within(10_000, `edit ${i} seen by every client`, Promise.all([sameSeen, otherSeen]));
		if (s.length > 0) same.push(Math.max(...s) - start);
		other.push(Math.max(...o) - start);
	}

	// --- Throughput: every client types EDITS characters as fast as it can. -------------------
	const total = CLIENTS * EDITS;
	const t1 = performance.now();
	clients.forEach((c, i) => {
		const text = c.doc.getText('minutes');
		for (let k = 0; k < EDITS; k++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
	});
	const convergeDeadline = Date.now() + 120_000;
	while (clients.some((c) => c.doc.getText('minutes').length < total)) {
		if (Date.now() > convergeDeadline) {
			const lengths = clients.map((c) => `${c.instance.name}:${c.doc.getText('minutes').length}`).join(' ');
			throw new Error(`edits did not converge in 120 s (expected ${total} characters; clients have ${lengths})`);
		}
		await sleep(10);
	}
	const convergeMs = performance.now() - t1;
	const final = clients[0].doc.getText('minutes').toString();
	const differing = clients.filter((c) => c.doc.getText('minutes').toString() !== final).length;
	if (differing > 0) throw new Error(`${differing} of ${CLIENTS} clients hold a different text after converging`);

	// --- Persistence lag: until PostgreSQL holds exactly what the clients hold. ---------------
	const t2 = performance.now();
	let storedMs = null;
	while (performance.now() - t2 < 30_000) {
		if ((await storedText(name)) === final) {
			storedMs = performance.now() - t2;
			break;
		}
		await sleep(20);
	}
	await sleep(500);
	const live = [a.rssMb(), b.rssMb()];

	// --- The clients leave; both instances stop (SIGTERM stores every open document). Redis
	// forgets the document, so a restarted instance can only get the text from the database. ---
	for (const c of openClients.splice(0)) c.close();
	const t3 = performance.now();
	await Promise.all([a.stop(), b.stop()]);
	const stopMs = performance.now() - t3;
	const r = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
	r.on('error', () => {});
	try {
		const keys = await docKeys(r, name);
		if (keys.length > 0) await r.del(...keys);
	} finally {
		r.disconnect();
	}
	const again = await startInstance('A (restarted)', portA);
	const reader = connect(again, name, cookieA);
	await within(30_000, 'the reader synced with the restarted instance', reader.synced);
	const reloaded = reader.doc.getText('minutes').toString();
	const allStored = reloaded === final;
	openClients.splice(openClients.indexOf(reader), 1);
	reader.close();

	const perInstance = `${onA} on A, ${CLIENTS - onA} on B`;
	console.log('\n| measure (2 instances, PostgreSQL + Redis) | value |\n|---|---|');
	console.log(`| resident memory, idle after start, instance A / B | ${idle[0]} / ${idle[1]} MB |`);
	console.log(`| resident memory, one live meeting with ${CLIENTS} clients (${perInstance}), instance A / B | ${live[0]} / ${live[1]} MB |`);
	console.log(`| ${CLIENTS} clients (${perInstance}) connect and sync | ${ms(joinMs)} |`);
	console.log(
		same.length > 0
			? `| edit seen by the other clients on the same instance, median / p95 | ${pct(same, 50).toFixed(1)} / ${pct(same, 95).toFixed(1)} ms |`
			: `| edit seen by the other clients on the same instance | n/a (one client per instance) |`
	);
	console.log(`| edit seen by the clients on the other instance, median / p95 | ${pct(other, 50).toFixed(1)} / ${pct(other, 95).toFixed(1)} ms |`);
	console.log(`| ${total} concurrent single-character edits converge on every client, both instances | ${ms(convergeMs)} (${Math.round(total / (convergeMs / 1000))} edits/s) |`);
	console.log(`| all ${total} edits in PostgreSQL, after they converged | ${storedMs === null ? 'not within 30 s' : ms(storedMs)} |`);
	console.log(`| both instances stop (SIGTERM) after the clients leave | ${ms(stopMs)} |`);
	console.log(`| all edits stored (a restarted instance, Redis emptied, serves the full text) | ${allStored ? 'yes' : `no (${reloaded.length} of ${final.length} characters)`} |`);
	if (!allStored || storedMs === null) {
		for (const i of [a, b, again]) console.error(`--- instance ${i.name} (${i.base}) log:\n${i.output()}`);
		process.exitCode = 1;
	}
} catch (error) {
	console.error(error);
	for (const i of running) console.error(`--- instance ${i.name} (${i.base}) log:\n${i.output()}`);
	process.exitCode = 1;
} finally {
	await cleanup();
}
