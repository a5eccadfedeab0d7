import { resolve } from 'node:path';
import type { Config } from '../config.js';
import type { Store } from './types.js';
import type { SqlExecutor } from './sql/executor.js';
import { createSqlStore } from './sql/index.js';
import { migrate, readMigrations } from './migrate.js';
import { openPglite, pgliteExecutor } from './pglite/executor.js';
import { postgresExecutor } from './postgres/executor.js';

export type { Store } from './types.js';

export interface StoreOptions {
	migrationsDir: string;
	/** Test only: a PGlite template tarball to clone instead of running initdb. */
	pgliteTemplate?: Blob;
	/** Test only: keep the embedded database in memory. */
	inMemory?: boolean;
}

/** The one place that picks an adapter from configuration, opens it and brings its schema up to date. */
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
		const applied = await migrate(db, await readMigrations(options.migrationsDir));
		return { store: createSqlStore(db, kind), applied };
	} catch (error) {
		await db.close().catch(() => {});
		throw error;
	}
}
