import type { Logger } from '../../src/lib/server/logger.js';
import type { AuthoredUpdate, DocAppend, Store } from '../../src/lib/server/store/types.js';

/** A writer the scheduler flushes at its next tick. */
export interface Flushable {
	flush(): unknown;
}

/** What an update-log writer needs of a shared scheduler (update-log-writer.ts). */
export interface SharedFlush {
	/** Flushes `writer` at the next shared tick (at most flushMs from now); once however often asked. */
	schedule(writer: Flushable): void;
	/** Not at the next tick after all (the writer closed or stopped). */
	cancel(writer: Flushable): void;
	/** Stores one document's merged updates together with every other document's written at the same moment. */
	append(docName: string, updates: AuthoredUpdate[], fence: number | undefined): Promise<number>;
}

interface Waiting extends DocAppend {
	resolve(lastUpdateId: number): void;
	reject(error: unknown): void;
}

/** Rows per statement: a bound on its parameters (one per update) and on how long it holds the database. */
const MAX_ROWS_PER_WRITE = 2000;

/**
 * Under load the tick stretches so that storing takes about this share of the time at most: the
 * next tick comes STORAGE_SHARE⁻¹ times the last tick's write time after it (never sooner than
 * flushMs). A document's edits between two ticks are merged into one row, so a longer tick means
 * fewer rows for the same edits: on the embedded database, whose worker shares the server's core,
 * 800 meetings flushed every 250 ms kept the worker ~38 % busy (issue 13). Nothing waits longer to
 * reach the other people in the meeting, only to reach the disk, and every connected client keeps
 * its own edits until the server has them stored (a restart re-syncs them).
 */
export const STORAGE_SHARE = 0.1;
/** The longest a stretched tick waits: Hocuspocus's default store debounce is 2 s as well. */
export const MAX_STRETCHED_FLUSH_MS = 2000;

/**
 * One write per flush tick for all dirty documents (issue 13, point 1). On the embedded database
 * each statement costs the event loop ~0.7 ms whatever it holds, so 400 documents flushing on
 * their own timers cost ~290 ms of blocked loop per flushMs; one multi-row insert for all of them
 * ~50 ms (tests/load/flush-cost.ts).
 *
 * Documents due share one timer: at each tick every writer scheduled since the last is flushed,
 * and the appends they hand over within that turn of the event loop go out as one
 * `docs.appendMany`. Each writer keeps its own guarantees (one writer per document, retries with
 * backoff, compaction, fencing): the scheduler only carries its append. A document refused in the
 * batch (fenced out, purged) gets its own error; when the whole statement fails, each document is
 * written on its own, so one bad document never costs the others their updates.
 */
export class FlushScheduler implements SharedFlush {
	#due = new Set<Flushable>();
	#timer: ReturnType<typeof setTimeout> | null = null;
	#waiting: Waiting[] = [];
	#writing = false;
	/** How long the last tick's writes took, all of them (ms). */
	#lastWriteMs = 0;

	constructor(
		private readonly store: Store,
		private readonly logger: Logger,
		private readonly flushMs: number
	) {}

	schedule(writer: Flushable): void {
		this.#due.add(writer);
		if (this.#timer) return;
		this.#timer = setTimeout(() => this.#tick(), this.nextTickMs);
		this.#timer.unref?.();
	}

	/** From a schedule to its tick: flushMs, stretched while writes are slow (STORAGE_SHARE). */
	get nextTickMs(): number {
		const stretched = Math.min(MAX_STRETCHED_FLUSH_MS, Math.round(this.#lastWriteMs / STORAGE_SHARE));
		return Math.max(this.flushMs, stretched);
	}

	cancel(writer: Flushable): void {
		this.#due.delete(writer);
	}

	append(docName: string, updates: AuthoredUpdate[], fence: number | undefined): Promise<number> {
		return new Promise((resolve, reject) => {
			this.#waiting.push({ docName, updates, fence, resolve, reject });
			// After the current turn (the writers flushed at a tick hand over their appends in
			// microtasks): everything handed over by then goes in one write.
			if (this.#waiting.length === 1 && !this.#writing) setImmediate(() => void this.#write());
		});
	}

	#tick(): void {
		this.#timer = null;
		const due = [...this.#due];
		this.#due.clear();
		for (const writer of due) writer.flush();
	}

	async #write(): Promise<void> {
		if (this.#writing) return;
		this.#writing = true;
		const started = performance.now();
		try {
			while (this.#waiting.length > 0) await this.#writeOnce(this.#take());
		} finally {
			this.#writing = false;
			this.#lastWriteMs = performance.now() - started;
		}
	}

	/** The next write's share of what waits: each document once, at most MAX_ROWS_PER_WRITE rows. */
	#take(): Waiting[] {
		const taken: Waiting[] = [];
		const rest: Waiting[] = [];
		const names = new Set<string>();
		let rows = 0;
		for (const w of this.#waiting) {
			if (names.has(w.docName) || (taken.length > 0 && rows + w.updates.length > MAX_ROWS_PER_WRITE)) rest.push(w);
			else {
				taken.push(w);
				names.add(w.docName);
				rows += w.updates.length;
			}
		}
		this.#waiting = rest;
		return taken;
	}

	async #writeOnce(batch: Waiting[]): Promise<void> {
		if (batch.length === 1) return this.#alone(batch[0]);
		let results;
		try {
			results = await this.store.docs.appendMany(batch.map(({ docName, updates, fence }) => ({ docName, updates, fence })));
		} catch (error) {
			// Nothing of this write was stored: each document on its own, so only a document whose
			// own write fails waits for its writer's retry.
			this.logger.warn({ err: error, documents: batch.length }, 'storing the updates of several documents in one write failed; writing each on its own');
			for (const w of batch) await this.#alone(w);
			return;
		}
		batch.forEach((w, i) => {
			const result = results[i];
			if ('lastUpdateId' in result) w.resolve(result.lastUpdateId);
			else if ('refused' in result) w.reject(result.refused);
			else w.reject(result.failed);
		});
	}

	async #alone(w: Waiting): Promise<void> {
		try {
			w.resolve(await this.store.docs.append(w.docName, w.updates, w.fence));
		} catch (error) {
			w.reject(error);
		}
	}
}
