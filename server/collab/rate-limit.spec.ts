import { describe, expect, it } from 'vitest';
import { KeyedBuckets, TokenBucket, UpgradeBudgets, UpgradeRateLimit } from './rate-limit';

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

describe('TokenBucket', () => {
	it('allows a burst, then refills at its rate', () => {
		let now = 0;
		const bucket = new TokenBucket(2, 4, () => now);
		expect([1, 2, 3, 4, 5].map(() => bucket.tryTake())).toEqual([true, true, true, true, false]);
		now = 499;
		expect(bucket.tryTake()).toBe(false);
		now = 500;
		expect(bucket.tryTake()).toBe(true);
		now = 60_000;
		expect([1, 2, 3, 4, 5].map(() => bucket.tryTake())).toEqual([true, true, true, true, false]);
	});
});

describe('KeyedBuckets', () => {
	it('keeps a bucket per key', () => {
		const buckets = new KeyedBuckets(1, 1, 10, () => 0);
		expect([buckets.tryTake('a'), buckets.tryTake('a'), buckets.tryTake('b')]).toEqual([true, false, true]);
	});

	it('never holds more than maxKeys, forgetting the least recently seen', () => {
		const buckets = new KeyedBuckets(1, 1, 3, () => 0);
		for (const key of ['a', 'b', 'c']) buckets.tryTake(key);
		buckets.tryTake('a'); // a is now the most recently seen
		for (let i = 0; i < 10_000; i++) buckets.tryTake(`spoofed-${i}`);
		expect(buckets.size).toBe(3);
		const kept = new KeyedBuckets(1, 1, 3, () => 0);
		for (const key of ['a', 'b', 'c']) kept.tryTake(key);
		kept.tryTake('a');
		kept.tryTake('d'); // forgets b, the least recently seen
		expect(kept.tryTake('a')).toBe(false); // still remembered: its bucket is empty
		expect(kept.tryTake('b')).toBe(true); // forgotten: a full bucket again
	});
});

describe('UpgradeBudgets', () => {
	const limits = { perSecond: 5, perAddressPerSecond: 3, perSessionPerSecond: 2 };

	it('charges source addresses separately from members', () => {
		const budgets = new UpgradeBudgets(limits, () => 0);
		for (let i = 0; i < 6; i++) expect(budgets.address('203.0.113.9')).toBe(true);
		expect(budgets.address('203.0.113.9')).toBe(false);
		expect(budgets.address('198.51.100.1')).toBe(true);
		expect(budgets.session('member-1')).toBe(true);
	});

	it('gives every session its share: one session using up its own leaves the rest for others', () => {
		const budgets = new UpgradeBudgets(limits, () => 0);
		const greedy = Array.from({ length: 10 }, () => budgets.session('greedy'));
		expect(greedy.filter(Boolean)).toHaveLength(4);
		expect(budgets.session('other')).toBe(true);
	});

	it('caps all members together', () => {
		const budgets = new UpgradeBudgets(limits, () => 0);
		const results = Array.from({ length: 8 }, (_, i) => budgets.session(`s${i}`));
		expect(results.filter(Boolean)).toHaveLength(5);
	});
});
