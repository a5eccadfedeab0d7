import type { Config } from './config.js';
import { createLogger } from './logger.js';
import { createStore, type StoreOptions } from './store/index.js';
import type { LiveConnections, Runtime } from './runtime.js';

/**
 * Opens the store (applying migrations) and the logger. The caller adds the live-connection
 * registry once its collab server exists, then registers the whole runtime.
 */
export async function createRuntimeBase(config: Config, options: StoreOptions): Promise<Omit<Runtime, 'live'>> {
	const logger = createLogger(config.logLevel);
	const { store, applied } = await createStore(config, options);
	for (const name of applied) logger.info({ migration: name }, 'migration applied');
	logger.info({ store: store.kind }, 'store ready');
	return { config, store, logger };
}

export const noLiveConnections: LiveConnections = {
	closeSession() {},
	async refreshMember() {}
};
