import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

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
