import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The layering of the routes (issue 9.3, design.md "routes → services → store"): pages never reach
 * server code, load functions never reach component types, and routes read the store only by
 * handing it to a service.
 */
const root = import.meta.dirname;

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : [path];
	});
}

const routeFiles = files(root).filter((path) => !path.endsWith('.spec.ts'));
const imports = (path: string) => [...readFileSync(path, 'utf8').matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
const named = (paths: string[]) => paths.map((path) => relative(root, path));

describe('thin routes', () => {
	it('no .svelte file under src/routes imports from $lib/server', () => {
		const offenders = routeFiles.filter((path) => path.endsWith('.svelte') && imports(path).some((from) => from.startsWith('$lib/server')));
		expect(named(offenders)).toEqual([]);
	});

	it('no server route module imports from $lib/components', () => {
		const offenders = routeFiles.filter((path) => path.endsWith('.ts') && imports(path).some((from) => from.startsWith('$lib/components')));
		expect(named(offenders)).toEqual([]);
	});

	it('routes call no store method themselves (the store is only passed to services)', () => {
		const offenders = routeFiles.filter((path) => /\bstore\.[a-zA-Z]+\.[a-zA-Z]+\(/.test(readFileSync(path, 'utf8')));
		expect(named(offenders)).toEqual([]);
	});
});
