import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkSchema, migrate, readMigrations, SchemaBehindError, schemaStatus } from './migrate';
import { openPglite, pgliteExecutor } from './pglite/executor';
import type { SqlExecutor } from './sql/executor';

/** One in-memory database for the file (initdb takes seconds); each test works in its own schema. */
let pg: PGlite;
let db: SqlExecutor;
let dirs: string[] = [];
let schemaCounter = 0;

beforeAll(async () => {
	pg = await openPglite({});
	db = pgliteExecutor(pg);
}, 60_000);

afterAll(async () => {
	await pg?.close();
	await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

beforeEach(async () => {
	// A fresh schema first on the search path: schema_migrations and the test tables land there.
	const schema = `m${++schemaCounter}`;
	await db.exec(`create schema ${schema}; set search_path to ${schema}`);
});

async function migrationDir(files: Record<string, string>): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), 'samtavla-migrations-'));
	dirs.push(dir);
	for (const [name, sql] of Object.entries(files)) await writeFile(join(dir, name), sql);
	return dir;
}

const tables = async () =>
	(await db.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = current_schema() order by table_name`)).map(
		(r) => r.table_name
	);
const recorded = async () => (await db.query<{ name: string }>('select name from schema_migrations order by name')).map((r) => r.name);

describe('readMigrations', () => {
	it('reads only <14 digits>_<name>.sql files, ordered by timestamp', async () => {
		const dir = await migrationDir({
			'20260102000000_second.sql': 'select 2;',
			'20260101000000_first.sql': 'select 1;',
			'20260103000000_third_part_2.sql': 'select 3;',
			'README.md': '# not a migration',
			'2026010100000_short_stamp.sql': 'select 0;',
			'202601010000000_long_stamp.sql': 'select 0;',
			'20260104000000-dash.sql': 'select 0;',
			'20260104000000_Upper.sql': 'select 0;',
			'20260104000000_name.sql.bak': 'select 0;',
			'20260104000000_.sql': 'select 0;',
			'seed.sql': 'select 0;'
		});
		const migrations = await readMigrations(dir);
		expect(migrations.map((m) => m.name)).toEqual(['20260101000000_first.sql', '20260102000000_second.sql', '20260103000000_third_part_2.sql']);
		expect(migrations[0].sql).toBe('select 1;');
	});

	it("the project's own migrations are all picked up", async () => {
		const migrations = await readMigrations(resolve('supabase/migrations'));
		expect(migrations.length).toBeGreaterThan(0);
		expect(migrations[0].name).toBe('20261122120000_foundation.sql');
	});
});

describe('migrate', () => {
	it('applies migrations in order and records them in schema_migrations', async () => {
		const dir = await migrationDir({
			'20260101000000_a.sql': 'create table a (id int primary key);',
			// Depends on a: fails unless run after it.
			'20260102000000_b.sql': 'create table b (a_id int references a (id)); insert into a values (1); insert into b values (1);'
		});
		const applied = await migrate(db, await readMigrations(dir));
		expect(applied).toEqual(['20260101000000_a.sql', '20260102000000_b.sql']);
		expect(await recorded()).toEqual(applied);
		expect(await tables()).toEqual(['a', 'b', 'schema_migrations']);
	});

	it('is idempotent: a second run applies nothing', async () => {
		const dir = await migrationDir({
			'20260101000000_a.sql': 'create table a (id int primary key); insert into a values (1);'
		});
		expect(await migrate(db, await readMigrations(dir))).toHaveLength(1);
		expect(await migrate(db, await readMigrations(dir))).toEqual([]);
		expect(await db.query('select * from a')).toEqual([{ id: 1 }]);
	});

	it('applies only the new files on a later run', async () => {
		const dir = await migrationDir({ '20260101000000_a.sql': 'create table a (id int);' });
		await migrate(db, await readMigrations(dir));
		await writeFile(join(dir, '20260102000000_b.sql'), 'create table b (id int);');
		expect(await migrate(db, await readMigrations(dir))).toEqual(['20260102000000_b.sql']);
		expect(await recorded()).toEqual(['20260101000000_a.sql', '20260102000000_b.sql']);
	});

	it('a failing migration is rolled back entirely and leaves the earlier ones applied', async () => {
		const dir = await migrationDir({
			'20260101000000_a.sql': 'create table a (id int);',
			'20260102000000_b.sql': 'create table b (id int);',
			// Its first statement succeeds, its second fails: neither may remain.
			'20260103000000_c.sql': 'create table c (id int); insert into no_such_table values (1);',
			'20260104000000_d.sql': 'create table d (id int);'
		});
		await expect(migrate(db, await readMigrations(dir))).rejects.toThrow(/no_such_table/);
		expect(await recorded()).toEqual(['20260101000000_a.sql', '20260102000000_b.sql']);
		expect(await tables()).toEqual(['a', 'b', 'schema_migrations']);

		// Fixed, the next run picks up where it stopped.
		await writeFile(join(dir, '20260103000000_c.sql'), 'create table c (id int);');
		expect(await migrate(db, await readMigrations(dir))).toEqual(['20260103000000_c.sql', '20260104000000_d.sql']);
		expect(await tables()).toEqual(['a', 'b', 'c', 'd', 'schema_migrations']);
	});

	it('runs the real foundation migration', async () => {
		// In public, as in every real database: the store functions pin `search_path = public`
		// (migration store_functions), and PostgreSQL checks their bodies against it at creation.
		await db.exec('set search_path to public');
		const applied = await migrate(db, await readMigrations(resolve('supabase/migrations')));
		expect(applied).toContain('20261122120000_foundation.sql');
		expect(await tables()).toEqual(
			expect.arrayContaining(['agencies', 'users', 'sessions', 'boards', 'board_members', 'invites', 'meetings', 'doc_updates', 'doc_snapshots'])
		);
		expect(await migrate(db, await readMigrations(resolve('supabase/migrations')))).toEqual([]);
	});
});

describe('schemaStatus and checkSchema', () => {
	const files = {
		'20260101000000_a.sql': 'create table a (id int);',
		'20260102000000_b.sql': 'create table b (id int);'
	};

	it('a database without schema_migrations misses every file, and checking creates nothing', async () => {
		const migrations = await readMigrations(await migrationDir(files));
		expect(await schemaStatus(db, migrations)).toEqual({ missing: ['20260101000000_a.sql', '20260102000000_b.sql'], unknown: [] });
		const error = await checkSchema(db, migrations).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SchemaBehindError);
		expect((error as SchemaBehindError).missing).toEqual(['20260101000000_a.sql', '20260102000000_b.sql']);
		expect((error as Error).message).toContain('supabase/migrations/20260101000000_a.sql');
		expect((error as Error).message).toContain('npm run db:migrate');
		expect(await tables()).toEqual([]);
	});

	it('names only the files not yet applied', async () => {
		const dir = await migrationDir({ '20260101000000_a.sql': files['20260101000000_a.sql'] });
		await migrate(db, await readMigrations(dir));
		await writeFile(join(dir, '20260102000000_b.sql'), files['20260102000000_b.sql']);
		const error = await checkSchema(db, await readMigrations(dir)).catch((e: Error) => e);
		expect((error as SchemaBehindError).missing).toEqual(['20260102000000_b.sql']);
		expect((error as Error).message).not.toContain('20260101000000_a.sql');
	});

	it('an up-to-date database passes; one ahead of the code passes and reports the unknown names', async () => {
		const migrations = await readMigrations(await migrationDir(files));
		await migrate(db, migrations);
		expect(await checkSchema(db, migrations)).toEqual([]);
		await db.query(`insert into schema_migrations (name) values ('20270101000000_newer.sql')`);
		expect(await checkSchema(db, migrations)).toEqual(['20270101000000_newer.sql']);
		// The older code's migrate leaves the newer record alone and applies nothing.
		expect(await migrate(db, migrations)).toEqual([]);
	});

	it("counts what `supabase db push` recorded in supabase_migrations, by timestamp", async () => {
		const migrations = await readMigrations(await migrationDir(files));
		const schema = (await db.query<{ s: string }>('select current_schema() as s'))[0].s;
		await db.exec(
			`drop schema if exists supabase_migrations cascade; create schema supabase_migrations;
			 create table supabase_migrations.schema_migrations (version text primary key, statements text[], name text);
			 create table a (id int);
			 insert into supabase_migrations.schema_migrations (version, name) values ('20260101000000', 'a'), ('20260301000000', 'later');`
		);
		try {
			expect(await schemaStatus(db, migrations)).toEqual({ missing: ['20260102000000_b.sql'], unknown: ['20260301000000_later.sql'] });
			// migrate applies only b, never a again.
			expect(await migrate(db, migrations)).toEqual(['20260102000000_b.sql']);
			expect(await checkSchema(db, migrations)).toEqual(['20260301000000_later.sql']);
		} finally {
			await db.exec(`drop schema supabase_migrations cascade; set search_path to ${schema}`);
		}
	});
});
