import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
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
		} finally {
			await server.stop();
		}
	});
});
