import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfigOrExit } from './config-or-exit.js';
import { createStore } from '../src/lib/server/store/index.js';
import { checkAuditChain, describeAuditCheck } from '../src/lib/server/audit/check.js';
import { migrationsDir } from './paths.js';

/**
 * `npm run audit:check`: verifies the audit log's hash chain in the configured database (the same
 * configuration as the app: SUPABASE_*, DATABASE_URL or the embedded one under DATA_DIR) and
 * prints "audit chain intact: N entries" and the head hash, or every place it breaks. Exit code 0
 * when intact, 1 when broken, 2 when the check could not run. Changes nothing.
 */
async function main(): Promise<number> {
	const config = loadConfigOrExit(process.env);
	const embedded = resolve(config.dataDir, 'pglite');
	// Opening a missing embedded database would create one: a check must not change what it checks.
	if (!config.supabase && !config.databaseUrl && !existsSync(join(embedded, 'PG_VERSION'))) {
		console.error(`No database in ${embedded} (set DATA_DIR, DATABASE_URL or SUPABASE_URL as for the server).`);
		return 2;
	}
	// 'check': never migrates, even the embedded database (a check must not change what it checks).
	const { store } = await createStore(config, { migrationsDir: migrationsDir(), schema: 'check' });
	try {
		const { ok, lines } = describeAuditCheck(await checkAuditChain(store));
		for (const line of lines) (ok ? console.log : console.error)(line);
		return ok ? 0 : 1;
	} finally {
		await store.close();
	}
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error('Audit check failed to run:', error instanceof Error ? error.message : error);
		process.exit(2);
	}
);
