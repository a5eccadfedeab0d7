import { describe, expect, it } from 'vitest';

/**
 * What a PostgreSQL suite does when TEST_DATABASE_URL is not set: with REQUIRE_POSTGRES=1 (CI)
 * it fails, so a misconfigured run cannot pass by running nothing; otherwise it is skipped with
 * the reason printed. One rule for every PostgreSQL suite.
 */
export function postgresUnavailable(suite: string): void {
	if (process.env.REQUIRE_POSTGRES === '1') {
		describe(suite, () => {
			it('needs TEST_DATABASE_URL (REQUIRE_POSTGRES=1 is set)', () => {
				expect.fail(`REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set: "${suite}" cannot run`);
			});
		});
		return;
	}
	console.warn(`${suite}: skipped — set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run it`);
	describe.skip(`${suite} (skipped: TEST_DATABASE_URL is not set)`, () => {
		it('runs against PostgreSQL', () => {});
	});
}
