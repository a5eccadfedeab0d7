import * as Y from 'yjs';

/**
 * Updates of one connection that refer to content the document does not have yet. They wait
 * here, with their connection, and never in the Y.Doc: Yjs would keep them in the document's
 * pending store and re-merge them on every later update of everyone (one member could stall the
 * whole server that way), and could not tell whose they were when dropping them.
 */
export class WaitingUpdates {
	#updates: Uint8Array[] = [];
	#bytes = 0;
	#since: number | null = null;

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

	add(update: Uint8Array, now: number): void {
		this.#updates.push(update);
		this.#bytes += update.byteLength;
		this.#since ??= now;
	}

	/** Everything waiting as one update (and kept as one, so later merges stay cheap). */
	merged(): Uint8Array {
		if (this.#updates.length > 1) {
			const one = Y.mergeUpdates(this.#updates);
			this.#updates = [one];
			this.#bytes = one.byteLength;
		}
		return this.#updates[0];
	}

	/** Drops everything; returns how many bytes were released. */
	clear(): number {
		const released = this.#bytes;
		this.#updates = [];
		this.#bytes = 0;
		this.#since = null;
		return released;
	}
}
