import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/lib/server/store/index';
import { storeContract } from './store-contract';

/**
 * The store contract against a real Supabase project, through supabase-js and its Data API
 * (PostgREST) with the service role — the part nothing local can stand in for. It runs when
 * SUPABASE_TEST_URL and SUPABASE_TEST_SERVICE_ROLE_KEY name a project whose schema is current
 * (`supabase link --project-ref …` then `supabase db push`); the store only checks the schema.
 * Every test makes rows with fresh ids, so a shared test project works, but use one that holds
 * nothing else. Without the variables the suite is skipped and says so: no hosted Supabase exists
 * here, and what can be checked locally is (requests.spec.ts beside the adapter: the exact
 * requests; the contract on PGlite and PostgreSQL: the SQL functions behind them).
 */

const url = process.env.SUPABASE_TEST_URL;
const serviceRoleKey = process.env.SUPABASE_TEST_SERVICE_ROLE_KEY;
const suite = 'Store contract: Supabase (supabase-js → PostgREST)';

if (url && serviceRoleKey) {
	storeContract(suite, {
		kind: 'supabase',
		expectApplied: 'none', // migrated beforehand with `supabase db push`; the app never migrates Supabase
		async open() {
			return createStore({ dataDir: '', databaseUrl: undefined, supabase: { url: url.replace(/\/+$/, ''), serviceRoleKey } }, { migrationsDir: resolve('supabase/migrations') });
		},
		async dispose(store) {
			await store?.close();
		}
	});
} else if (url || serviceRoleKey) {
	// Half a configuration is a mistake, not a choice: fail rather than skip quietly.
	describe(suite, () => {
		it('needs both SUPABASE_TEST_URL and SUPABASE_TEST_SERVICE_ROLE_KEY', () => {
			expect.fail(`${url ? 'SUPABASE_TEST_SERVICE_ROLE_KEY' : 'SUPABASE_TEST_URL'} is not set: "${suite}" needs both`);
		});
	});
} else {
	console.warn(`${suite}: skipped — set SUPABASE_TEST_URL and SUPABASE_TEST_SERVICE_ROLE_KEY (a project migrated with \`supabase db push\`) to run it`);
	describe.skip(`${suite} (skipped: SUPABASE_TEST_URL and SUPABASE_TEST_SERVICE_ROLE_KEY are not set)`, () => {
		it('runs the store contract against a real Supabase project', () => {});
	});
}
