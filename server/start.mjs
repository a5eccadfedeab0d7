#!/usr/bin/env node
// `npm start`: builds when the build is missing or older than the sources, then serves.
// `npm run seed`: the same build check, then fills an empty database with the demo.
// Plain JavaScript so it runs on Node 20 before anything is compiled.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withoutPreviewHint } from './build-output.mjs';

const root = new URL('..', import.meta.url).pathname;
const stamp = join(root, 'build', '.build-stamp');
const SOURCES = ['src', 'server', 'static', 'supabase', 'package.json', 'svelte.config.js', 'vite.config.ts'];
const IGNORE = new Set(['paraglide', 'node_modules', '.svelte-kit']);

function newestMtime(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = 0;
	for (const entry of readdirSync(path)) {
		if (IGNORE.has(entry) || entry.startsWith('.')) continue;
		newest = Math.max(newest, newestMtime(join(path, entry)));
	}
	return newest;
}

function buildIfNeeded() {
	const sources = Math.max(...SOURCES.map((s) => newestMtime(join(root, s))));
	const built = existsSync(stamp) && existsSync(join(root, 'build', 'node', 'server', 'index.js')) ? statSync(stamp).mtimeMs : 0;
	if (built >= sources) return;
	console.log('Building Samtavla (first start or sources changed)…');
	const steps = [
		[join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn']],
		[join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(root, 'server', 'tsconfig.json')]]
	];
	for (const [cmd, args] of steps) {
		// The build's standard output passes through a filter (SvelteKit's preview hint); errors go straight through.
		const result = spawnSync(cmd, args, { cwd: root, stdio: ['inherit', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
		if (result.stdout) process.stdout.write(withoutPreviewHint(result.stdout));
		if (result.status !== 0) {
			console.error(`Build failed (${cmd.split('/').pop()}).`);
			process.exit(result.status ?? 1);
		}
	}
	writeFileSync(stamp, new Date().toISOString());
}

buildIfNeeded();
if (process.argv.includes('--build-only')) process.exit(0);
const entry = process.argv.includes('--seed') ? 'seed.js' : 'index.js';
await import(new URL(`../build/node/server/${entry}`, import.meta.url).href);
