import * as Y from 'yjs';
import type { Logger } from '../../src/lib/server/logger.js';
import { isDocumentPurged, isFencedOut } from '../../src/lib/server/store/fencing.js';
import type { AuthoredUpdate, Store } from '../../src/lib/server/store/types.js';
import { STRUCTURE_RULES_VERSION } from '../../src/lib/domain/doc-structure-rules.js';
import { mergeByAuthor } from './authored-updates.js';
import type { SharedFlush } from './flush-scheduler.js';

export interface LogWriterOptions {
	flushMs: number;
	snapshotEvery: number;
}

/** Updates waiting to be stored, as a source hands them to the writer. */
export interface PendingBatch {
	/** Each with who made it: stored merged per run of one author, so every row keeps its author. */
	updates: AuthoredUpdate[];
	/** They are in the log: let them go. False when this writer may no longer write (lease lost). */
	stored(): Promise<boolean> | boolean;
	/** Storing them failed: keep them for the next attempt. */
	failed(): void;
	/** Ask the source again at once (it hands out a bounded range at a time). */
	more: boolean;
}

/** Where a writer's updates come from: its own clients' queue, or a shared stream. */
export interface UpdateSource {
	/** The next updates to store, oldest first; null when none wait. May throw (retried with backoff). */
	next(): Promise<PendingBatch | null> | PendingBatch | null;
	/** Updates this source still holds that were not stored (0 when another copy keeps them). */
	readonly unstored: number;
	/** How the failure log says where the updates wait meanwhile. */
	readonly keptIn: string;
}

export interface LogTarget {
	name: string;
	doc: Y.Doc;
	store: Store;
	logger: Logger;
	/** The fencing token carried by every write, if any. */
	fence?: number;
	/** Called after each batch is stored, with the id of its last update. Must not block. */
	stored?(lastUpdateId: number): void;
	/** The database refused a write (fenced out) or the source said the lease is gone: writing stops. */
	stopped?(why: StopReason): void;
	/**
	 * The flush tick shared by every document of the instance (flush-scheduler.ts): flushes are
	 * timed by it and appends go out with the other documents' in one write. Without it the writer
	 * keeps its own timer and writes alone.
	 */
	shared?: SharedFlush;
}

/** 'purged': the document's board was deleted (its rows are gone; writing them back is refused). */
export type StopReason = 'fenced-out' | 'lease-lost' | 'purged';

const MAX_RETRY_DELAY_MS = 30_000;

/**
 * The single writer of one document's update log, whichever source feeds it (local persistence
 * or the cluster's stream writer). Updates are stored in one write per `flushMs` (never a write
 * per keystroke), one merged row per run of one author; after `snapshotEvery` updates a snapshot
 * is written (the log stays, as the document's authored history). A
 * failed write leaves its updates with the source and retries with backoff, so nothing is
 * dropped; a fenced-out write stops the writer for good. Every failure names the document.
 */
export class UpdateLogWriter {
	#timer: ReturnType<typeof setTimeout> | null = null;
	#running: Promise<void> = Promise.resolve();
	#lastId: number;
	#sinceSnapshot: number;
	#failures = 0;
	#closed = false;
	#stopped = false;

	constructor(
		private readonly target: LogTarget,
		private readonly source: UpdateSource,
		private readonly options: LogWriterOptions,
		/** `lastUpdateId` the log is stored up to; `pending` updates already stored since the last snapshot. */
		start: { lastUpdateId: number; pending: number }
	) {
		this.#lastId = start.lastUpdateId;
		this.#sinceSnapshot = start.pending;
	}

	/** The writer stopped (fenced out or lease lost): it writes nothing more. */
	get stopped(): boolean {
		return this.#stopped;
	}

