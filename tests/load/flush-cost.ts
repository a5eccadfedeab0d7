// What one flush tick of the update log costs on the embedded database, with many live
// documents dirty at once: D documents each with one merged update (a few keystrokes), written
// either as today's one `docs.append` per document or, when the store has it, one
// `docs.appendMany` for all of them. PGlite runs on the calling thread, so the wall time of a
// tick is the time the event loop is blocked. Prints figures, never assertions.
// With FLUSH_COST_THREAD=worker the database runs in its worker thread (as the server runs it):
// the tick then takes as long, but the event loop stays free; the longest stall of a 1 ms timer
// during the ticks says how long a broadcast could have been held up.
// With FLUSH_COST_ON_DISK=1 the database lives in a new directory on disk, as the server's does
// (write-ahead log and data files written through the file system), instead of in memory.
// FLUSH_COST_BATCHED_ONLY=1 skips the slow one-statement-per-document variant.
// Run: npx tsx tests/load/flush-cost.ts [documents per tick, default 400] [ticks, default 20]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStore } from '../../src/lib/server/store/index.js';

const DOCS = Number(process.argv[2] ?? 400);
const TICKS = Number(process.argv[3] ?? 20);
const root = new URL('../..', import.meta.url).pathname;
const thread = process.env.FLUSH_COST_THREAD === 'worker' ? 'worker' : 'main';
const onDisk = process.env.FLUSH_COST_ON_DISK === '1' ? mkdtempSync(join(tmpdir(), 'samtavla-flush-cost-')) : undefined;
const { store } = await createStore({ dataDir: onDisk ?? '', databaseUrl: undefined }, { migrationsDir: resolve(root, 'supabase/migrations'), inMemory: !onDisk, pgliteThread: thread });
const names = Array.from({ length: DOCS }, (_, i) => `meeting:bench-${i}`);
const update = () => crypto.getRandomValues(new Uint8Array(60));

async function perDocument(): Promise<void> {
	for (const name of names) await store.docs.append(name, [{ update: update(), author: null }]);
}
async function batched(): Promise<void> {
	const docs = store.docs as typeof store.docs & { appendMany?: (b: Array<{ docName: string; updates: Array<{ update: Uint8Array; author: null }> }>) => Promise<unknown> };
	await docs.appendMany!(names.map((docName) => ({ docName, updates: [{ update: update(), author: null }] })));
}

async function time(label: string, tick: () => Promise<void>): Promise<void> {
	await tick(); // warm-up: plans cached, pages in
	const ms: number[] = [];
	const cpuBefore = process.cpuUsage();
	let last = performance.now();
	let stall = 0;
	const probe = setInterval(() => {
		const now = performance.now();
		stall = Math.max(stall, now - last);
		last = now;
	}, 1);
	for (let t = 0; t < TICKS; t++) {
		const start = performance.now();
		await tick();
		ms.push(performance.now() - start);
		// Let the probe run: a stall is only seen once the loop is free again.
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
	clearInterval(probe);
	const cpu = process.cpuUsage(cpuBefore);
	const cpuPerTick = (cpu.user + cpu.system) / 1000 / TICKS;
	ms.sort((a, b) => a - b);
	const median = ms[Math.floor(ms.length / 2)];
	console.log(`${label}: ${DOCS} documents per tick, median ${median.toFixed(1)} ms per tick (min ${ms[0].toFixed(1)}, max ${ms[ms.length - 1].toFixed(1)}), ${((median * 1000) / DOCS).toFixed(0)} µs per document; longest event-loop stall ${stall.toFixed(0)} ms (${thread} thread); process CPU ${cpuPerTick.toFixed(1)} ms per tick${onDisk ? ', on disk' : ', in memory'}`);
}

if (process.env.FLUSH_COST_BATCHED_ONLY !== '1') await time('one docs.append per document', perDocument);
if ('appendMany' in store.docs) await time('one docs.appendMany per tick', batched);
await store.close?.();
if (onDisk) rmSync(onDisk, { recursive: true, force: true });
