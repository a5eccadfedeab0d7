#!/usr/bin/env node
// `npm run bench:side`: Samtavla as shipped against the reference y-websocket server and
// Hocuspocus, same load, same machine, one run (issue 13). Per level and server: a fresh server
// pinned to core 0, load generators pinned to the other cores, every client connected and
// synced, typing warmed up, then a measured window. Figures, never assertions: it exits 1 when
// something fails (a server that does not start, clients that never sync, edits lost), and says
// which, in the table and on stderr.
//
// BENCH_SIDE_LEVELS   clients per level, 5 per meeting (default 500,1000,2000,4000)
// BENCH_SIDE_SECONDS  measured seconds per level (default 20); BENCH_SIDE_WARMUP seconds before (default 10)
// BENCH_SIDE_SERVERS  which servers, by name (default y-websocket,Hocuspocus,Samtavla)
// BENCH_SIDE_OUT      the JSON file with the raw figures (default test-results/side-by-side-<date>.json)
// BENCH_SIDE_PROFILE_DIR  Samtavla (first start per level) writes a V8 CPU profile of its main thread there
// BENCH_SIDE_VERBOSE=1 prints each server's own output after its level (a failing server's is always shown)
//                     and when each level's clients opened and synced (also in the JSON: connectTimeline)
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cores, cpuSeconds, hasTaskset, listenOverflows, openFileLimit, rssMb, spawnPinned } from './processes.mjs';
import { ALL, removeDataDirs } from './targets.mjs';
import { percentile, ratiosTable, resultsTable } from './report.mjs';

const root = new URL('../../../', import.meta.url).pathname;
const here = new URL('.', import.meta.url).pathname;
const CLIENTS_PER_MEETING = 5;
const KEYS_PER_SECOND = 5;

const wholeNumber = (name, fallback, min) => {
	const v = Number(process.env[name] ?? fallback);
	if (!Number.isInteger(v) || v < min) throw new Error(`${name} must be a whole number of at least ${min}`);
	return v;
};
const LEVELS = (process.env.BENCH_SIDE_LEVELS ?? '500,1000,2000,4000').split(',').map((s) => {
	const n = Number(s.trim());
	if (!Number.isInteger(n) || n < CLIENTS_PER_MEETING || n % CLIENTS_PER_MEETING !== 0) throw new Error(`BENCH_SIDE_LEVELS: ${s} is not a multiple of ${CLIENTS_PER_MEETING} clients`);
	return n;
});
const SECONDS = wholeNumber('BENCH_SIDE_SECONDS', 20, 1);
const WARMUP = wholeNumber('BENCH_SIDE_WARMUP', 10, 0);
const wanted = (process.env.BENCH_SIDE_SERVERS ?? ALL.map((s) => s.name).join(',')).split(',').map((s) => s.trim().toLowerCase());
const SERVERS = ALL.filter((s) => wanted.includes(s.name.toLowerCase()));
if (SERVERS.length === 0) throw new Error(`BENCH_SIDE_SERVERS names none of ${ALL.map((s) => s.name).join(', ')}`);
const VERBOSE = process.env.BENCH_SIDE_VERBOSE === '1';
const stamp = new Date().toISOString();
const OUT = process.env.BENCH_SIDE_OUT ?? join(root, 'test-results', `side-by-side-${stamp.slice(0, 19).replaceAll(':', '-')}.json`);

// One generator per core other than the server's (at least one: on one core they share it).
const GENERATOR_CORES = hasTaskset && cores > 1 ? Array.from({ length: cores - 1 }, (_, i) => i + 1) : [null];

/** Started generators, to kill if the run is interrupted. */
const live = new Set();
const liveServers = new Set();

