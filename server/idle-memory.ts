import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Logger } from '../src/lib/server/logger.js';

/**
 * Gives the young generation's memory back once the server goes quiet (issue 13).
 *
 * `npm start` lets V8's young generation grow to 64 MB a half (`--max-semi-space-size=64`):
 * under load at 4,000 clients a small one promoted short-lived objects (updates waiting for
 * their fan-out, socket write queues, awareness states) into the old generation, which then
 * needed a full collection every ~5 s; on one busy core each cost 150–300 ms of delayed edits,
 * and they were the p99. With room to die young, a 20 s run at 4,000 clients rarely holds one.
 *
 * V8 grows that space under load but shrinks it only at a collection that sees a low allocation
 * rate over its last few seconds of collections. A quiet server allocates so little that no
 * collection comes, and the grown space (16–128 MB) stays resident. So once the process has been
 * quiet for a while after being busy, this runs a young-generation collection each second (about
 * 1 ms on an empty young generation) until V8 has shrunk the space, or gives up after a few tries.
 */

/** Less process CPU than this in a second (both threads) is quiet: ~2 % of a core. */
export const QUIET_CPU_MS_PER_S = 20;
/** Quiet seconds after being busy before the first collection. */
export const QUIET_SECONDS_BEFORE = 2;
/** V8 shrinks once its last ~5 s of collections saw little allocation: enough tries for that. */
export const MAX_TRIES = 10;
/** A young generation this small (one half, MB) has nothing to give back. */
export const SMALL_YOUNG_MB = 2;

export interface IdleMemoryProbe {
	/** Process CPU time so far, ms (user + system, every thread). */
	cpuMs(): number;
	/** The young generation's capacity now, MB (one half). */
	youngMb(): number;
	/** One young-generation collection. */
	collectYoung(): void;
}

/** The decision, one tick a second; separate from the timer so it can be tested tick by tick. */
export class IdleMemoryReducer {
	#lastCpu: number;
	#quietSeconds = 0;
	#tries = 0;
	/** Busy since the last reduction: something may have grown. */
	#due = true;

	constructor(private readonly probe: IdleMemoryProbe) {
		this.#lastCpu = probe.cpuMs();
	}

	/** @returns whether it collected this tick */
	tick(): boolean {
		const cpu = this.probe.cpuMs();
		const used = cpu - this.#lastCpu;
		this.#lastCpu = cpu;
		if (used >= QUIET_CPU_MS_PER_S) {
			this.#quietSeconds = 0;
			this.#tries = 0;
			this.#due = true;
			return false;
		}
		if (!this.#due || ++this.#quietSeconds < QUIET_SECONDS_BEFORE) return false;
		if (this.probe.youngMb() <= SMALL_YOUNG_MB) {
			this.#due = false;
			return false;
		}
		this.probe.collectYoung();
		// The collection's own CPU is not the server getting busy again.
		this.#lastCpu = this.probe.cpuMs();
		if (++this.#tries >= MAX_TRIES || this.probe.youngMb() <= SMALL_YOUNG_MB) this.#due = false;
		return true;
	}
}

/**
 * V8's `gc` function without `--expose-gc` on the command line: the flag set at run time exposes
 * it to new contexts only, so this program's own global stays as it was (the way Jest's leak
 * detector gets it). Undefined if this Node refuses.
 */
function youngCollector(): (() => void) | null {
	try {
		setFlagsFromString('--expose-gc');
		const gc = runInNewContext('gc') as ((options?: { type: 'minor' | 'major' }) => void) | undefined;
		return typeof gc === 'function' ? () => gc({ type: 'minor' }) : null;
	} catch {
		return null;
	}
}

function youngMb(): number {
	const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
	return space ? space.space_size / 1048576 : 0;
}

/** Starts the reducer for this process (its timer does not keep the process alive). */
export function startIdleMemoryReducer(logger: Logger): { stop(): void } | null {
	const collectYoung = youngCollector();
	if (!collectYoung) {
		logger.warn('idle memory reducer off: this Node does not expose a garbage collection');
		return null;
	}
	const cpuMs = () => {
		const { user, system } = process.cpuUsage();
		return (user + system) / 1000;
	};
	const reducer = new IdleMemoryReducer({ cpuMs, youngMb, collectYoung });
	const timer = setInterval(() => reducer.tick(), 1000);
	timer.unref();
	return { stop: () => clearInterval(timer) };
}
