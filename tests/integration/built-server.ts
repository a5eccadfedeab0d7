import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, inject } from 'vitest';
import { openPglite } from '../../src/lib/server/store/pglite/executor';
import { freePort } from './cluster/harness';
import { freshDataDir } from './helpers';
import { readFile } from 'node:fs/promises';

/**
 * The production build (`build/node/server/index.js`, what `npm start` runs) as a process of its
 * own: SvelteKit's handler, hooks and pages included, which `startTestApp` leaves out. For what
 * only the pages show (headers, error pages). `npm test` builds before this suite runs.
 */
export interface BuiltServer {
	url: string;
	pid: number;
	exitCode(): number | null;
	/** The process's resident memory now, from /proc. */
	rssMb(): number;
	output(): string;
	/** SIGTERM (a clean shutdown) unless told otherwise; SIGKILL is a crash. */
	stop(signal?: NodeJS.Signals): Promise<void>;
}

const ENTRY = resolve('build/node/server/index.js');

/** The built server on a data directory prepared by the test (people, boards made through the services). */
export function startBuiltServerOn(dataDir: string, env: Record<string, string> = {}): Promise<BuiltServer> {
	return startBuiltServer({ ...env, DATA_DIR: dataDir }, { keepDataDir: true });
}

export async function startBuiltServer(env: Record<string, string> = {}, options: { keepDataDir?: boolean } = {}): Promise<BuiltServer> {
	if (!existsSync(ENTRY)) expect.fail('build/node/server/index.js is missing: build first (`node server/start.mjs --build-only`; `npm test` does it)');
	const port = await freePort();
	const dataDir = options.keepDataDir && env.DATA_DIR ? env.DATA_DIR : await freshDataDir();
	if (!env.DATABASE_URL && !options.keepDataDir) {
		// Start from the run's migrated template (~1 s) rather than initdb (5–8 s).
		const pg = await openPglite({ dataDir: join(dataDir, 'pglite'), template: new Blob([await readFile(inject('pgliteTemplate'))]) });
		await pg.close();
	}
	const proc = spawn(process.execPath, [ENTRY], {
		env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	proc.stdout!.on('data', (d) => (out += d));
	proc.stderr!.on('data', (d) => (out += d));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (proc.exitCode !== null) throw new Error(`the built server exited (${proc.exitCode}):\n${out}`);
		if (Date.now() > deadline) throw new Error(`the built server did not answer within 60 s:\n${out}`);
		// `/` goes through SvelteKit: the bundle is loaded once it answers.
		const ok = await fetch(url + '/', { redirect: 'manual' }).then((r) => r.status < 500, () => false);
		if (ok) break;
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		url,
		pid: proc.pid!,
		exitCode: () => proc.exitCode,
		rssMb() {
			const status = readFileSync(`/proc/${proc.pid}/status`, 'utf8');
			return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
		},
		output: () => out,
		async stop(signal: NodeJS.Signals = 'SIGTERM') {
			if (proc.exitCode !== null || proc.signalCode !== null) return;
			const exited = new Promise((r) => proc.once('exit', r));
			proc.kill(signal);
			await exited;
		}
	};
}

/** A form posted to the built server as a browser would (same Origin, HTML wanted), not following redirects. */
export async function postForm(server: BuiltServer, path: string, fields: Record<string, string>, cookie?: string, lang = 'sv'): Promise<Response> {
	return fetch(server.url + path, {
		method: 'POST',
		body: new URLSearchParams(fields),
		redirect: 'manual',
		headers: { origin: server.url, accept: 'text/html', 'accept-language': lang, ...(cookie ? { cookie } : {}) }
	});
}

/** A page of the built server, its status and HTML (redirects not followed). */
export async function fetchPage(server: BuiltServer, path: string, cookie?: string, lang = 'sv'): Promise<{ status: number; html: string }> {
	const response = await fetch(server.url + path, { redirect: 'manual', headers: { 'accept-language': lang, ...(cookie ? { cookie } : {}) } });
	return { status: response.status, html: await response.text() };
}
