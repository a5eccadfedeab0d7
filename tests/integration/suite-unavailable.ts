import { describe, expect, it } from 'vitest';

/**
 * What a suite does when what it needs is not there: with its REQUIRE_… variable set to 1 (CI)
 * it fails, so a misconfigured run cannot pass by running nothing; otherwise it is skipped with
 * the reason printed. One rule for every suite that needs an outside service.
 */
export function suiteUnavailable(suite: string, requiredBy: 'REQUIRE_POSTGRES' | 'REQUIRE_REDIS', why: string): void {
	if (process.env[requiredBy] === '1') {
		describe(suite, () => {
			it(`cannot run (${requiredBy}=1 is set)`, () => {
				expect.fail(`${requiredBy}=1 but "${suite}" cannot run: ${why}`);
			});
		});
		return;
	}
	console.warn(`${suite}: skipped — ${why}`);
	describe.skip(`${suite} (skipped: ${why})`, () => {
		it('runs against the real service', () => {});
	});
}

/** The PostgreSQL suites: they need TEST_DATABASE_URL. */
export function postgresUnavailable(suite: string): void {
	suiteUnavailable(suite, 'REQUIRE_POSTGRES', 'set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run it');
}