	/**
	 * Schedules a flush after `delay` (default: at the next shared tick, or flushMs), unless one is
	 * scheduled already. A retry's backoff (`delay` given) keeps its own timer.
	 */
	flushSoon(delay?: number): void {
		if (this.#timer || this.#closed || this.#stopped) return;
		const { shared } = this.target;
		if (shared && delay === undefined) return shared.schedule(this);
		this.#timer = setTimeout(() => {
			this.#timer = null;
			void this.flush();
		}, delay ?? this.options.flushMs);
		this.#timer.unref?.();
	}

	/** Stores what the source holds now; resolves once stored (or failed and left for a retry). */
	flush(): Promise<void> {
		this.#running = this.#running.then(() => this.#storeAvailable());
		return this.#running;
	}

	/** Writes a snapshot of the document as it is now (after a rebuilt load): load starts from it. */
	compactNow(): Promise<void> {
		this.#running = this.#running.then(() => this.#compact());
		return this.#running;
	}

	async #storeAvailable(): Promise<void> {
		const { name, store } = this.target;
		while (!this.#stopped) {
			let batch: PendingBatch | null;
			try {
				batch = await this.source.next();
			} catch (error) {
				return this.#failed(error, 'reading the updates to store');
			}
			if (!batch) return;
			try {
				if (batch.updates.length > 0) {
					const merged = mergeByAuthor(batch.updates);
					const { shared, fence } = this.target;
					this.#lastId = await (shared ? shared.append(name, merged, fence) : store.docs.append(name, merged, fence));
					this.#sinceSnapshot += batch.updates.length;
					this.#notifyStored();
				}
			} catch (error) {
				batch.failed();
				if (isFencedOut(error)) return this.stop('fenced-out');
				if (isDocumentPurged(error)) return this.stop('purged');
				return this.#failed(error, 'storing document updates', batch.updates.length);
			}
			this.#failures = 0;
			if (!(await batch.stored())) return this.stop('lease-lost');
			if (this.#sinceSnapshot >= this.options.snapshotEvery) await this.#compact();
			if (!batch.more) return;
		}
	}

	#notifyStored(): void {
		try {
			this.target.stored?.(this.#lastId);
		} catch (error) {
			// What follows a write (the action projection) must never undo or stall the write itself.
			this.target.logger.error({ err: error, doc: this.target.name }, 'after-store hook failed');
		}
	}

	#failed(error: unknown, what: string, updates?: number): void {
		this.#failures++;
		const retryIn = Math.min(this.options.flushMs * 2 ** this.#failures, MAX_RETRY_DELAY_MS);
		this.target.logger.error(
			{ err: error, doc: this.target.name, updates, attempt: this.#failures, retryIn },
			`${what} failed; ${this.source.keptIn}, will retry`
		);
		this.flushSoon(retryIn);
	}

	async #compact(): Promise<void> {
		if (this.#stopped) return;
		const { name, store, doc, logger } = this.target;
		try {
			// Judged: the document holds only what was judged on its way in (safe-load.ts, connection.ts).
			await store.docs.compact(name, Y.encodeStateAsUpdate(doc), this.#lastId, this.target.fence, STRUCTURE_RULES_VERSION);
			this.#sinceSnapshot = 0;
		} catch (error) {
			if (isFencedOut(error)) return this.stop('fenced-out');
			if (isDocumentPurged(error)) return this.stop('purged');
			// The log still holds every update: a failed compaction costs load time, not data.
			logger.warn({ err: error, doc: name }, 'compacting document failed; will try again later');
		}
	}

	#cancelTimers(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.target.shared?.cancel(this);
	}

	/** Writes nothing more from here (told once). */
	stop(why: StopReason): void {
		if (this.#stopped) return;
		this.#stopped = true;
		this.#cancelTimers();
		this.target.stopped?.(why);
	}

	/**
	 * Final store and snapshot before the document leaves memory: no more timers, one more attempt
	 * for what a failed write left, then a snapshot if the log grew. Throws if the source still
	 * holds updates it could not store; returns quietly once stopped (the clients still hold them).
	 */
	async close(): Promise<void> {
		this.#closed = true;
		this.#cancelTimers();
		await this.flush();
		if (this.#stopped) return;
		if (this.source.unstored > 0) {
			await this.flush();
			if (this.#stopped) return;
			if (this.source.unstored > 0) throw new Error(`${this.source.unstored} updates of ${this.target.name} could not be stored`);
		}
		if (this.#sinceSnapshot > 0) await this.compactNow();
	}
}
