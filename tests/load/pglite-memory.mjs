#!/usr/bin/env node
// PGlite's memory with its defaults vs. Samtavla's settings (PGLITE_MEMORY_SETTINGS), and the
// time of the same query workload under each: run by `npm run bench`, one child process per variant.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [variant, dir, phase] = process.argv.slice(2);
if (variant) {
	const { PGlite } = await import('@electric-sql/pglite');
	const settings = ['shared_buffers=8MB', 'work_mem=2MB', 'maintenance_work_mem=8MB', 'wal_buffers=256kB', 'temp_buffers=1MB', 'max_connections=10'];
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
	for (const [v, r] of rows) console.log(`| ${v === 'default' ? 'defaults (128 MB shared buffers)' : "Samtavla's (8 MB shared buffers, small work areas, 10 connections)"} | ${r.rss} MB | ${r.ms} ms |`);
}
