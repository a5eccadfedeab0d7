import { describe, expect, it } from 'vitest';
import { UpgradeRateLimit } from './rate-limit';

describe('UpgradeRateLimit', () => {
	it('allows perSecond upgrades per one-second window, then refuses until the window ends', () => {
		let now = 10_000;
		const limit = new UpgradeRateLimit(3, () => now);
		expect([limit.tryTake(), limit.tryTake(), limit.tryTake(), limit.tryTake()]).toEqual([true, true, true, false]);
		now += 999;
		expect(limit.tryTake()).toBe(false);
		now += 1;
		expect([limit.tryTake(), limit.tryTake(), limit.tryTake(), limit.tryTake()]).toEqual([true, true, true, false]);
	});

	it('a refused attempt does not use up the next window', () => {
		let now = 0;
		const limit = new UpgradeRateLimit(1, () => now);
		expect(limit.tryTake()).toBe(true);
		for (let i = 0; i < 100; i++) expect(limit.tryTake()).toBe(false);
		now = 5_000;
		expect(limit.tryTake()).toBe(true);
	});

	it('works from time zero of a fresh process clock', () => {
		let now = 0;
		const limit = new UpgradeRateLimit(2, () => now);
		expect(limit.tryTake()).toBe(true);
		expect(limit.tryTake()).toBe(true);
		expect(limit.tryTake()).toBe(false);
		now = 1000;
		expect(limit.tryTake()).toBe(true);
	});
});
