import { describe, expect, it } from 'vitest';
import { CloseCode } from '$lib/domain/collab-protocol';
import { onlineDelay, reconnectDelay, shouldReconnect } from './reconnect';

/** A seeded generator (mulberry32), so the spread checks are deterministic. */
function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const ALMOST_ONE = 1 - Number.EPSILON;

describe('reconnectDelay', () => {
	it('the first retry lands between 0.5 and 3 s after the loss', () => {
		expect(reconnectDelay(0, () => 0)).toBe(500);
		expect(reconnectDelay(0, () => 0.5)).toBe(1750);
		expect(reconnectDelay(0, () => ALMOST_ONE)).toBe(3000);
	});

	it('the window doubles with each attempt', () => {
		expect(reconnectDelay(1, () => ALMOST_ONE)).toBe(5500);
		expect(reconnectDelay(2, () => ALMOST_ONE)).toBe(10_500);
		expect(reconnectDelay(1, () => 0.5)).toBe(3000);
		expect(reconnectDelay(2, () => 0.5)).toBe(5500);
	});

	it('the window is capped at 15 s however many attempts failed', () => {
		for (const attempt of [3, 4, 10, 100, 10_000, Number.MAX_SAFE_INTEGER, Infinity]) {
			expect(reconnectDelay(attempt, () => ALMOST_ONE)).toBe(15_500);
			expect(reconnectDelay(attempt, () => 0)).toBe(500);
		}
	});

	it('never waits less than 0.5 s, even for a negative attempt', () => {
		expect(reconnectDelay(-5, () => 0)).toBe(500);
		expect(reconnectDelay(-5, () => ALMOST_ONE)).toBe(3000);
	});

	it('returns whole milliseconds that grow monotonically with the random value', () => {
		const random = seeded(7);
		for (let i = 0; i < 200; i++) {
			const r = random();
			const d = reconnectDelay(i % 6, () => r);
			expect(Number.isInteger(d)).toBe(true);
		}
		for (const attempt of [0, 1, 2, 3]) {
			let previous = -1;
			for (let r = 0; r < 1; r += 0.05) {
				const d = reconnectDelay(attempt, () => r);
				expect(d).toBeGreaterThanOrEqual(previous);
				previous = d;
			}
		}
	});

	it('spreads clients across the whole window instead of bunching them', () => {
		for (const [attempt, low, high] of [
			[0, 500, 3000],
			[2, 500, 10_500],
			[5, 500, 15_500]
		] as const) {
			const random = seeded(attempt + 1);
			const delays = Array.from({ length: 2000 }, () => reconnectDelay(attempt, random));
			for (const d of delays) {
				expect(d).toBeGreaterThanOrEqual(low);
				expect(d).toBeLessThanOrEqual(high);
			}
			// Every tenth of the window gets a fair share: between 5 % and 15 % of the clients.
			const buckets = new Array(10).fill(0);
			for (const d of delays) buckets[Math.min(9, Math.floor(((d - low) / (high - low)) * 10))]++;
			for (const count of buckets) {
				expect(count).toBeGreaterThan(100);
				expect(count).toBeLessThan(300);
			}
			expect(new Set(delays).size).toBeGreaterThan(500);
		}
	});

	it('uses Math.random when no generator is given, staying within bounds', () => {
		const delays = Array.from({ length: 500 }, () => reconnectDelay(0));
		expect(Math.min(...delays)).toBeGreaterThanOrEqual(500);
		expect(Math.max(...delays)).toBeLessThanOrEqual(3000);
		expect(new Set(delays).size).toBeGreaterThan(50);
	});
});

describe('onlineDelay', () => {
	it('reconnects soon after coming back online, between 0.2 and 1.5 s', () => {
		expect(onlineDelay(() => 0)).toBe(200);
		expect(onlineDelay(() => 0.5)).toBe(850);
		expect(onlineDelay(() => ALMOST_ONE)).toBe(1500);
	});

	it('spreads the devices of a room over that window', () => {
		const random = seeded(42);
		const delays = Array.from({ length: 1000 }, () => onlineDelay(random));
		expect(Math.min(...delays)).toBeGreaterThanOrEqual(200);
		expect(Math.max(...delays)).toBeLessThanOrEqual(1500);
		expect(delays.filter((d) => d < 850).length).toBeGreaterThan(400);
		expect(delays.filter((d) => d >= 850).length).toBeGreaterThan(400);
		const defaults = Array.from({ length: 300 }, () => onlineDelay());
		expect(Math.min(...defaults)).toBeGreaterThanOrEqual(200);
		expect(Math.max(...defaults)).toBeLessThanOrEqual(1500);
		expect(new Set(defaults).size).toBeGreaterThan(50);
	});
});

describe('shouldReconnect', () => {
	it.each([
		['malformed frame', CloseCode.malformedFrame],
		['session ended', CloseCode.sessionEnded],
		['forbidden', CloseCode.forbidden],
		['document gone', CloseCode.documentGone],
		['any other 44xx', 4499],
		['the first 44xx', 4400]
	])('does not reconnect after %s (%i)', (_label, code) => {
		expect(shouldReconnect({ code })).toBe(false);
	});

	it.each([
		['server restart', CloseCode.serverRestart],
		['frame too large (may be caused by another member’s presence)', CloseCode.frameTooLarge],
		['overloaded', CloseCode.overloaded],
		['normal closure', 1000],
		['going away', 1001],
		['abnormal closure (network lost)', 1006],
		['internal error', 1011],
		['just below the 44xx range', 4399],
		['just above the 44xx range', 4500]
	])('reconnects after %s (%i)', (_label, code) => {
		expect(shouldReconnect({ code })).toBe(true);
	});

	it('accepts a real CloseEvent-like object', () => {
		expect(shouldReconnect({ code: 1006, reason: '', wasClean: false } as { code: number })).toBe(true);
		expect(shouldReconnect({ code: 4401, reason: 'session ended', wasClean: true } as { code: number })).toBe(false);
	});
});
