import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { loadConfigOrExit } from './config-or-exit.js';
import { startApp, type RequestHandler } from './app.js';
import { migrationsDir, projectRoot } from './paths.js';
import { stampProtocol, useDirectProtocol } from './direct-protocol.js';
import { startIdleMemoryReducer } from './idle-memory.js';

/** The request body limit `npm start` gives adapter-node unless BODY_SIZE_LIMIT is set. */
const DEFAULT_BODY_SIZE_LIMIT = '21M';

/**
 * Production entry: SvelteKit's adapter-node handler and the collab server on one port.
 * Configuration is read here, once; a bad value stops the start with a message naming it.
 */
async function main(): Promise<void> {
	const config = loadConfigOrExit(process.env);
	const root = projectRoot();
	const direct = useDirectProtocol(process.env);
	// The runtime first: a database behind the code stops the start here (SchemaBehindError names
	// the files and `npm run db:migrate`) before SvelteKit's bundle is even loaded. Requests that
	// arrive while the bundle loads wait for it.
	let loaded!: (handler: RequestHandler) => void;
	const sveltekit = new Promise<RequestHandler>((resolve) => (loaded = resolve));
	const handler: RequestHandler = (req, res, next) => {
		if (direct) stampProtocol(req);
		void sveltekit.then((h) => h(req, res, next));
	};
	const app = await startApp(config, { migrationsDir: migrationsDir(root) }, handler);
	// For the person who typed `npm start`: one plain line with the address. The JSON log line
	// "Samtavla is listening" carries the same url for machines.
	console.log(`Samtavla is running at ${app.url}`);
	// The young generation `npm start` lets grow under load is given back when the server is quiet.
	const reducer = startIdleMemoryReducer(app.runtime.logger);
	// adapter-node reads BODY_SIZE_LIMIT when its handler loads (default 512K): /verify accepts PDFs
	// up to 20 MiB (MAX_VERIFY_PDF_BYTES), so unless the operator chose a limit, allow that and the
	// form's own few bytes.
	process.env.BODY_SIZE_LIMIT ||= DEFAULT_BODY_SIZE_LIMIT;
	loaded(((await import(pathToFileURL(join(root, 'build', 'handler.js')).href)) as { handler: RequestHandler }).handler);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		reducer?.stop();
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
	// Another instance took over the shared database (no REDIS_URL): the app has closed itself.
	void app.stoodDown.then(() => process.exit(1));
}

main().catch((error) => {
	console.error('Samtavla could not start:', error instanceof Error ? error.message : error);
	process.exit(1);
});
