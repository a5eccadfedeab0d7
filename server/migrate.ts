import { loadConfigOrExit } from './config-or-exit.js';
import { createStore } from '../src/lib/server/store/index.js';
import { migrationsDir } from './paths.js';

/**
 * `npm run db:migrate`: applies the pending files of supabase/migrations to the configured
 * database (DATABASE_URL — also a Supabase project's connection string — or the embedded one
 * under DATA_DIR) and says what it did.
 * The app itself never migrates a PostgreSQL database at start; it refuses to run until this has.
 */
async function main(): Promise<void> {
	const config = loadConfigOrExit(process.env);
	const target = config.databaseUrl ? `PostgreSQL at ${redact(config.databaseUrl)}` : `the embedded database in ${config.dataDir}`;
	let ahead: string[] = [];
	// With Supabase configured too, DATABASE_URL (the project's connection string) is what can run
	// DDL; without it, createStore explains that the Data API cannot migrate.
	const { store, applied } = await createStore(config.databaseUrl ? { ...config, supabase: undefined } : config, {
		migrationsDir: migrationsDir(),
		schema: 'migrate',
		onSchemaAhead: (unknown) => (ahead = unknown)
	});
	await store.close();
	if (applied.length === 0) console.log(`Schema of ${target} is up to date; nothing to apply.`);
	else {
		console.log(`Applied ${applied.length} migration(s) to ${target}:`);
		for (const name of applied) console.log(`  ${name}`);
	}
	if (ahead.length > 0) {
		console.warn(`Note: the database has migrations this version does not know (a newer version ran them):`);
		for (const name of ahead) console.warn(`  ${name}`);
	}
}

/** The URL without its password, for messages. */
function redact(url: string): string {
	const u = new URL(url);
	if (u.password) u.password = '***';
	return u.toString();
}

main().catch((error) => {
	console.error('Migration failed:', error instanceof Error ? error.message : error);
	process.exit(1);
});
