#!/usr/bin/env node
// `npm test`: every suite, in order — unit, browser (components in real Chromium), integration
// (real server, real databases), e2e (real Chromium against the production build). Prints one
// closing line "N passed, N failed".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);

function run(label, cmd, args, env = {}) {
	console.log(`\n=== ${label} ===`);
	const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
	return result.status ?? 1;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

function countVitest(file, label, status) {
	if (!existsSync(file)) {
		problems.push(`${label}: no report (exit ${status})`);
		totals.failed++;
		return;
	}
	const report = JSON.parse(readFileSync(file, 'utf8'));
	totals.passed += report.numPassedTests;
	totals.failed += report.numFailedTests;
	totals.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
	// A suite that fails to load has no failed test but must still fail the run.
	if (status !== 0 && report.numFailedTests === 0) {
		problems.push(`${label}: exited ${status}`);
		totals.failed++;
	}
}

function countPlaywright(file, status) {
	if (!existsSync(file)) {
		problems.push(`e2e: no report (exit ${status})`);
		totals.failed++;
		return;
	}
	const { stats } = JSON.parse(readFileSync(file, 'utf8'));
	totals.passed += stats.expected + stats.flaky;
	totals.failed += stats.unexpected;
	totals.skipped += stats.skipped;
	if (status !== 0 && stats.unexpected === 0) {
		problems.push(`e2e: exited ${status}`);
		totals.failed++;
	}
}

// The production build is what e2e and `npm start` run.
const buildStatus = run('build', process.execPath, [join(root, 'server', 'start.mjs'), '--build-only']);
if (buildStatus !== 0) {
	console.log('\nBuild failed: no test could run.');
	console.log('0 passed, 1 failed');
	process.exit(1);
}

// The Vitest projects of vite.config.ts; each one's results count in the closing line.
for (const project of ['unit', 'browser', 'integration']) {
	const file = join(out, `${project}.json`);
	const status = run(`${project} tests`, bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
	countVitest(file, project, status);
}

/**
 * Runs one shard of the e2e suite and prefixes its lines, so shards running at once stay readable.
 * Each shard has its own server, port and database (playwright.config.ts): the suite mostly waits
 * on browsers and websockets, so on two cores two shards take little more than half the time.
 */
function e2eShard(index, count) {
	const file = join(out, `e2e-${index}.json`);
	const args = count > 1 ? ['test', `--shard=${index}/${count}`] : ['test'];
	const child = spawn(bin('playwright'), args, {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: file, E2E_PORT: String(3199 - (index - 1)) }
	});
	const prefix = count > 1 ? `[e2e ${index}/${count}] ` : '';
	for (const stream of [child.stdout, child.stderr]) {
		let rest = '';
		stream.setEncoding('utf8');
		stream.on('data', (chunk) => {
			const lines = (rest + chunk).split('\n');
			rest = lines.pop();
			for (const line of lines) process.stdout.write(prefix + line + '\n');
		});
		stream.on('end', () => rest && process.stdout.write(prefix + rest + '\n'));
	}
	return new Promise((resolve) => child.on('close', (code) => resolve({ file, status: code ?? 1 })));
}

const shardCount = Math.max(1, Number(process.env.E2E_SHARDS ?? 2) || 1);
console.log(`\n=== end-to-end tests (Chromium, ${shardCount} shard${shardCount > 1 ? 's' : ''} at once) ===`);
const shards = await Promise.all(Array.from({ length: shardCount }, (_, i) => e2eShard(i + 1, shardCount)));
for (const { file, status } of shards) countPlaywright(file, status);

console.log('');
for (const p of problems) console.log(`problem: ${p}`);
if (totals.skipped) console.log(`${totals.skipped} skipped (each prints its reason above)`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
