import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { SqlExecutor } from '../sql/executor.js';
import { BYTEA_ARRAY, parseBytea, parseByteaArray, serializeBytea } from './bytea.js';
import { releaseStartupFiles, type ReleasedStartupFiles } from './startup-files.js';

/**
 * The embedded database in a worker thread (issue 13, point 1). PGlite runs PostgreSQL as
 * WebAssembly on whatever thread calls it: on the server's own thread a slow statement delays
 * every websocket broadcast behind it (a profile at 2,000 clients showed ~40 % of the busy time
 * in PGlite). Here it runs in its own thread and the server only posts SQL and awaits rows.
 *
 * The protocol: `query` / `exec` (optionally inside transaction `tx`), `begin` / `commit` /
 * `rollback` of an interactive transaction (the caller awaits between its statements, as with
 * PGlite's own `transaction`), `close`. Errors come back with their fields (`code` is what the
 * adapters map to FencedOutError and the like). If the worker dies, every waiting and later call
 * fails at once with one clear error and `onDied` is told: nothing waits for ever.
 *
 * The worker's code is CommonJS evaluated from a string, like create-data-dir.ts's child, so it
 * needs no module loader set-up under vitest, tsx or the build.
 *
 * bytea goes through Node's hex codec (bytea.ts), and the bytes of a result are moved to the
 * server's thread (transferred), not copied: a long meeting's snapshot is hundreds of KB.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite, types } = require(workerData.entry);
const parseBytea = ${parseBytea.toString()};
const serializeBytea = ${serializeBytea.toString()};
const parseByteaArray = ${parseByteaArray.toString()};
const releaseStartupFiles = ${releaseStartupFiles.toString()};
const parsers = { [types.BYTEA]: (text) => parseBytea(text, types.parsers[types.BYTEA]) };
// Per query: PGlite sets its own array parsers after the options given at start.
const queryOptions = { parsers: { ${BYTEA_ARRAY}: (text) => parseByteaArray(text, (t) => types.arrayParser(t, parsers[types.BYTEA], ${BYTEA_ARRAY})) } };
const serializers = { [types.BYTEA]: (value) => serializeBytea(value, types.serializers[types.BYTEA]) };
// Every Uint8Array in a result is a bytea value with a buffer of its own (parseBytea).
const buffersOf = (rows) => {
	const out = new Set();
	const add = (v) => {
		if (v instanceof Uint8Array) out.add(v.buffer);
		else if (Array.isArray(v)) v.forEach(add);
	};
	if (Array.isArray(rows)) for (const row of rows) if (row && typeof row === 'object') Object.values(row).forEach(add);
	return [...out];
};
const errorOf = (e) => {
	const out = { message: String((e && e.message) || e), name: (e && e.name) || 'Error' };
	if (e && typeof e === 'object') for (const [k, v] of Object.entries(e)) if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) out[k] = v;
	return out;
};
(async () => {
	const { dataDir, template, settings, niceness } = workerData;
	const db = new PGlite({ dataDir, loadDataDir: template ? new Blob([template]) : undefined, postgresqlconf: settings, parsers, serializers });
	await db.waitReady;
	// Most of PGlite's data file is never read again (startup-files.ts). A failure here costs
	// memory, never the database: it is reported and the worker goes on.
	let startupFiles;
	try {
		startupFiles = releaseStartupFiles(db.Module);
	} catch (e) {
		startupFiles = { error: String((e && e.message) || e) };
	}
	// PGlite read its 9 MB .wasm and 6 MB data files into buffers to start; they are garbage now,
	// but an idle worker allocates nothing, so V8 would keep them for hours: collect once, here.
	require('node:v8').setFlagsFromString('--expose-gc');
	require('node:vm').runInNewContext('gc')();
	// Storage gives way to the server's own thread (see WORKER_NICENESS). Linux only: elsewhere
	// /proc/thread-self does not exist and the worker keeps the process's priority.
	let tid = null;
	try {
		const os = require('node:os');
		const self = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
		os.setPriority(self, Math.min(19, os.getPriority(self) + niceness));
		tid = self;
	} catch {}
	const open = new Map();
	const on = (tx) => {
		if (!tx) return db;
		const t = open.get(tx);
		if (!t) throw new Error('no open transaction ' + tx);
		return t.tx;
	};
	async function run(m) {
		switch (m.op) {
			case 'query': return (await on(m.tx).query(m.text, m.params, queryOptions)).rows;
			case 'exec': return void (await on(m.tx).exec(m.text));
			case 'begin': return new Promise((started, failed) => {
				let entered = false;
				const finished = db.transaction((tx) => new Promise((resolve, reject) => {
					entered = true;
					open.set(m.tx, { tx, resolve, reject, finished });
					started();
				}));
				finished.catch((e) => { if (!entered) failed(e); });
			});
			case 'commit': {
				const t = open.get(m.tx);
				open.delete(m.tx);
				t.resolve();
				return void (await t.finished);
			}
			case 'rollback': {
				const t = open.get(m.tx);
				if (!t) return;
				open.delete(m.tx);
				t.reject(new Error('rolled back'));
				return void (await t.finished.catch(() => {}));
			}
			case 'close': return void (await db.close());
			case 'crash': process.exit(3); // tests: the worker dying
		}
	}
	parentPort.on('message', (m) => {
		run(m).then(
			(rows) => parentPort.postMessage({ id: m.id, rows }, buffersOf(rows)),
			(e) => parentPort.postMessage({ id: m.id, error: errorOf(e) })
		);
	});
	parentPort.postMessage({ ready: true, tid, startupFiles });
})().catch((e) => parentPort.postMessage({ failed: errorOf(e) }));
`;

type Op = 'query' | 'exec' | 'begin' | 'commit' | 'rollback' | 'close' | 'crash';

interface Reply {
	id?: number;
	ready?: boolean;
	/** With `ready`: the worker's thread id in the operating system, when its priority was lowered. */
	tid?: number | null;
	/** With `ready`: what releaseStartupFiles did (null: it found nothing to release). */
	startupFiles?: ReleasedStartupFiles | { error: string } | null;
	rows?: unknown;
	error?: Record<string, unknown> & { message: string };
	failed?: { message: string };
}

