import type { Logger } from '../logger.js';
import type { WakeHook } from './wake.js';

/**
 * The loop every outbox sender runs (e-mail, webhooks): drain what is due at every poll and
 * whenever this process queues a row, never two drains at once (a wake-up during a drain asks for
 * one more right after it), and a stop that gives the drain under way a grace to finish. The
 * sender's own `drain` claims rows under a lease and checks `stopping` before each claim.
 */
export interface PollLoop<T> {
	/** Drains now, or (while a drain runs) once more after it; resolves with that drain's counts. */
	runOnce(): Promise<T>;
	/** Set by `stop`: a drain claims nothing more. */
	readonly stopping: boolean;
	/** No more polls or wake-ups; waits up to `graceMs` for the drain under way. */
	stop(graceMs: number): Promise<void>;
	/** Waits up to `ms` for a drain under way, if any (a sender that cut its connections lets it record that). */
	settled(ms: number): Promise<void>;
}

export interface PollLoopOptions {
	pollMs: number;
	wake: WakeHook;
	logger: Logger;
	/** Names the sender in log lines, e.g. "the mail worker". */
	name: string;
}

export function startPollLoop<T>(drain: () => Promise<T>, options: PollLoopOptions): PollLoop<T> {
	const { logger, name } = options;
	let stopping = false;
	let timer: ReturnType<typeof setTimeout> | null = null;
	let running: Promise<T> | null = null;
	let again = false;

	function runOnce(): Promise<T> {
		if (running) {
			again = true;
			return running;
		}
		running = drain().finally(() => {
			running = null;
			if (again && !stopping) {
				again = false;
				void runOnce().catch((error) => logger.error({ err: error }, `${name} could not read its outbox`));
			}
		});
		return running;
	}

	async function settled(ms: number): Promise<void> {
		const inFlight = running;
		if (!inFlight) return;
		let cut: ReturnType<typeof setTimeout> | undefined;
		await Promise.race([inFlight.catch(() => {}), new Promise<void>((resolve) => (cut = setTimeout(resolve, ms)))]);
		clearTimeout(cut);
	}

	function schedule(): void {
		if (stopping) return;
		timer = setTimeout(() => {
			runOnce()
				.catch((error) => logger.error({ err: error }, `${name} could not read its outbox; it tries again at the next poll`))
				.finally(schedule);
		}, options.pollMs);
		timer.unref?.();
	}

	options.wake.on(() => {
		if (!stopping) void runOnce().catch((error) => logger.error({ err: error }, `${name} could not read its outbox`));
	});
	schedule();

	return {
		runOnce,
		get stopping() {
			return stopping;
		},
		settled,
		async stop(graceMs) {
			stopping = true;
			options.wake.on(undefined);
			if (timer) clearTimeout(timer);
			await settled(graceMs);
		}
	};
}
