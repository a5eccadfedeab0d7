const DAY_MS = 24 * 60 * 60 * 1000;

export interface DailyJob<T> {
	/** One run now (the timer calls this too); runs never overlap: a second waits for the first. */
	runOnce(now?: Date): Promise<T | null>;
	/** No more runs; resolves when a run in progress has finished. */
	stop(): Promise<void>;
}

export interface DailyJobOptions {
	/** Between runs (a day). */
	intervalMs?: number;
	/** The first run, after start: not during start-up itself, when every document is loading. */
	firstRunMs: number;
}

/**
 * The timer shared by the daily maintenance jobs (history retention, board upkeep): one run after
 * `firstRunMs`, then one per interval, never two at once. `run` reports its own results; a run
 * that throws goes to `onError` and resolves to null, and the next run comes as planned, so one
 * bad day never stops the job. The timer is unref'd: it never keeps the process alive.
 */
export function startDailyJob<T>(run: (now: Date) => Promise<T>, onError: (error: unknown) => void, options: DailyJobOptions): DailyJob<T> {
	const intervalMs = options.intervalMs ?? DAY_MS;
	let timer: ReturnType<typeof setTimeout> | null = null;
	let running: Promise<T | null> = Promise.resolve(null);
	let stopped = false;

	const schedule = (delay: number) => {
		if (stopped) return;
		timer = setTimeout(() => {
			timer = null;
			void runOnce().finally(() => schedule(intervalMs));
		}, delay);
		timer.unref?.();
	};

	function runOnce(now = new Date()): Promise<T | null> {
		running = running.then(async () => {
			try {
				return await run(now);
			} catch (error) {
				onError(error);
				return null;
			}
		});
		return running;
	}

	schedule(options.firstRunMs);
	return {
		runOnce,
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			timer = null;
			await running;
		}
	};
}
