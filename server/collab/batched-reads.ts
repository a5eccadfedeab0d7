/**
 * Reads asked together answered by one read of many (issue 13: a few thousand clients connecting
 * at once cost a few dozen queries, not one each): those of the same turn of the event loop, and
 * those asked while a read is under way. Each distinct key is read once per read; a failed read
 * fails everyone who asked in it.
 */
export class BatchedReads<A, R> {
	readonly #waiting = new Map<string, { asked: A; callers: Array<{ resolve: (answer: R) => void; reject: (error: unknown) => void }> }>();

	constructor(
		/** Answers for every asked, in the same order. */
		private readonly readMany: (asked: A[]) => Promise<R[]>,
		private readonly keyOf: (asked: A) => string,
		private readonly perRead: number
	) {}

	/** A read is under way: what is asked meanwhile waits for it and goes in the next one. */
	#busy = false;

	read(asked: A): Promise<R> {
		return new Promise((resolve, reject) => {
			if (!this.#busy && this.#waiting.size === 0) setImmediate(() => void this.#drain());
			const key = this.keyOf(asked);
			const waiting = this.#waiting.get(key);
			if (waiting) waiting.callers.push({ resolve, reject });
			else this.#waiting.set(key, { asked, callers: [{ resolve, reject }] });
		});
	}

	/**
	 * One read at a time, each taking everything asked until then: when the database keeps up,
	 * every upgrade is read at once; when it falls behind, the reads grow instead of queueing
	 * (a statement per 200 upgrades costs about what one per upgrade did, measured on PGlite).
	 */
	async #drain(): Promise<void> {
		if (this.#busy) return;
		this.#busy = true;
		try {
			while (this.#waiting.size > 0) {
				const slice = [...this.#waiting.entries()].slice(0, this.perRead);
				for (const [key] of slice) this.#waiting.delete(key);
				try {
					const answers = await this.readMany(slice.map(([, w]) => w.asked));
					slice.forEach(([, w], j) => w.callers.forEach((c) => c.resolve(answers[j])));
				} catch (error) {
					for (const [, w] of slice) for (const c of w.callers) c.reject(error);
				}
			}
		} finally {
			this.#busy = false;
		}
	}
}
