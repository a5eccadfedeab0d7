import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { loadConfigOrExit } from './config-or-exit.js';
import { startApp, type RequestHandler } from './app.js';
import { migrationsDir, projectRoot } from './paths.js';
import { stampProtocol, useDirectProtocol } from './direct-protocol.js';
import { checkPostgresSchema, schemaModeFor } from '../src/lib/server/store/index.js';
import { createLogger } from '../src/lib/server/logger.js';

/**
 * Production entry: SvelteKit's adapter-node handler and the collab server on one port.
 * Configuration is read here, once; a bad value stops the start with a message naming it.
 */
async function main(): Promise<void> {
	const config = loadConfigOrExit(process.env);
	const root = projectRoot();
	const direct = useDirectProtocol(process.env);
	if (config.databaseUrl) {
		// Before loading anything else: a database behind the code stops the start (SchemaBehindError
		// says which files and to run `npm run db:migrate`); one ahead of it (a newer deploy) is tolerated.
		const ahead = await checkPostgresSchema(config.databaseUrl, migrationsDir(root));
		if (ahead.length > 0) {
			createLogger(config.logLevel).warn(
				{ migrations: ahead },
				'the database has migrations this version does not know (a newer version ran them); starting anyway'
			);
		}
	}
	const { handler: sveltekit } = (await import(pathToFileURL(join(root, 'build', 'handler.js')).href)) as { handler: RequestHandler };
	const handler: RequestHandler = direct
		? (req, res, next) => {
				stampProtocol(req);
				sveltekit(req, res, next);
			}
		: sveltekit;
	const app = await startApp(config, { migrationsDir: migrationsDir(root), schema: schemaModeFor(config) }, handler);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		app.runtime.logger.info({ signal }, 'stopping: storing every open document');
		app.close().then(
			() => process.exit(0),
			(error) => {
				app.runtime.logger.error({ err: error }, 'stopping failed');
				process.exit(1);
			}
		);
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
	console.error('Samtavla could not start:', error instanceof Error ? error.message : error);
	process.exit(1);
});
