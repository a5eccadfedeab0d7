import type { Store } from '../../src/lib/server/store/types.js';

/** Session ids per query: a few thousand open sockets re-check in a handful of queries. */
const IDS_PER_QUERY = 500;

/**
 * When the sessions of open sockets end, read for many sockets at once (issue 13). Every socket
 * re-checks its session every COLLAB_SESSION_CHECK_MS (socket-session.ts): one query each was
 * about 17 reads a second at 1,000 clients. Asked in the same turn of the event loop (the sockets
 * align their checks, socket-session.ts), the sessions are read in one query, each id once.
 */
export class SessionExpiries {
	readonly #waiting = new Map<string, Array<{ resolve: (at: Date | null) => void; reject: (error: unknown) => void }>>();

	constructor(private readonly store: Store) {}

	/** When the session ends; null when it is gone (signed out, or ended elsewhere). */
	of(sessionId: string): Promise<Date | null> {
		return new Promise((resolve, reject) => {
			if (this.#waiting.size === 0) setImmediate(() => void this.#read());
			const waiting = this.#waiting.get(sessionId);
			if (waiting) waiting.push({ resolve, reject });
			else this.#waiting.set(sessionId, [{ resolve, reject }]);
		});
	}

	async #read(): Promise<void> {
		const asked = [...this.#waiting];
		this.#waiting.clear();
		for (let i = 0; i < asked.length; i += IDS_PER_QUERY) {
			const slice = asked.slice(i, i + IDS_PER_QUERY);
			try {
				const found = await this.store.sessions.expiries(slice.map(([id]) => id));
				for (const [id, waiting] of slice) for (const w of waiting) w.resolve(found.get(id) ?? null);
			} catch (error) {
				for (const [, waiting] of slice) for (const w of waiting) w.reject(error);
			}
		}
	}
}
