import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGLITE_MEMORY_SETTINGS } from './executor';
import { WORKER_NICENESS, openPgliteWorker, type PgliteWorkerExecutor } from './worker-executor';

describe('the embedded database in a worker thread', () => {
	let db: PgliteWorkerExecutor;
	beforeAll(async () => {
		db = await openPgliteWorker({ settings: PGLITE_MEMORY_SETTINGS });
		await db.exec('create table t (id int primary key, data bytea); create table u (n int)');
	}, 60_000);
	afterAll(() => db?.close());

	it('runs below the server thread’s priority, so storage gives way to broadcasting (Linux)', () => {
		if (!existsSync('/proc/thread-self')) {
			console.warn('worker priority not checked: no /proc/thread-self (not Linux)');
			return;
		}
		const niceOf = (tid: number | string) => {
			const stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8');
			return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
		};
		const here = readlinkSync('/proc/thread-self').split('/').pop()!;
		expect(db.osThreadId).not.toBeNull();
		expect(db.osThreadId).not.toBe(Number(here));
		const mine = niceOf(here);
		const its = niceOf(db.osThreadId!);
		expect(its).toBe(Math.min(19, mine + WORKER_NICENESS));
		if (mine < 19) expect(its).toBeGreaterThan(mine);
	});

	it('gives back the start-up part of PGlite’s data file, and what PostgreSQL still reads works', async () => {
		const released = db.startupFiles;
		expect(released && 'kept' in released).toBe(true);
		if (!released || !('kept' in released)) return;
		// initdb's scripts, pgxs and the encoding conversions are dropped; the rest is copied out.
		expect(released.dropped).toBeGreaterThan(20);
		expect(released.kept).toBeGreaterThan(500);
		expect(released.bufferBytes - released.keptBytes).toBeGreaterThan(3_000_000);
		// Time zones (share/postgresql/timezone and timezonesets), text search in the boards'
		// languages (dict_snowball.so) and plpgsql (the store's functions) are read after start.
		const [zone] = await db.query<{ v: string }>(
			`select (timestamptz '2026-07-01 12:00Z' at time zone 'Europe/Stockholm')::text as v, '2026-01-01 10:00 CEST'::timestamptz = '2026-01-01 08:00Z' as abbrev`
		);
		expect(zone).toEqual({ v: '2026-07-01 14:00:00', abbrev: true });
		const [zones] = await db.query<{ n: number }>('select count(*)::int as n from pg_timezone_names');
		expect(zones.n).toBeGreaterThan(400);
		const [words] = await db.query<{ sv: string; da: string; en: string }>(
			`select to_tsvector('swedish', 'mötena')::text as sv, to_tsvector('danish', 'møderne')::text as da, to_tsvector('english', 'meetings')::text as en`
		);
		expect(words).toEqual({ sv: "'möten':1", da: "'mød':1", en: "'meet':1" });
		await db.exec(`do $$ begin create temp table released_check as select 1 as n; end $$`);
		expect(await db.query('select n from released_check')).toEqual([{ n: 1 }]);
	});

	it('answers queries with parameters, bytes both ways', async () => {
		const bytes = Uint8Array.of(0, 255, 92, 120);
		await db.query('insert into t (id, data) values ($1, $2)', [1, bytes]);
		const [row] = await db.query<{ id: number; data: Uint8Array }>('select id, data from t where id = $1', [1]);
		expect(row.id).toBe(1);
		expect([...row.data]).toEqual([...bytes]);
	});

	it('moves large bytes and arrays of bytes out of the worker whole', async () => {
		const big = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 31) % 256);
		await db.query('insert into t (id, data) values ($1, $2)', [2, big]);
		const [row] = await db.query<{ data: Uint8Array; list: Uint8Array[] }>("select data, array[data, '\\x0102'::bytea, ''::bytea] as list from t where id = $1", [2]);
		// Compared as buffers: a deep equality over 300,000 elements takes seconds.
		expect(row.data).toBeInstanceOf(Uint8Array);
		expect(Buffer.compare(row.data, big)).toBe(0);
		expect(row.list).toHaveLength(3);
		expect(Buffer.compare(row.list[0], big)).toBe(0);
		expect([...row.list[1]]).toEqual([1, 2]);
		expect(row.list[2]).toEqual(new Uint8Array());
	});

	it('runs an interactive transaction: its statements see each other, others wait for its commit', async () => {
		let outside: Promise<unknown> | undefined;
		await db.transaction(async (tx) => {
			await tx.query('insert into u (n) values (1)');
			outside = db.query<{ n: number }>('select count(*)::int as n from u');
			const [{ n }] = await tx.query<{ n: number }>('select count(*)::int as n from u');
			expect(n).toBe(1);
			await tx.transaction(async (nested) => nested.query('insert into u (n) values (2)'));
		});
		expect(await outside).toEqual([{ n: 2 }]);
	});

	it('rolls a transaction back when its callback throws, and reports the error to the caller', async () => {
		const failed = await db
			.transaction(async (tx) => {
				await tx.query('insert into u (n) values (3)');
				throw new Error('changed my mind');
			})
			.catch((e: Error) => e);
		expect((failed as Error).message).toBe('changed my mind');
		expect(await db.query('select n from u where n = 3')).toEqual([]);
	});

	it('reports a failing statement with its SQLSTATE, and goes on serving', async () => {
		const failed = (await db.query("do $$ begin raise exception 'nope' using errcode = 'SMT01'; end $$").catch((e: unknown) => e)) as Error & { code?: string };
		expect(failed).toBeInstanceOf(Error);
		expect(failed.message).toContain('nope');
		expect(failed.code).toBe('SMT01');
		const dup = (await db.query('insert into t (id) values (1)').catch((e: unknown) => e)) as { code?: string };
		expect(dup.code).toBe('23505');
		expect(await db.query('select 1 as one')).toEqual([{ one: 1 }]);
	});
});

describe('when the worker dies', () => {
	it('fails what waits and every later call with a clear error, and says so once', async () => {
		const died: Error[] = [];
		const db = await openPgliteWorker({ settings: PGLITE_MEMORY_SETTINGS, onDied: (e) => died.push(e) });
		const crashed = db.crashForTest();
		// Sent after the crash: the worker never answers it.
		const waiting = db.query('select 1').catch((e: unknown) => e);
		await crashed;
		expect(String(await waiting)).toMatch(/worker stopped/);
		await expect(db.query('select 1')).rejects.toThrow(/worker stopped/);
		await expect(db.transaction(async () => 1)).rejects.toThrow(/worker stopped/);
		expect(died).toHaveLength(1);
		expect(died[0].message).toMatch(/exit code 3/);
		await db.close(); // closing a dead database does not hang
	}, 60_000);
});
