import { describe, expect, it } from 'vitest';
import { rateLimitHeaders, TokenRateLimiter } from './rate-limit';

describe('TokenRateLimiter', () => {
	it('lets a token make `limit` requests a minute, then refuses until the window ends', () => {
		const limiter = new TokenRateLimiter(3);
		const t0 = 1_000_000;
		expect([1, 2, 3].map(() => limiter.take('a', t0).allowed)).toEqual([true, true, true]);
		const refused = limiter.take('a', t0 + 15_000);
		expect(refused).toEqual({ allowed: false, limit: 3, remaining: 0, resetSeconds: 45 });
		// Another token has its own count.
		expect(limiter.take('b', t0 + 15_000)).toMatchObject({ allowed: true, remaining: 2 });
		expect(limiter.take('a', t0 + 60_000)).toMatchObject({ allowed: true, remaining: 2, resetSeconds: 60 });
	});

	it('writes the draft RFC’s structured headers', () => {
		expect(rateLimitHeaders({ allowed: true, limit: 600, remaining: 599, resetSeconds: 60 })).toEqual({
			'ratelimit-policy': '"token";q=600;w=60',
			ratelimit: '"token";r=599;t=60'
		});
	});
});
