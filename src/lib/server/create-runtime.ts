import type { Config } from './config.js';
import { createLogger } from './logger.js';
import { createStore, type StoreOptions } from './store/index.js';
import type { Runtime } from './runtime.js';

/**
 * Opens the store (migrating the embedded database, checking PostgreSQL) and the logger. The caller adds the live-connection
 * registry once its collab server exists, then registers the whole runtime.
 */
export async function createRuntimeBase(config: Config, options: StoreOptions): Promise<Omit<Runtime, 'live'>> {
	const logger = createLogger(config.logLevel);
	const { store, applied } = await createStore(config, {
		// A newer version already migrated this database (rolling deploy): start, but say so.
		onSchemaAhead: (unknown) =>
			logger.warn({ migrations: unknown }, 'the database has migrations this version does not know (a newer version ran them); starting anyway'),
		// Every store call now fails at once (never hangs on a query that cannot return); the
		// process answers with errors until an operator or its supervisor restarts it.
		onDatabaseDied: (error) => logger.fatal({ err: error }, 'the embedded database stopped; every request that needs it fails until the server is restarted'),
		...options
	});
	for (const name of applied) logger.info({ migration: name }, 'migration applied');
	logger.info({ store: store.kind }, 'store ready');
	return { config, store, logger };
}
