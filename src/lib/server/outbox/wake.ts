/**
 * A process-wide wake-up for an outbox's worker: queueing a row calls it, so the worker sends at
 * once instead of at its next poll. Services run inside SvelteKit's bundle and the workers in
 * `server/`, which hold separate copies of every module: the hook lives on globalThis under a
 * registered symbol, as the runtime does.
 */
export interface WakeHook {
	/** Registers the worker's wake-up, or with `undefined` removes it. */
	on(wake: (() => void) | undefined): void;
	/** Nothing happens without a worker (the feature is off, or another instance sends at its next poll). */
	fire(): void;
}

export function wakeHook(name: string): WakeHook {
	const key = Symbol.for(`samtavla.${name}.wake`);
	const holder = globalThis as { [key: symbol]: (() => void) | undefined };
	return {
		on(wake) {
			if (wake) holder[key] = wake;
			else delete holder[key];
		},
		fire() {
			holder[key]?.();
		}
	};
}
