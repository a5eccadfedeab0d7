import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import type { SqlExecutor } from '../sql/executor.js';

/**
 * Creating a PGlite database runs initdb inside a second, throw-away PostgreSQL in WebAssembly,
 * and the first migrations grow the database's WebAssembly memory further. Done in the server's
 * own process that memory stayed resident for good (WebAssembly memory never shrinks): a first
 * start measured 350 MB, a restart on the same directory 210 MB. So a new data directory is
 * created, and `prepare` (the migrations) run against it, in a short-lived child process; the
 * server only ever opens a directory that already holds a database.
 *
 * The child works in a sibling directory that is renamed into place once complete, so a start
 * killed half-way leaves no half-made database behind.
 *
 * Returns null when the directory already held a database (`prepare` is then not called).
 */
export async function createDataDirIfMissing<T>(
	dataDir: string,
	settings: string[],
	prepare?: (db: SqlExecutor) => Promise<T>
): Promise<{ prepared: T | undefined } | null> {
	if (existsSync(join(dataDir, 'PG_VERSION'))) return null;
	if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
		throw new Error(`${dataDir} is not empty but holds no database (no PG_VERSION): move it away, or point DATA_DIR elsewhere.`);
	}
	await mkdir(dirname(dataDir), { recursive: true });
	const staging = join(dirname(dataDir), `.${basename(dataDir)}.creating-${process.pid}`);
	await rm(staging, { recursive: true, force: true });
	try {
		const child = await startChild(staging, settings);
		let prepared: T | undefined;
		try {
			prepared = await prepare?.(child.executor);
		} finally {
			await child.close();
		}
		if (existsSync(dataDir)) await rmdir(dataDir);
		await rename(staging, dataDir);
		return { prepared };
	} finally {
		await rm(staging, { recursive: true, force: true });
	}
}

/**
 * CommonJS so it needs no module loader set-up. argv: PGlite's entry, the directory, the settings
 * as JSON. It answers SQL sent over the IPC channel until told to close, and exits with its parent.
 */
const CHILD = `
const [entry, dir, settings] = process.argv.slice(1);
const { PGlite } = require(entry);
process.on('disconnect', () => process.exit(1));
(async () => {
	const db = new PGlite({ dataDir: dir, postgresqlconf: JSON.parse(settings) });
	await db.waitReady;
	process.on('message', async (m) => {
		if (m.op === 'close') {
			await db.close();
			process.send({ id: m.id, rows: [] }, () => process.exit(0));
			return;
		}
		try {
			const rows = m.op === 'exec' ? (await db.exec(m.text), []) : (await db.query(m.text, m.params)).rows;
			process.send({ id: m.id, rows });
		} catch (error) {
			process.send({ id: m.id, error: String((error && error.message) || error) });
		}
	});
	process.send({ ready: true });
})().catch((error) => {
	console.error((error && error.message) || String(error));
	process.exit(1);
});
`;

interface Reply {
	id?: number;
	ready?: boolean;
	rows?: unknown[];
	error?: string;
}

async function startChild(dir: string, settings: string[]): Promise<{ executor: SqlExecutor; close(): Promise<void> }> {
	const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
	const child: ChildProcess = spawn(process.execPath, ['-e', CHILD, entry, dir, JSON.stringify(settings)], {
		stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
		serialization: 'advanced'
	});
	let stderr = '';
	child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
		if (stderr.length < 4000) stderr += chunk;
	});
	const pending = new Map<number, { resolve(rows: unknown[]): void; reject(error: Error): void }>();
	let ready!: () => void;
	let failed: Error | null = null;
	const started = new Promise<void>((resolve, reject) => {
		ready = resolve;
		child.once('error', reject);
		child.once('exit', (code, signal) => {
			failed = new Error(`creating the embedded database in ${dir} failed (${signal ?? `exit ${code}`}): ${stderr.trim()}`);
			reject(failed);
			for (const p of pending.values()) p.reject(failed);
			pending.clear();
		});
	});
	child.on('message', (reply: Reply) => {
		if (reply.ready) return ready();
		const waiting = pending.get(reply.id!);
		pending.delete(reply.id!);
		if (reply.error !== undefined) waiting?.reject(new Error(reply.error));
		else waiting?.resolve(reply.rows ?? []);
	});
	await started;

	let nextId = 0;
	const send = (message: { op: 'query' | 'exec' | 'close'; text?: string; params?: unknown[] }) =>
		new Promise<unknown[]>((resolve, reject) => {
			if (failed) return reject(failed);
			const id = ++nextId;
			pending.set(id, { resolve, reject });
			child.send({ id, ...message });
		});
	// One connection in the child, used by one caller at a time (the migrations): a transaction is
	// begin/commit around the callback on that same connection.
	const executor: SqlExecutor = {
		query: async <R>(text: string, params?: unknown[]) => (await send({ op: 'query', text, params })) as R[],
		exec: async (text: string) => void (await send({ op: 'exec', text })),
		async transaction<R>(fn: (tx: SqlExecutor) => Promise<R>): Promise<R> {
			await send({ op: 'exec', text: 'begin' });
			try {
				const result = await fn(executor);
				await send({ op: 'exec', text: 'commit' });
				return result;
			} catch (error) {
				await send({ op: 'exec', text: 'rollback' }).catch(() => {});
				throw error;
			}
		},
		async close() {}
	};
	return {
		executor,
		async close() {
			const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
			await send({ op: 'close' });
			await exited;
		}
	};
}
