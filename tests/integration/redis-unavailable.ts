import { describe, expect, it } from 'vitest';

/**
 * What a Redis suite does when it cannot run (no redis-server binary, or no PostgreSQL for the
 * shared database): with REQUIRE_REDIS=1 (CI) it fails, so a run cannot pass by running nothing;
 * otherwise it is skipped with the reason printed.
 */
export function redisUnavailable(suite: string, why: string): void {
	if (process.env.REQUIRE_REDIS === '1') {
		describe(suite, () => {
			it('needs Redis (REQUIRE_REDIS=1 is set)', () => {
				expect.fail(`REQUIRE_REDIS=1 but "${suite}" cannot run: ${why}`);
			});
		});
		return;
	}
	console.warn(`${suite}: skipped — ${why}`);
	describe.skip(`${suite} (skipped: ${why})`, () => {
		it('runs against Redis', () => {});
	});
}
