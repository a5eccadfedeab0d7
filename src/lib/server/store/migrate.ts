import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SqlExecutor } from './sql/executor.js';

export interface Migration {
	name: string;
	sql: string;
}

const MIGRATION_FILE = /^\d{14}_[a-z0-9_]+\.sql$/;
/** Arbitrary constant shared by every Samtavla instance migrating the same database. */
const MIGRATIONS_LOCK_KEY = 7_262_031_555;

/** Reads `supabase/migrations/<timestamp>_<name>.sql`, ordered by timestamp; other files are ignored. */
export async function readMigrations(dir: string): Promise<Migration[]> {
	const names = (await readdir(dir)).filter((name) => MIGRATION_FILE.test(name)).sort();
	return Promise.all(names.map(async (name) => ({ name, sql: await readFile(join(dir, name), 'utf8') })));
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, each in its own transaction,
 * so a failed file leaves the schema at the previous version. Safe to call on every start.
 * A lock keeps two instances starting at once from applying the same file twice.
 */
export async function migrate(db: SqlExecutor, migrations: Migration[]): Promise<string[]> {
	// `create table if not exists` is not safe against a concurrent create (duplicate pg_type key):
	// a transaction-scoped advisory lock makes the second instance wait, then find the table.
	await db.transaction(async (tx) => {
		await tx.query('select pg_advisory_xact_lock($1)', [MIGRATIONS_LOCK_KEY]);
		await tx.exec(
			`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now());
			 alter table schema_migrations enable row level security;`
		);
	});
	const done = new Set((await db.query<{ name: string }>('select name from schema_migrations')).map((row) => row.name));
	const applied: string[] = [];
	for (const migration of migrations) {
		if (done.has(migration.name)) continue;
		// One transaction per file: a failing file rolls back alone, the files before it stay applied.
		const ran = await db.transaction(async (tx) => {
			await tx.query('lock table schema_migrations in exclusive mode');
			// Another instance may have applied it while this one waited for the lock.
			const [row] = await tx.query('select 1 from schema_migrations where name = $1', [migration.name]);
			if (row) return false;
			await tx.exec(migration.sql);
			await tx.query('insert into schema_migrations (name) values ($1)', [migration.name]);
			return true;
		});
		if (ran) applied.push(migration.name);
	}
	return applied;
}
