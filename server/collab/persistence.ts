import * as Y from 'yjs';
import type { Logger } from '../../src/lib/server/logger.js';
import type { Store } from '../../src/lib/server/store/types.js';
import { isFencedOut } from '../../src/lib/server/store/fencing.js';

export interface PersistenceOptions {
	flushMs: number;
	snapshotEvery: number;
	/**
	 * Alone on a shared database (no REDIS_URL): each document claims a fencing token when it loads
	 * and writes with it, so a write after another instance has loaded the document is refused.
	 */
	fenced?: boolean;
	/** A write was fenced out: this instance must stop serving (another one does now). */
	onFencedOut?: (docName: string) => void;
}

const MAX_RETRY_DELAY_MS = 30_000;

/**
 * The single writer of one document's update log. Updates are queued and written as one merged
 * row per `flushMs` (never a write per keystroke); after `snapshotEvery` updates the log is
 * compacted into a snapshot. A failed write keeps its updates queued and retries with backoff,
 * so nothing is dropped; every failure is logged with the document's name.
 */
export class DocPersistence {
	#queue: Uint8Array[] = [];
	#timer: ReturnType<typeof setTimeout> | null = null;
	#writing: Promise<void> = Promise.resolve();
	#sinceSnapshot: number;
	#lastId: number;
	#failures = 0;
	#closed = false;
	#fencedOut = false;
	readonly #fence: number | undefined;

	constructor(
		private readonly docName: string,
		private readonly doc: Y.Doc,
		private readonly store: Store,
		private readonly logger: Logger,
		private readonly options: PersistenceOptions,
		/** `fence`: the token claimed at load (`options.fenced`), carried by every write. */
		loaded: { lastUpdateId: number; pending: number; fence?: number },
		/** Called after each batch is stored, with the id of its last update. Must not block. */
		private readonly onStored?: (lastUpdateId: number) => void
	) {
		this.#lastId = loaded.lastUpdateId;
		this.#sinceSnapshot = loaded.pending;
		this.#fence = loaded.fence;
	}

	get pendingUpdates(): number {
		return this.#queue.length;
	}

	enqueue(update: Uint8Array): void {
		this.#queue.push(update);
		this.#schedule(this.options.flushMs);
	}

	#schedule(delay: number): void {
		if (this.#timer || this.#closed || this.#fencedOut) return;
		this.#timer = setTimeout(() => {
			this.#timer = null;
			void this.flush();
		}, delay);
		this.#timer.unref?.();
	}

	/** Writes everything queued so far; resolves once it is stored (or failed and re-queued). */
	flush(): Promise<void> {
		this.#writing = this.#writing.then(() => this.#writeQueued());
		return this.#writing;
	}

	async #writeQueued(): Promise<void> {
		if (this.#queue.length === 0 || this.#fencedOut) return;
		const batch = this.#queue;
		this.#queue = [];
		try {
			this.#lastId = await this.store.docs.append(this.docName, [Y.mergeUpdates(batch)], this.#fence);
			this.#sinceSnapshot += batch.length;
			this.#failures = 0;
			this.#notifyStored();
		} catch (error) {
			this.#queue = batch.concat(this.#queue);
			if (isFencedOut(error)) return this.#stopFenced();
			this.#failures++;
			const retryIn = Math.min(this.options.flushMs * 2 ** this.#failures, MAX_RETRY_DELAY_MS);
			this.logger.error({ err: error, doc: this.docName, updates: batch.length, attempt: this.#failures, retryIn }, 'storing document updates failed; kept in memory, will retry');
			this.#schedule(retryIn);
			return;
		}
		if (this.#sinceSnapshot >= this.options.snapshotEvery) await this.#compact();
	}

	#notifyStored(): void {
		try {
			this.onStored?.(this.#lastId);
		} catch (error) {
			// What follows a write (the action projection) must never undo or stall the write itself.
			this.logger.error({ err: error, doc: this.docName }, 'after-store hook failed');
		}
	}

	/**
	 * Another instance loaded the document after this one: nothing more is written from here. What
	 * is still queued came from this instance's clients, who keep it and send it again to the
	 * instance they reconnect to.
	 */
	#stopFenced(): void {
		if (this.#fencedOut) return;
		this.#fencedOut = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.logger.error(
			{ doc: this.docName, fence: this.#fence, unstored: this.#queue.length },
			'write refused: another instance has loaded this document since (fenced out); this instance stops writing it'
		);
		this.options.onFencedOut?.(this.docName);
	}

	async #compact(): Promise<void> {
		if (this.#fencedOut) return;
		try {
			await this.store.docs.compact(this.docName, Y.encodeStateAsUpdate(this.doc), this.#lastId, this.#fence);
			this.#sinceSnapshot = 0;
		} catch (error) {
			if (isFencedOut(error)) return this.#stopFenced();
			// The log still holds every update: a failed compaction costs load time, not data.
			this.logger.warn({ err: error, doc: this.docName }, 'compacting document failed; will try again later');
		}
	}

	/** Replaces the stored log with a snapshot of the document as it is now (after a rebuilt load). */
	compactNow(): Promise<void> {
		this.#writing = this.#writing.then(() => this.#compact());
		return this.#writing;
	}

	/** Final flush and snapshot before the document leaves memory. Throws if updates could not be stored. */
	async close(): Promise<void> {
		this.#closed = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		await this.flush();
		if (this.#fencedOut) return; // logged; the clients still hold what was not stored
		if (this.#queue.length > 0) {
			await this.#writeQueued(); // one more attempt before giving up the document
			if (this.#queue.length > 0) throw new Error(`${this.#queue.length} updates of ${this.docName} could not be stored`);
		}
		if (this.#sinceSnapshot > 0) await this.#compact();
	}
}
