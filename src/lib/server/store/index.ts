import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Config } from '../config.js';
import type { Store } from './types.js';
import type { SqlExecutor } from './sql/executor.js';
import { createSqlStore } from './sql/index.js';
import { checkSchema, migrate, readMigrations, requireCurrentSchema, type Migration } from './migrate.js';
import { PGLITE_MEMORY_SETTINGS } from './pglite/settings.js';
import { createDataDirIfMissing } from './pglite/create-data-dir.js';
import { openPgliteWorker } from './pglite/worker-executor.js';
import type { SupabaseConfig } from './supabase/index.js';

// The adapters' client libraries load only for the adapter in use (dynamic imports below): a
// server on the embedded database never loads postgres or supabase-js (with its storage, realtime
// and functions clients), and its PGlite runs in the worker, so PGlite's own JavaScript stays out
// of the server's thread too. Together ~2 MB of source and what it compiles to, kept for good
// (issue 13, idle memory).

export type { Store } from './types.js';
export { SchemaBehindError } from './migrate.js';

/**
 * `migrate` applies pending migrations while opening; `check` only compares `schema_migrations`
 * with the files and refuses (SchemaBehindError) when the database is behind.
 */
export type SchemaMode = 'migrate' | 'check';

export interface StoreOptions {
	migrationsDir: string;
	/** Default: `schemaModeFor(config)` — the embedded database migrates itself, PostgreSQL and Supabase are only checked. */
	schema?: SchemaMode;
	/** Called with the migrations the database has but this code does not know (a newer deploy): it still opens. */
	onSchemaAhead?: (unknown: string[]) => void;
	/** Test only: a PGlite template tarball to clone instead of running initdb. */
	pgliteTemplate?: Blob;
	/** Test only: keep the embedded database in memory. */
	inMemory?: boolean;
	/**
	 * Where the embedded database runs: 'worker' (default with a data directory: the server) in its
	 * own thread, so a slow statement never holds up the websockets; 'main' on the calling thread
	 * (default in memory: tests, which also mock PGlite in-process).
	 */
	pgliteThread?: 'worker' | 'main';
	/** The embedded database's worker died: every store call fails from then on (log it, stop serving). */
	onDatabaseDied?: (error: Error) => void;
}

/** What picks the adapter: Supabase when configured, else PostgreSQL when DATABASE_URL is set, else the embedded database. */
export type StoreConfig = Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 'supabase'>>;

/**
 * What the app does at start: the embedded database is local to this process, so it migrates
 * itself; a shared PostgreSQL is migrated on purpose (`npm run db:migrate`), never as a side
 * effect of starting one of several instances, possibly an old one; a Supabase project with
 * `supabase db push`.
 */
export function schemaModeFor(config: Omit<StoreConfig, 'dataDir'>): SchemaMode {
	return config.supabase || config.databaseUrl ? 'check' : 'migrate';
}

/** The one place that picks an adapter from configuration, opens it and migrates or checks its schema. */
export async function createStore(config: StoreConfig, options: StoreOptions): Promise<{ store: Store; applied: string[] }> {
	const migrations = await readMigrations(options.migrationsDir);
	const mode = options.schema ?? schemaModeFor(config);
	// With both set, Supabase serves the app; DATABASE_URL is then only for `npm run db:migrate`.
	if (config.supabase) return { store: await openSupabase(config.supabase, migrations, mode, options), applied: [] };
	let db: SqlExecutor;
	let kind: Store['kind'];
	let applied: string[] = [];
	if (config.databaseUrl) {
		const { postgresExecutor } = await import('./postgres/executor.js');
		db = postgresExecutor(config.databaseUrl);
		kind = 'postgres';
	} else {
		const dataDir = options.inMemory ? undefined : resolve(config.dataDir, 'pglite');
		if (dataDir && !options.pgliteTemplate) {
			// A new database is created and migrated in a child process, so initdb's and the first
			// migrations' memory never lands in this one (see create-data-dir.ts).
			const created = await createDataDirIfMissing(dataDir, PGLITE_MEMORY_SETTINGS, (child) =>
				mode === 'migrate' ? migrate(child, migrations) : Promise.resolve([])
			);
			applied = created?.prepared ?? [];
		}
		const thread = options.pgliteThread ?? (options.inMemory ? 'main' : 'worker');
		if (thread === 'worker') {
			if (dataDir) await mkdir(dataDir, { recursive: true });
			db = await openPgliteWorker({ dataDir, template: options.pgliteTemplate, settings: PGLITE_MEMORY_SETTINGS, onDied: options.onDatabaseDied });
		} else {
			const { openPglite, pgliteExecutor } = await import('./pglite/executor.js');
			db = pgliteExecutor(await openPglite({ dataDir, template: options.pgliteTemplate }));
		}
		kind = 'pglite';
	}
	try {
		if (mode === 'migrate') applied = [...applied, ...(await migrate(db, migrations))];
		const unknown = await checkSchema(db, migrations);
		if (unknown.length > 0) options.onSchemaAhead?.(unknown);
		return { store: createSqlStore(db, kind), applied };
	} catch (error) {
		await db.close().catch(() => {});
		throw error;
	}
}

/**
 * Supabase through its Data API, which can run no DDL: the schema is only checked, through
 * PostgREST, and the same SchemaBehindError refuses a project that is behind.
 */
async function openSupabase(config: SupabaseConfig, migrations: Migration[], mode: SchemaMode, options: StoreOptions): Promise<Store> {
	if (mode === 'migrate') {
		throw new Error(
			"Supabase's Data API cannot apply migrations: run `supabase db push` (or `npm run db:migrate` with DATABASE_URL set to the project's connection string)."
		);
	}
	const { createSupabaseClient, createSupabaseStore, supabaseSchemaStatus } = await import('./supabase/index.js');
	const client = createSupabaseClient(config);
	const unknown = requireCurrentSchema(await supabaseSchemaStatus(client, migrations));
	if (unknown.length > 0) options.onSchemaAhead?.(unknown);
	return createSupabaseStore(client);
}
