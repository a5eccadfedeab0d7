import { describe, expect, it } from 'vitest';
import { ACCOUNT_POLICY, ADDRESS_POLICY, delayAfter, secondsToWait } from './sign-in-throttle';

describe('sign-in throttle', () => {
	it('allows the free attempts without delay', () => {
		for (let n = 0; n < ACCOUNT_POLICY.freeAttempts; n++) expect(delayAfter(n, ACCOUNT_POLICY)).toBe(0);
		for (let n = 0; n < ADDRESS_POLICY.freeAttempts; n++) expect(delayAfter(n, ADDRESS_POLICY)).toBe(0);
	});

	it('then doubles the delay, capped at the maximum', () => {
		const p = { freeAttempts: 3, firstDelaySeconds: 10, maxDelaySeconds: 100 };
		expect([3, 4, 5, 6, 7, 8].map((n) => delayAfter(n, p))).toEqual([10, 20, 40, 80, 100, 100]);
		expect(delayAfter(5, ACCOUNT_POLICY)).toBe(30);
		expect(delayAfter(6, ACCOUNT_POLICY)).toBe(60);
		expect(delayAfter(1_000_000, ACCOUNT_POLICY)).toBe(15 * 60);
		expect(delayAfter(20, ADDRESS_POLICY)).toBe(30);
	});

	it('secondsToWait counts down from the last failure and rounds up', () => {
		const last = new Date('2026-03-01T10:00:00Z');
		const at = (ms: number) => new Date(last.getTime() + ms);
		expect(secondsToWait(4, last, last, ACCOUNT_POLICY)).toBe(0);
		expect(secondsToWait(5, last, last, ACCOUNT_POLICY)).toBe(30);
		expect(secondsToWait(5, last, at(100), ACCOUNT_POLICY)).toBe(30);
		expect(secondsToWait(5, last, at(29_001), ACCOUNT_POLICY)).toBe(1);
		expect(secondsToWait(5, last, at(30_000), ACCOUNT_POLICY)).toBe(0);
		expect(secondsToWait(5, last, at(3_600_000), ACCOUNT_POLICY)).toBe(0);
		expect(secondsToWait(6, last, at(30_000), ACCOUNT_POLICY)).toBe(30);
	});
});
