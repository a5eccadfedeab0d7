/**
 * Queueing a message wakes this process's mail worker at once, so it does not wait for the next
 * poll. Services run inside SvelteKit's bundle and the worker in `server/`, which hold separate
 * copies of this module: the hook lives on globalThis under a registered symbol, as the runtime.
 */
const KEY = Symbol.for('samtavla.mail.wake');
type Holder = { [KEY]?: () => void };

export function onMailQueued(wake: (() => void) | undefined): void {
	if (wake) (globalThis as Holder)[KEY] = wake;
	else delete (globalThis as Holder)[KEY];
}

/** Nothing happens without a worker (e-mail off, or another instance sends it at its next poll). */
export function mailQueued(): void {
	(globalThis as Holder)[KEY]?.();
}
