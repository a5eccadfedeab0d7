import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../src/lib/server/logger';
import type { Store } from '../src/lib/server/store/types';
import { pruneHistoryOnce, retentionCutOff, startHistoryRetention } from './history-retention';

const DAY = 24 * 60 * 60 * 1000;

/** A store whose pruneHistory hands out `due` updates a page at a time, and records each cut-off. */
function storeWith(due: number, fail = 0) {
	const calls: Array<{ cutOff: Date; limit: number }> = [];
	const state = { due, fail };
	const store = {
		docs: {
			async pruneHistory(cutOff: Date, limit = 10_000) {
				calls.push({ cutOff, limit });
				if (state.fail > 0) {
					state.fail--;
					throw new Error('database unavailable');
				}
				const updates = Math.min(limit, state.due);
				state.due -= updates;
				return { updates, documents: updates > 0 ? 1 : 0 };
			}
		}
	} as unknown as Store;
	return { store, calls, state };
}

function recordingLogger() {
	const lines: Array<{ level: string; fields: unknown; msg: string }> = [];
	const logger = createLogger('silent');
	const child = {
		info: (fields: unknown, msg: string) => lines.push({ level: 'info', fields, msg }),
		warn: (fields: unknown, msg: string) => lines.push({ level: 'warn', fields, msg }),
		error: (fields: unknown, msg: string) => lines.push({ level: 'error', fields, msg })
	};
	logger.child = (() => child) as unknown as typeof logger.child;
	return { logger, lines };
}

afterEach(() => {
	vi.useRealTimers();
});

describe('history retention', () => {
	it('cuts off meetings adjusted more than the retention days ago', () => {
		const now = new Date('2026-12-01T03:00:00Z');
		expect(retentionCutOff(now, 90).toISOString()).toBe('2026-09-02T03:00:00.000Z');
		expect(retentionCutOff(now, 0)).toEqual(now);
	});

	it('deletes a page at a time until less than a page is left, and counts what went', async () => {
		const { store, calls } = storeWith(12);
		const now = new Date('2026-12-01T03:00:00Z');
		expect(await pruneHistoryOnce(store, 90, now, 5)).toEqual({ cutOff: retentionCutOff(now, 90), updates: 12, documents: 3, more: false });
		expect(calls.map((c) => c.limit)).toEqual([5, 5, 5]);
		expect(new Set(calls.map((c) => c.cutOff.toISOString()))).toEqual(new Set(['2026-09-02T03:00:00.000Z']));
	});

	it('stops after its pages per run and says more is due', async () => {
		const { store, calls } = storeWith(100);
		expect(await pruneHistoryOnce(store, 90, new Date(), 5, 3)).toMatchObject({ updates: 15, more: true });
		expect(calls).toHaveLength(3);
	});

	it('runs first after its delay, then every interval; logs counts only; a failure is logged and the next run goes on', async () => {
		vi.useFakeTimers();
		vi.setSystemTime(new Date('2026-12-01T03:00:00Z'));
		const { store, calls, state } = storeWith(7, 1);
		const { logger, lines } = recordingLogger();
		const job = startHistoryRetention(store, logger, { retentionDays: 30, intervalMs: DAY, firstRunMs: 1000 });
		await vi.advanceTimersByTimeAsync(999);
		expect(calls).toHaveLength(0);
		await vi.advanceTimersByTimeAsync(1);
		expect(lines.map((l) => l.level)).toEqual(['error']); // the first run failed
		await vi.advanceTimersByTimeAsync(DAY);
		expect(state.due).toBe(0);
		expect(lines[1]).toMatchObject({ level: 'info', fields: { updates: 7, documents: 1, retentionDays: 30, adjustedBefore: '2026-11-02T03:00:01.000Z' } });
		await job.stop();
		await vi.advanceTimersByTimeAsync(3 * DAY);
		expect(calls).toHaveLength(2);
	});

	it('runOnce runs at once, with the given now; stop waits for a run in progress', async () => {
		const { store, calls } = storeWith(3);
		const { logger } = recordingLogger();
		const job = startHistoryRetention(store, logger, { retentionDays: 90, firstRunMs: DAY });
		const run = job.runOnce(new Date('2026-12-01T00:00:00Z'));
		const stopped = job.stop();
		expect(await run).toMatchObject({ updates: 3, documents: 1 });
		await stopped;
		expect(calls[0].cutOff.toISOString()).toBe('2026-09-02T00:00:00.000Z');
	});
});
