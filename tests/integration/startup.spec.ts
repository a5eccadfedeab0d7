import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startBuiltServer } from './built-server';

/** Starts the real server entry (through tsx, so no build is needed) with a bad environment. */
function startWith(env: Record<string, string>) {
	return spawnSync(process.execPath, ['--import', 'tsx', resolve('server/index.ts')], {
		env: { PATH: process.env.PATH ?? '', ...env },
		encoding: 'utf8',
		timeout: 30_000
	});
}

describe('start-up configuration', () => {
	it.each([
		[{ PORT: 'abc' }, 'PORT'],
		[{ PORT: '70000' }, 'PORT'],
		[{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
		[{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
		[{ COLLAB_MAX_FRAME_BYTES: '10' }, 'COLLAB_MAX_FRAME_BYTES']
	])('stops with a message naming the variable for %o', (env, name) => {
		const result = startWith(env);
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('Invalid configuration');
		expect(result.stderr).toContain(name);
	});
});

/**
 * The listening socket's queue (ss shows it as Send-Q) is the server's 4,096, as far as the kernel
 * allows, not Node's 511: thousands of clients reconnecting at once are not dropped.
 */
function expectListenBacklog(port: string) {
	const ss = spawnSync('ss', ['-Hltn', `sport = :${port}`], { encoding: 'utf8' });
	if (ss.error || ss.status !== 0) {
		console.warn(`listen backlog not checked: ss (iproute2) did not run (${ss.error?.message ?? ss.stderr})`);
		return;
	}
	const somaxconn = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));
	const backlogs = ss.stdout.trim().split('\n').map((line) => Number(line.trim().split(/\s+/)[2]));
	expect(backlogs.length).toBeGreaterThan(0);
	for (const backlog of backlogs) expect(backlog).toBe(Math.min(4096, somaxconn));
}

describe('a successful start (the production build, as `npm start` runs it)', () => {
	it('prints the address in a plain line beside the JSON log, and serves the favicon', async () => {
		const server = await startBuiltServer();
		try {
			// One line for people, on its own; the JSON log line with the same url stays for machines.
			expect(server.output()).toMatch(new RegExp(`^Samtavla is running at ${server.url.replaceAll('.', '\\.')}$`, 'm'));
			expect(server.output()).toMatch(/^\{.*"msg":"Samtavla is listening"/m);
			const favicon = await fetch(`${server.url}/favicon.svg`);
			expect(favicon.status).toBe(200);
			expect(favicon.headers.get('content-type')).toContain('image/svg+xml');
			expect(await favicon.text()).toContain('<svg');
			expectListenBacklog(new URL(server.url).port);
		} finally {
			await server.stop();
		}
	});
});
