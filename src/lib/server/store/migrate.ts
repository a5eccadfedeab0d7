import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SqlExecutor } from './sql/executor.js';

export interface Migration {
	name: string;
	sql: string;
}

const MIGRATION_FILE = /^\d{14}_[a-z0-9_]+\.sql$/;

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
	await db.exec(
		`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now());
		 alter table schema_migrations enable row level security;`
	);
	return db.transaction(async (tx) => {
		await tx.query('lock table schema_migrations in exclusive mode');
		const rows = await tx.query<{ name: string }>('select name from schema_migrations');
		const done = new Set(rows.map((row) => row.name));
		const applied: string[] = [];
		for (const migration of migrations) {
			if (done.has(migration.name)) continue;
			await tx.exec(migration.sql);
			await tx.query('insert into schema_migrations (name) values ($1)', [migration.name]);
			applied.push(migration.name);
		}
		return applied;
	});
}
