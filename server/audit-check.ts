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
