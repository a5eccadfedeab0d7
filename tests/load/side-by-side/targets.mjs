// The three servers measured side by side, each started fresh per level on the server core.
// `start(meetings)` returns { server, target, meetings: [{ docName, cookies? }], after?(typed) }:
// the target tells the clients how to reach a document (clients.mjs `endpoint`), and `after`
// (Samtavla only) is the nothing-lost check, run once the load generator is done.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startServer } from './processes.mjs';
import { readNotes } from './clients.mjs';
import { benchNodeEnv, benchNodeFlags } from '../start-flags.mjs';

const here = new URL('.', import.meta.url).pathname;
const root = new URL('../../../', import.meta.url).pathname;
const SERVER_CORE = 0;
/** Data directories not yet removed: an interrupted run removes them too (removeDataDirs). */
const dataDirs = new Set();
export function removeDataDirs() {
	for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
	dataDirs.clear();
}

/** Runs the prep script without blocking this process (an interrupt is still handled meanwhile). */
function prepare(meetings, file, env) {
	return new Promise((resolve, reject) => {
		const proc = spawn(process.execPath, [join(here, 'samtavla-prep.mjs'), String(meetings), file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		proc.stdout.on('data', (d) => (out += d));
		proc.stderr.on('data', (d) => (out += d));
		proc.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`preparing Samtavla's data failed (${code ?? signal}):\n${out.slice(-20_000)}`))));
	});
}

const names = (meetings) => Array.from({ length: meetings }, (_, i) => ({ docName: `meeting-${i}` }));

async function plain(name, script, meetings) {
	const port = await freePort();
	const env = { ...process.env, PORT: String(port) };
	const server = await startServer(name, SERVER_CORE, [join(here, script)], env, `http://127.0.0.1:${port}/`);
	return { server, target: { kind: name === 'Hocuspocus' ? 'hocuspocus' : 'y-websocket', wsBase: `ws://127.0.0.1:${port}`, path: '/' }, meetings: names(meetings) };
}

export const reference = { name: 'y-websocket', label: 'reference y-websocket server (@y/websocket-server 0.1.1)', start: (m) => plain('y-websocket', 'reference-server.mjs', m) };
export const hocuspocus = { name: 'Hocuspocus', label: 'Hocuspocus 3.4.4 (no extensions)', start: (m) => plain('Hocuspocus', 'hocuspocus-server.mjs', m) };

/** Everything Samtavla runs with: the shipped defaults, only the upgrade-rate caps raised. */
function samtavlaEnv(port, dataDir) {
	const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: `http://127.0.0.1:${port}`, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
	for (const k of ['DATABASE_URL', 'SUPABASE_URL', 'SUPABASE_SERVICE_ROLE_KEY', 'REDIS_URL']) delete env[k];
	env.COLLAB_MAX_UPGRADES_PER_SECOND = '100000';
	env.COLLAB_MAX_UPGRADES_PER_ADDRESS_PER_SECOND = '100000';
	env.COLLAB_MAX_UPGRADES_PER_SESSION_PER_SECOND = '100000';
	return env;
}

export const samtavla = {
	name: 'Samtavla',
	label: 'Samtavla (production build, PGlite embedded, authentication and permissions on)',
	async start(meetings) {
		const port = await freePort();
		const dataDir = mkdtempSync(join(tmpdir(), 'samtavla-side-'));
		dataDirs.add(dataDir);
		// The environment and node flags `npm start` gives (BENCH_NODE_ENV / BENCH_NODE_ARGS replace them).
		const env = { ...samtavlaEnv(port, dataDir), ...benchNodeEnv() };
		const prepFile = join(dataDir, 'bench-meetings.json');
		const cleanup = () => {
			rmSync(dataDir, { recursive: true, force: true });
			dataDirs.delete(dataDir);
		};
		// Prepared before the server starts, on both cores: not part of any figure.
		await prepare(meetings, prepFile, env).catch((error) => {
			cleanup();
			throw error;
		});
		const list = JSON.parse(readFileSync(prepFile, 'utf8'));
		// BENCH_SIDE_PROFILE_DIR: Samtavla's measured run writes a V8 CPU profile there (--cpu-prof), to see where its time goes.
		const profile = process.env.BENCH_SIDE_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SIDE_PROFILE_DIR}`] : [];
		// The flags `npm start` gives node; BENCH_NODE_ARGS replaces them (as in bench:idle-rss), to weigh a flag's memory against its throughput.
		const nodeArgs = benchNodeFlags();
		const entry = [...nodeArgs, join(root, 'build/node/server/index.js')];
		const ready = `http://127.0.0.1:${port}/healthz`;
		const target = { kind: 'y-websocket', wsBase: `ws://127.0.0.1:${port}`, path: '/collab/', origin: `http://127.0.0.1:${port}` };
		let server = await startServer('Samtavla', SERVER_CORE, [...profile, ...entry], env, ready).catch((error) => {
			cleanup();
			throw error;
		});
		return {
			server,
			target,
			meetings: list,
			/**
			 * Nothing lost: stop the server (SIGTERM stores what is open), start it again on the same
			 * data and read every meeting's notes over the websocket, as a member. Returns
			 * { checked, complete, missing: [{ docName, why }] }.
			 */
			async after(typed) {
				await server.stop();
				server = await startServer('Samtavla (restarted)', null, entry, env, ready);
				this.server = server;
				const byName = new Map(list.map((m) => [m.docName, m.cookies[1]]));
				const missing = [];
				for (let i = 0; i < typed.length; i += 50) {
					await Promise.all(
						typed.slice(i, i + 50).map(async ({ docName, text }) => {
							try {
								// A typist that sent nothing would pass any check: count it as a failure of the run.
								if (text.length === 0) return missing.push({ docName, why: 'its typist sent nothing' });
								const stored = await readNotes(target, docName, byName.get(docName), 30_000);
								if (!stored.includes(text)) missing.push({ docName, why: `holds ${stored.length} characters, the typist sent ${text.length}` });
							} catch (error) {
								missing.push({ docName, why: error.message });
							}
						})
					);
				}
				const characters = typed.reduce((n, t) => n + t.text.length, 0);
				return { checked: typed.length, complete: typed.length - missing.length, characters, missing: missing.slice(0, 10) };
			},
			cleanup
		};
	}
};

export const ALL = [reference, hocuspocus, samtavla];
