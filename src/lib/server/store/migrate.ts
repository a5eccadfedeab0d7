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
 * What a database has recorded as applied, raw: our own `schema_migrations` (file names), and what
 * `supabase db push` recorded in `supabase_migrations.schema_migrations` (timestamp and name).
 * Read with SQL here; the Supabase adapter reads the same through samtavla_recorded_migrations().
 */
export interface RecordedMigrations {
	own: string[];
	supabase: Array<{ version: string; name: string | null }>;
}

/** What was recorded, by file name, so a Supabase project migrated with the CLI counts as migrated. */
export function recordedNames(raw: RecordedMigrations, migrations: Migration[]): string[] {
	const byVersion = new Map(migrations.map((m) => [m.name.slice(0, 14), m.name]));
	const names = new Set(raw.own);
	for (const row of raw.supabase) names.add(byVersion.get(row.version) ?? `${row.version}_${row.name ?? 'unknown'}.sql`);
	return [...names].sort();
}

/**
 * Read-only; no table means nothing recorded. Plain SQL rather than samtavla_recorded_migrations():
 * `migrate` reads this before any file has run, the one creating that function included.
 */
async function readRecorded(db: SqlExecutor): Promise<RecordedMigrations> {
	const [tables] = await db.query<{ own: boolean; supabase: boolean }>(
		`select to_regclass('schema_migrations') is not null as own,
		        to_regclass('supabase_migrations.schema_migrations') is not null as supabase`
	);
	return {
		own: tables.own ? (await db.query<{ name: string }>('select name from schema_migrations')).map((row) => row.name) : [],
		supabase: tables.supabase ? await db.query<{ version: string; name: string | null }>('select version, name from supabase_migrations.schema_migrations') : []
	};
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
	const done = new Set(recordedNames(await readRecorded(db), migrations));
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

export interface SchemaStatus {
	/** Files in the migrations folder the database has not recorded, in order. */
	missing: string[];
	/** Names the database has recorded that this version of the code does not know (a newer deploy ran them). */
	unknown: string[];
}

/** Compares what a database recorded (by file name) with the files. */
export function compareSchema(recorded: string[], migrations: Migration[]): SchemaStatus {
	const known = new Set(migrations.map((m) => m.name));
	const recordedSet = new Set(recorded);
	return {
		missing: migrations.map((m) => m.name).filter((name) => !recordedSet.has(name)),
		unknown: recorded.filter((name) => !known.has(name))
	};
}

/** Compares what the database recorded with the files, changing nothing. */
export async function schemaStatus(db: SqlExecutor, migrations: Migration[]): Promise<SchemaStatus> {
	return compareSchema(recordedNames(await readRecorded(db), migrations), migrations);
}

/** The database is older than the code: the app refuses to start until migrations are applied on purpose. */
export class SchemaBehindError extends Error {
	constructor(readonly missing: string[]) {
		super(
			`The database schema is behind this version of Samtavla: ${missing.length} migration(s) not applied:\n` +
				missing.map((name) => `  - supabase/migrations/${name}`).join('\n') +
				'\nRun `npm run db:migrate` with the same DATABASE_URL (or `supabase db push` on Supabase), then start again.'
		);
		this.name = 'SchemaBehindError';
	}
}

/** Throws SchemaBehindError unless every migration file is recorded; returns the unknown (newer) names. */
export function requireCurrentSchema({ missing, unknown }: SchemaStatus): string[] {
	if (missing.length > 0) throw new SchemaBehindError(missing);
	return unknown;
}

/** checkSchema for a SQL database: throws SchemaBehindError when behind; returns the unknown (newer) names. */
export async function checkSchema(db: SqlExecutor, migrations: Migration[]): Promise<string[]> {
	return requireCurrentSchema(await schemaStatus(db, migrations));
}
