import { resolve } from 'node:path';
import type { Config } from '../config.js';
import type { Store } from './types.js';
import type { SqlExecutor } from './sql/executor.js';
import { createSqlStore } from './sql/index.js';
import { checkSchema, migrate, readMigrations } from './migrate.js';
import { openPglite, pgliteExecutor } from './pglite/executor.js';
import { postgresExecutor } from './postgres/executor.js';

export type { Store } from './types.js';
export { SchemaBehindError } from './migrate.js';

/**
 * `migrate` applies pending migrations while opening; `check` only compares `schema_migrations`
 * with the files and refuses (SchemaBehindError) when the database is behind.
 */
export type SchemaMode = 'migrate' | 'check';

export interface StoreOptions {
	migrationsDir: string;
	/** Default: `schemaModeFor(config)` — the embedded database migrates itself, PostgreSQL is only checked. */
	schema?: SchemaMode;
	/** Called with the migrations the database has but this code does not know (a newer deploy): it still opens. */
	onSchemaAhead?: (unknown: string[]) => void;
	/** Test only: a PGlite template tarball to clone instead of running initdb. */
	pgliteTemplate?: Blob;
	/** Test only: keep the embedded database in memory. */
	inMemory?: boolean;
}

/**
 * What the app does at start: the embedded database is local to this process, so it migrates
 * itself; a shared PostgreSQL is migrated on purpose (`npm run db:migrate`), never as a side
 * effect of starting one of several instances, possibly an old one.
 */
export function schemaModeFor(config: Pick<Config, 'databaseUrl'>): SchemaMode {
	return config.databaseUrl ? 'check' : 'migrate';
}

/** The one place that picks an adapter from configuration, opens it and migrates or checks its schema. */
export async function createStore(
	config: Pick<Config, 'databaseUrl' | 'dataDir'>,
	options: StoreOptions
): Promise<{ store: Store; applied: string[] }> {
	let db: SqlExecutor;
	let kind: Store['kind'];
	if (config.databaseUrl) {
		db = postgresExecutor(config.databaseUrl);
		kind = 'postgres';
	} else {
		const pg = await openPglite({
			dataDir: options.inMemory ? undefined : resolve(config.dataDir, 'pglite'),
			template: options.pgliteTemplate
		});
		db = pgliteExecutor(pg);
		kind = 'pglite';
	}
	try {
		const migrations = await readMigrations(options.migrationsDir);
		let applied: string[] = [];
		if ((options.schema ?? schemaModeFor(config)) === 'migrate') applied = await migrate(db, migrations);
		const unknown = await checkSchema(db, migrations);
		if (unknown.length > 0) options.onSchemaAhead?.(unknown);
		return { store: createSqlStore(db, kind), applied };
	} catch (error) {
		await db.close().catch(() => {});
		throw error;
	}
}