/** A generator process and a way to wait for its next message of a given step. */
function startGenerator(core) {
	const proc = spawnPinned(core, [join(here, 'generator.mjs')], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
	live.add(proc);
	proc.once('exit', () => live.delete(proc));
	const waiting = [];
	proc.on('message', (m) => waiting.shift()?.resolve(m));
	proc.once('exit', (code, signal) => {
		for (const w of waiting.splice(0)) w.reject(new Error(`load generator exited (${code ?? signal})`));
	});
	return {
		proc,
		send: (m) => proc.connected && proc.send(m),
		next: () => new Promise((resolve, reject) => waiting.push({ resolve, reject }))
	};
}

/** Meetings split between the generators: every meeting's five clients in one process (one clock). */
const split = (list, n) => Array.from({ length: n }, (_, g) => list.filter((_, i) => i % n === g));

async function measure(spec, clients) {
	const meetings = clients / CLIENTS_PER_MEETING;
	const started = await spec.start(meetings);
	liveServers.add(started);
	const generators = [];
	try {
		const pid = started.server.proc.pid;
		const idleRss = rssMb(pid);
		const parts = split(started.meetings, Math.min(GENERATOR_CORES.length, meetings));
		for (let g = 0; g < parts.length; g++) generators.push(startGenerator(GENERATOR_CORES[g]));
		// Generous: a saturated server still connects 4,000 clients well within this.
		const syncTimeoutMs = 60_000 + clients * 30;
		// The server's CPU while every client connects: on a shared machine steadier than the wall time.
		const connectCpu0 = cpuSeconds(pid);
		const overflows0 = listenOverflows();
		const synced = await Promise.all(
			generators.map((g, i) => {
				const next = g.next();
				g.send({ go: 'connect', target: started.target, meetings: parts[i], syncTimeoutMs });
				return next;
			})
		);
		const failed = synced.filter((s) => s.step !== 'synced');
		if (failed.length > 0) {
			const total = synced.reduce((n, s) => n + s.total, 0);
			const ok = synced.reduce((n, s) => n + (s.step === 'synced' ? s.total : s.synced), 0);
			const errors = Object.entries(Object.assign({}, ...failed.map((f) => f.errors)))
				.map(([e, n]) => `${n}× ${e}`)
				.join('; ');
			const closed = failed.reduce((n, f) => n + f.closed, 0);
			throw new Error(`${total - ok} of ${total} clients never synced (${closed} closed first; the rest not within ${syncTimeoutMs / 1000} s)${errors ? `: ${errors}` : ''}`);
		}
		const connectMs = Math.max(...synced.map((s) => s.connectMs));
		const connectCpuMs = (cpuSeconds(pid) - connectCpu0) * 1000;
		const connectOverflows = overflows0 === null ? null : listenOverflows() - overflows0;
		// Where the connect time went: when sockets opened (upgrade answered) and synced, per generator.
		const connectTimeline = synced.map((s) => ({ openedMs: s.openedMs, syncedMs: s.syncedMs, generatorCpuMs: Math.round(s.cpuMs) }));
		if (VERBOSE) for (const t of connectTimeline) console.error(`  connect timeline: opened p10/p50/p90/last ${t.openedMs.join(' / ')} ms, synced ${t.syncedMs.join(' / ')} ms, generator CPU ${t.generatorCpuMs} ms`);
		for (const g of generators) g.send({ go: 'type', keysPerSecond: KEYS_PER_SECOND });
		await sleep(WARMUP * 1000);
		if (!started.server.alive()) throw new Error(`${spec.name} exited during the warm-up:\n${started.server.output()}`);
		const cpu0 = cpuSeconds(pid);
		const t0 = performance.now();
		for (const g of generators) g.send({ go: 'measure' });
		await sleep(SECONDS * 1000);
		if (!started.server.alive()) throw new Error(`${spec.name} exited during the measured window:\n${started.server.output()}`);
		const cpu1 = cpuSeconds(pid);
		const wallS = (performance.now() - t0) / 1000;
		const liveRss = rssMb(pid);
		const results = await Promise.all(
			generators.map((g) => {
				const next = g.next();
				g.send({ go: 'stop' });
				return next;
			})
		);
		const latencies = Float64Array.from(results.flatMap((r) => [...r.latencies])).sort();
		const delivered = results.reduce((n, r) => n + r.delivered, 0);
		const expected = results.reduce((n, r) => n + r.expected, 0);
		const cpuS = cpu1 - cpu0;
		const figures = {
			server: spec.name,
			ok: true,
			clients,
			meetings,
			p50: percentile(latencies, 50),
			p99: percentile(latencies, 99),
			max: latencies.length > 0 ? latencies[latencies.length - 1] : NaN,
			samples: latencies.length,
			cpuPercent: (cpuS / wallS) * 100,
			cpuSeconds: cpuS,
			wallSeconds: wallS,
			idleRssMb: idleRss,
			rssMb: liveRss,
			connectMs,
			connectCpuMs,
			connectOverflows,
			connectTimeline,
			editsSent: results.reduce((n, r) => n + r.editsSent, 0),
			delivered,
			expected,
			cpuPerThousand: delivered > 0 ? (cpuS * 1000 * 1000) / delivered : NaN,
			generatorCpu: Math.max(...results.map((r) => r.cpuPercent)),
			generatorCpus: results.map((r) => r.cpuPercent),
			generatorLoopDelayP99Ms: Math.max(...results.map((r) => r.loopDelayP99Ms)),
			closedEarly: results.reduce((n, r) => n + r.closedEarly, 0),
			errors: Object.assign({}, ...results.map((r) => r.errors))
		};
		if (figures.generatorCpu >= 90) console.error(`⚠ ${spec.name} at ${clients} clients: a load generator used ${Math.round(figures.generatorCpu)} % of its core — its timestamps lag, latency figures are too high.`);
		if (figures.closedEarly > 0) console.error(`⚠ ${spec.name} at ${clients} clients: ${figures.closedEarly} sockets closed during the run (${JSON.stringify(figures.errors)}).`);
		if (delivered < expected) console.error(`⚠ ${spec.name} at ${clients} clients: ${expected - delivered} of ${expected} measured deliveries did not arrive within 2 s of the end.`);
		if (started.after) {
			const typed = results.flatMap((r) => r.typed);
			figures.lost = await started.after(typed);
			if (figures.lost.complete < figures.lost.checked) console.error(`✗ ${spec.name} at ${clients} clients lost edits: ${JSON.stringify(figures.lost.missing)}`);
		}
		return figures;
	} finally {
		for (const g of generators) g.proc.kill('SIGKILL');
		await started.server.stop();
		if (VERBOSE) console.error(`--- ${spec.name} at ${clients} clients, its output:\n${started.server.output() || '(nothing)'}`);
		started.cleanup?.();
		liveServers.delete(started);
	}
}

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.once(signal, async () => {
		console.error(`\n${signal}: stopping servers and generators…`);
		for (const g of live) g.kill('SIGKILL');
		for (const s of liveServers) await s.server.stop(5000).catch(() => {});
		removeDataDirs();
		process.exit(130);
	});
}

