import type { Store } from '../../src/lib/server/store/types.js';
import { BatchedReads } from './batched-reads.js';

/** Session ids per query: a few thousand open sockets re-check in a handful of queries. */
const IDS_PER_QUERY = 500;

/**
 * When the sessions of open sockets end, read for many sockets at once (issue 13). Every socket
 * re-checks its session every COLLAB_SESSION_CHECK_MS (socket-session.ts): one query each was
 * about 17 reads a second at 1,000 clients. Asked in the same turn of the event loop (the sockets
 * align their checks, socket-session.ts), the sessions are read in one query, each id once.
 */
export class SessionExpiries {
	readonly #reads: BatchedReads<string, Date | null>;

	constructor(store: Store) {
		this.#reads = new BatchedReads(
			async (ids) => {
				const found = await store.sessions.expiries(ids);
				return ids.map((id) => found.get(id) ?? null);
			},
			(id) => id,
			IDS_PER_QUERY
		);
	}

	/** When the session ends; null when it is gone (signed out, or ended elsewhere). */
	of(sessionId: string): Promise<Date | null> {
		return this.#reads.read(sessionId);
	}
}
