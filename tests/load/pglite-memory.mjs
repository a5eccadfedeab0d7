#!/usr/bin/env node
// PGlite's memory with its defaults vs. Samtavla's settings (PGLITE_MEMORY_SETTINGS), and the
// time of the same query workload under each: run by `npm run bench`, one child process per variant.
// The settings are the production build's own (built first, as the other benchmarks are).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [variant, dir, phase] = process.argv.slice(2);
if (variant) {
	const { PGlite } = await import('@electric-sql/pglite');
	const { PGLITE_MEMORY_SETTINGS: settings } = await import(new URL('../../build/node/src/lib/server/store/pglite/settings.js', import.meta.url).href);
	// The first process runs initdb and fills the table; a second one measures a re-open, as a
	// restarted server would, so initdb's own memory is not counted.
	{
		const db = new PGlite({ dataDir: dir, ...(variant === 'tuned' ? { postgresqlconf: settings } : {}) });
		await db.waitReady;
		if (phase === 'init') {
			await db.exec('create table updates (id bigserial primary key, doc text not null, u bytea not null); create index on updates (doc, id);');
			for (let i = 0; i < 5000; i++) await db.query('insert into updates (doc, u) values ($1, $2)', [`meeting:${i % 50}`, new Uint8Array(300)]);
			await db.close();
			process.exit(0);
		}
		const t = performance.now();
		for (let i = 0; i < 2000; i++) await db.query('select u from updates where doc = $1 and id > $2 order by id', [`meeting:${i % 50}`, i]);
		for (let i = 0; i < 1000; i++) await db.query('insert into updates (doc, u) values ($1, $2)', [`meeting:${i % 50}`, new Uint8Array(300)]);
		const ms = performance.now() - t;
		console.log(JSON.stringify({ rss: Math.round(process.memoryUsage().rss / 1e6), ms: Math.round(ms) }));
		await db.close();
	}
} else {
	const root = new URL('../..', import.meta.url).pathname;
	if (spawnSync(process.execPath, [join(root, 'server/start.mjs'), '--build-only'], { stdio: 'inherit' }).status !== 0) process.exit(1);
	const { PGLITE_MEMORY_SETTINGS } = await import(new URL('../../build/node/src/lib/server/store/pglite/settings.js', import.meta.url).href);
	const rows = [];
	for (const v of ['default', 'tuned']) {
		const dir = mkdtempSync(join(tmpdir(), 'pglite-mem-'));
		const self = new URL(import.meta.url).pathname;
		spawnSync(process.execPath, [self, v, dir, 'init'], { encoding: 'utf8' });
		const out = spawnSync(process.execPath, [self, v, dir, 'measure'], { encoding: 'utf8' });
		rmSync(dir, { recursive: true, force: true });
		rows.push([v, JSON.parse(out.stdout.trim().split('\n').pop())]);
	}
	console.log('\n| PGlite settings | resident memory after 3000 queries | time for them |\n|---|---|---|');
	for (const [v, r] of rows) console.log(`| ${v === 'default' ? 'defaults (128 MB shared buffers)' : `Samtavla's (${PGLITE_MEMORY_SETTINGS.join(', ')})`} | ${r.rss} MB | ${r.ms} ms |`);
}