export interface PgliteWorkerOptions {
	/** Directory of the database (already created: create-data-dir.ts); undefined keeps it in memory. */
	dataDir?: string;
	/** A `dumpDataDir()` tarball to start from (tests). */
	template?: Blob;
	settings: string[];
	/** The worker died (or failed to start): every call fails from now on. */
	onDied?: (error: Error) => void;
}

/** The database error as the adapters know it: an Error with the worker's fields (`code`, `detail`…). */
function errorFrom(fields: Record<string, unknown> & { message: string }): Error {
	const { message, ...rest } = fields;
	return Object.assign(new Error(message), rest);
}

/** An executor for the test hook that kills the worker (the dying worker test). */
export interface PgliteWorkerExecutor extends SqlExecutor {
	/** The worker's thread id in the operating system (Linux), null where its priority could not be lowered. */
	readonly osThreadId: number | null;
	/** What the worker released of PGlite's data file once open (startup-files.ts). */
	readonly startupFiles: ReleasedStartupFiles | { error: string } | null;
	/** Tests only: the worker exits at once, as if it crashed. */
	crashForTest(): Promise<void>;
}

/**
 * PostgreSQL's 9 MB of WebAssembly is compiled by Liftoff only: by default V8 also compiles every
 * hot function again with TurboFan and keeps both, ~50 MB more resident memory for ~4 % faster
 * queries (tests/load/pglite-memory.mjs, tests/load/idle-rss.mjs). V8's flags are per process and
 * read when a module is compiled, so this must run before the worker compiles PGlite; the server
 * itself runs no WebAssembly (argon2 is native).
 */
function compileWasmSmall(): void {
	setFlagsFromString('--liftoff-only');
}

