import * as Y from 'yjs';

/**
 * Updates of one connection that refer to content the document does not have yet. They wait
 * here, with their connection, and never in the Y.Doc: Yjs would keep them in the document's
 * pending store and re-merge them on every later update of everyone (one member could stall the
 * whole server that way), and could not tell whose they were when dropping them.
 */

/** How much one connection, and one document over all its connections, may leave waiting. */
export interface WaitingLimits {
	maxPendingBytes: number;
	maxPendingMs: number;
	maxDocPendingBytes: number;
}

/** The document the updates wait for: its changes may bring what they lack; it keeps the total. */
export interface WaitingHost {
	readonly doc: Y.Doc;
	waitingBytes: number;
}

export type WaitingLimit = 'connection' | 'document' | 'age';

export class WaitingUpdates {
	#updates: Uint8Array[] = [];
	#bytes = 0;
	#since: number | null = null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#retryScheduled = false;

	constructor(
		private readonly host: WaitingHost,
		private readonly limits: WaitingLimits,
		/** `origin` of the connection's own updates: those never bring what it waits for. */
		private readonly owner: unknown,
		private readonly on: {
			/** The document changed: what waits may now be complete (called once per burst of changes). */
			retry(): void;
			/** What waits is older than `maxPendingMs`. */
			expired(): void;
		}
	) {}

	get bytes(): number {
		return this.#bytes;
	}

	get size(): number {
		return this.#updates.length;
	}

	/** When the oldest waiting update arrived (ms), or null when nothing waits. */
	get since(): number | null {
		return this.#since;
	}

	/** Holds `update`; returns the limit that holding it broke, or null. */
	hold(update: Uint8Array, now = Date.now()): WaitingLimit | null {
		this.#updates.push(update);
		this.#bytes += update.byteLength;
		this.host.waitingBytes += update.byteLength;
		if (this.#bytes > this.limits.maxPendingBytes) return 'connection';
		if (this.host.waitingBytes > this.limits.maxDocPendingBytes) return 'document';
		if (this.#since === null) {
			this.#since = now;
			this.#schedule(this.limits.maxPendingMs);
			// Content from someone else (or from another instance) may be what these updates wait for.
			this.host.doc.on('update', this.#onDocUpdate);
		}
		return null;
	}

	/** Everything waiting as one update (and kept as one, so later merges stay cheap). */
	merged(): Uint8Array {
		if (this.#updates.length > 1) {
			const one = Y.mergeUpdates(this.#updates);
			this.host.waitingBytes += one.byteLength - this.#bytes; // merging can shrink what waits
			this.#updates = [one];
			this.#bytes = one.byteLength;
		}
		return this.#updates[0];
	}

	/** Drops everything this connection left waiting (its own updates only), timers and listener too. */
	clear(): void {
		this.host.waitingBytes = Math.max(0, this.host.waitingBytes - this.#bytes);
		this.#updates = [];
		this.#bytes = 0;
		this.#since = null;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.host.doc.off('update', this.#onDocUpdate);
	}

	#onDocUpdate = (_update: Uint8Array, origin: unknown): void => {
		if (origin === this.owner || this.#retryScheduled) return;
		this.#retryScheduled = true;
		queueMicrotask(() => {
			this.#retryScheduled = false;
			if (this.#updates.length > 0) this.on.retry();
		});
	};

	#schedule(ms: number): void {
		this.#timer = setTimeout(() => this.#checkAge(), ms);
		this.#timer.unref?.();
	}

	#checkAge(): void {
		this.#timer = null;
		if (this.#since === null) return;
		const age = Date.now() - this.#since;
		if (age >= this.limits.maxPendingMs) this.on.expired();
		else this.#schedule(this.limits.maxPendingMs - age);
	}
}
