import { ConfigError, loadConfig, type Config } from '../src/lib/server/config.js';

/** For process entries: the configuration, or a message naming each bad variable and exit 1. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv): Config {
	try {
		return loadConfig(env);
	} catch (error) {
		if (error instanceof ConfigError) {
			console.error(error.message);
			process.exit(1);
		}
		throw error;
	}
}