/**
 * The worker's JavaScript only passes SQL and rows: a small young generation (V8's default lets it
 * grow to 48 MB) is plenty and stays small when idle.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 6 };

/**
 * How much lower than the server's thread the worker runs (nice, relative; Linux). With the
 * server on one core the two threads share it, and a storage write of 800 meetings' updates
 * (60-120 ms) took the core from websocket fan-out for its whole length. One step of nice is about
 * 1.25x less CPU share when both want it: at 10 the worker gets about a tenth of a contended
 * core, all of an idle one, so storage still keeps up (the flush tick stretches while writes are
 * slow). 4,000 clients (bench:side), four runs each way: p99 155-237 ms against 202-316 ms
 * without it, and connecting 3.2-3.6 s against 3.6-4.8 s.
 */
export const WORKER_NICENESS = 10;

export async function openPgliteWorker(options: PgliteWorkerOptions): Promise<PgliteWorkerExecutor> {
	compileWasmSmall();
	const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
	const template = options.template ? await options.template.arrayBuffer() : undefined;
	const worker = new Worker(WORKER, {
		eval: true,
		resourceLimits: WORKER_LIMITS,
		workerData: { entry, dataDir: options.dataDir, template, settings: options.settings, niceness: WORKER_NICENESS },
		transferList: template ? [template] : []
	});
	const pending = new Map<number, { resolve(rows: unknown): void; reject(error: Error): void }>();
	let dead: Error | null = null;
	let closing = false;
	let nextId = 0;
	let nextTx = 0;

	const died = (error: Error) => {
		if (dead) return;
		dead = error;
		for (const p of pending.values()) p.reject(error);
		pending.clear();
		if (!closing) options.onDied?.(error);
	};
	let osThreadId: number | null = null;
	let startupFiles: PgliteWorkerExecutor['startupFiles'] = null;
	const started = new Promise<void>((resolve, reject) => {
		worker.on('message', (reply: Reply) => {
			if (reply.ready) {
				osThreadId = reply.tid ?? null;
				startupFiles = reply.startupFiles ?? null;
				return resolve();
			}
			if (reply.failed) {
				reject(errorFrom(reply.failed));
				return void worker.terminate();
			}
			const waiting = pending.get(reply.id!);
			pending.delete(reply.id!);
			if (reply.error) waiting?.reject(errorFrom(reply.error));
			else waiting?.resolve(reply.rows);
		});
		worker.once('error', (error) => {
			reject(error);
			died(new Error(`the embedded database's worker failed: ${error.message}`));
		});
		worker.once('exit', (code) => {
			reject(new Error(`the embedded database's worker exited while starting (code ${code})`));
			died(new Error(`the embedded database's worker stopped (exit code ${code}); database calls fail until the server restarts`));
		});
	});
	await started;

	const send = (op: Op, extra: { text?: string; params?: unknown[]; tx?: number } = {}) =>
		new Promise<unknown>((resolve, reject) => {
			if (dead) return reject(dead);
			const id = ++nextId;
			pending.set(id, { resolve, reject });
			worker.postMessage({ id, op, ...extra });
		});

	function executor(tx: number | undefined): SqlExecutor {
		return {
			async query<T>(text: string, params?: unknown[]) {
				return (await send('query', { text, params, tx })) as T[];
			},
			async exec(text: string) {
				await send('exec', { text, tx });
			},
			async transaction<T>(fn: (inner: SqlExecutor) => Promise<T>): Promise<T> {
				// Nested: the same transaction (as the in-thread executor does).
				if (tx !== undefined) return fn(executor(tx));
				const id = ++nextTx;
				await send('begin', { tx: id });
				let result: T;
				try {
					result = await fn(executor(id));
				} catch (error) {
					await send('rollback', { tx: id }).catch(() => {});
					throw error;
				}
				await send('commit', { tx: id });
				return result;
			},
			async close() {
				if (tx !== undefined || dead) return;
				closing = true;
				await send('close');
				await worker.terminate();
			}
		};
	}
	return Object.assign(executor(undefined), {
		osThreadId,
		startupFiles,
		async crashForTest() {
			const exited = new Promise((resolve) => worker.once('exit', resolve));
			worker.postMessage({ id: 0, op: 'crash' });
			await exited;
		}
	});
}
