import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logger';
import { startPollLoop, type PollLoop } from './poll-loop';
import { wakeHook } from './wake';

/** A drain that waits until the test lets it finish, counting how often it ran. */
function gatedDrain() {
	let release: (() => void) | null = null;
	const state = { runs: 0, release: () => release?.() };
	const drain = async () => {
		state.runs++;
		await new Promise<void>((resolve) => (release = resolve));
		return state.runs;
	};
	return { state, drain };
}

const loops: PollLoop<unknown>[] = [];
afterEach(async () => {
	await Promise.all(loops.splice(0).map((loop) => loop.stop(0)));
	vi.useRealTimers();
});

function start<T>(drain: () => Promise<T>, pollMs = 60_000, name = `test-${loops.length}-${Math.random()}`) {
	const wake = wakeHook(name);
	const loop = startPollLoop(drain, { pollMs, wake, logger: createLogger('silent'), name: 'the test worker' });
	loops.push(loop);
	return { loop, wake };
}

describe('the outbox poll loop', () => {
	it('drains when woken, and a wake-up during a drain asks for exactly one more drain after it', async () => {
		const { state, drain } = gatedDrain();
		const { wake } = start(drain);
		wake.fire();
		expect(state.runs).toBe(1);
		wake.fire();
		wake.fire();
		expect(state.runs).toBe(1);
		state.release();
		await vi.waitFor(() => expect(state.runs).toBe(2));
		state.release();
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(state.runs).toBe(2);
	});

	it('runOnce during a drain answers with that drain, never a second one at once', async () => {
		const { state, drain } = gatedDrain();
		const { loop } = start(drain);
		const first = loop.runOnce();
		const second = loop.runOnce();
		expect(second).toBe(first);
		state.release();
		expect(await first).toBe(1);
	});

	it('drains at every poll', async () => {
		vi.useFakeTimers();
		let runs = 0;
		start(async () => ++runs, 1000);
		await vi.advanceTimersByTimeAsync(3500);
		expect(runs).toBe(3);
	});

	it('keeps polling after a drain fails (the store was away)', async () => {
		vi.useFakeTimers();
		let runs = 0;
		start(async () => {
			runs++;
			if (runs === 1) throw new Error('connection refused');
			return runs;
		}, 1000);
		await vi.advanceTimersByTimeAsync(2500);
		expect(runs).toBe(2);
	});

	it('stops: no wake-up or poll drains again, and stop waits its grace for the drain under way', async () => {
		const { state, drain } = gatedDrain();
		const { loop, wake } = start(drain, 10);
		wake.fire();
		let stopped = false;
		const stopping = loop.stop(5_000).then(() => (stopped = true));
		expect(loop.stopping).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(stopped).toBe(false);
		state.release();
		await stopping;
		wake.fire();
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(state.runs).toBe(1);
	});

	it("stop gives up after the grace when a drain hangs, and the hook no longer wakes it", async () => {
		const { state, drain } = gatedDrain();
		const { loop, wake } = start(drain);
		wake.fire();
		const before = Date.now();
		await loop.stop(50);
		expect(Date.now() - before).toBeLessThan(2_000);
		wake.fire();
		expect(state.runs).toBe(1);
		state.release();
	});
});
