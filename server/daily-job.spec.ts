import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDailyJob } from './daily-job';

afterEach(() => vi.useRealTimers());

describe('startDailyJob', () => {
	it('runs first after firstRunMs, then once per interval, and a failed run neither stops it nor rejects', async () => {
		vi.useFakeTimers();
		const errors: unknown[] = [];
		let calls = 0;
		const job = startDailyJob(
			async () => {
				calls++;
				if (calls === 2) throw new Error('database away');
				return calls;
			},
			(error) => errors.push(error),
			{ firstRunMs: 1000, intervalMs: 5000 }
		);
		await vi.advanceTimersByTimeAsync(999);
		expect(calls).toBe(0);
		await vi.advanceTimersByTimeAsync(1);
		expect(calls).toBe(1);
		await vi.advanceTimersByTimeAsync(5000);
		expect(calls).toBe(2);
		expect(errors).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(5000);
		expect(calls).toBe(3);
		await job.stop();
		await vi.advanceTimersByTimeAsync(20_000);
		expect(calls).toBe(3);
	});

	it('never runs two at once: a second runOnce waits for the first; stop waits for the one in progress', async () => {
		let active = 0;
		let most = 0;
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		const job = startDailyJob(
			async (now) => {
				active++;
				most = Math.max(most, active);
				await gate;
				active--;
				return now.toISOString();
			},
			() => {},
			{ firstRunMs: 60_000 }
		);
		const first = job.runOnce(new Date('2026-11-30T03:00:00Z'));
		const second = job.runOnce(new Date('2026-12-01T03:00:00Z'));
		let stopped = false;
		const stopping = job.stop().then(() => (stopped = true));
		await Promise.resolve();
		expect(stopped).toBe(false);
		release();
		expect(await first).toBe('2026-11-30T03:00:00.000Z');
		expect(await second).toBe('2026-12-01T03:00:00.000Z');
		await stopping;
		expect(most).toBe(1);
	});
});