const build = spawnSync(process.execPath, [join(root, 'server/start.mjs'), '--build-only'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const machine = { date: stamp, node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores, taskset: hasTaskset, generatorCores: GENERATOR_CORES };
console.log(`Side by side: ${SERVERS.map((s) => s.name).join(', ')}; levels ${LEVELS.join(', ')} clients; ${WARMUP} s warm-up + ${SECONDS} s measured each.`);
console.log(`Server on core 0, ${GENERATOR_CORES.length} load generator(s) on ${hasTaskset ? `core(s) ${GENERATOR_CORES.join(', ')}` : 'any core (no taskset)'}.`);
// Each socket is a file descriptor, in the server and in the generator: a limit of 1,024 (a
// common default) fails the larger levels with EMFILE, which is better said before than after.
const fileLimit = openFileLimit();
if (fileLimit !== null && fileLimit < Math.max(...LEVELS) + 200) {
	console.error(`⚠ The open-file limit is ${fileLimit}; the ${Math.max(...LEVELS)}-client level needs about ${Math.max(...LEVELS) + 200} per process (raise it first, e.g. ulimit -n 20000).`);
}
const levels = [];
let failures = 0;
for (const clients of LEVELS) {
	const level = { clients, meetings: clients / CLIENTS_PER_MEETING, results: [] };
	levels.push(level);
	for (const spec of SERVERS) {
		process.stdout.write(`${clients} clients, ${spec.name}… `);
		try {
			const r = await measure(spec, clients);
			level.results.push(r);
			console.log(`p50 ${r.p50.toFixed(2)} / p99 ${r.p99.toFixed(2)} ms, CPU ${Math.round(r.cpuPercent)} %, connect ${Math.round(r.connectMs)} ms (server CPU ${Math.round(r.connectCpuMs)} ms${r.connectOverflows ? `, ${r.connectOverflows} listen-queue overflows` : ''})${r.lost ? `, ${r.lost.complete} of ${r.lost.checked} meetings complete after a restart` : ''}`);
			if (r.lost && r.lost.complete < r.lost.checked) failures++;
		} catch (error) {
			failures++;
			const message = error instanceof Error ? error.message : String(error);
			console.log('FAILED');
			console.error(`✗ ${spec.name} at ${clients} clients: ${message}`);
			level.results.push({ server: spec.name, ok: false, clients, meetings: level.meetings, error: message });
		}
	}
}

const header = `Side by side, ${machine.date.slice(0, 10)}: Node ${machine.node}, ${machine.cpu}, ${machine.cores} cores; server pinned to core 0${hasTaskset ? '' : ' (no taskset: not pinned)'}, ${GENERATOR_CORES.length} load generator process(es); ${WARMUP} s warm-up, ${SECONDS} s measured per level; 5 clients per meeting (1 typist at ${KEYS_PER_SECOND} keys/s with cursor, 1 listening Y.Doc, 3 raw listening sockets).`;
console.log(`\n${header}\n\n${resultsTable(levels)}\n`);
if (SERVERS.some((s) => s.name === 'y-websocket') && SERVERS.some((s) => s.name === 'Samtavla')) console.log(`${ratiosTable(levels, 'y-websocket', 'Samtavla')}\n`);
mkdirSync(join(OUT, '..'), { recursive: true });
writeFileSync(OUT, JSON.stringify({ machine, settings: { levels: LEVELS, seconds: SECONDS, warmup: WARMUP, keysPerSecond: KEYS_PER_SECOND, clientsPerMeeting: CLIENTS_PER_MEETING }, levels }, null, 1));
console.log(`Raw figures: ${OUT}`);
if (failures > 0) {
	console.error(`${failures} run(s) failed or lost edits; see above.`);
	process.exitCode = 1;
}
