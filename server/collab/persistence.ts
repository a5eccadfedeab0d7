import type * as Y from 'yjs';
import type { Logger } from '../../src/lib/server/logger.js';
import type { AuthoredUpdate, Store, UpdateAuthor } from '../../src/lib/server/store/types.js';
import type { DocSink, LoadedState, SinkDoc, SinkFactory, SinkHooks } from './doc-sink.js';
import { FlushScheduler, type SharedFlush } from './flush-scheduler.js';
import { UpdateLogWriter, type LogWriterOptions, type PendingBatch, type UpdateSource } from './update-log-writer.js';

export interface PersistenceOptions extends LogWriterOptions {
	/**
	 * Alone on a shared database (no REDIS_URL): each document claims a fencing token when it loads
	 * and writes with it, so a write after another instance has loaded the document is refused.
	 */
	fenced?: boolean;
	/** A write was fenced out: this instance must stop serving (another one does now). */
	onFencedOut?: (docName: string) => void;
	/** The flush tick shared by the instance's documents (one write for all); without it each document writes alone. */
	shared?: SharedFlush;
}

/**
 * The single writer of one document's update log on an instance alone (no REDIS_URL): this
 * instance's clients' updates are queued here and stored by the update-log writer core (batched,
 * compacted, retried with backoff). A failed write puts its updates back in front of the queue,
 * so nothing is dropped.
 */
export class DocPersistence implements UpdateSource {
	#queue: AuthoredUpdate[] = [];
	readonly #writer: UpdateLogWriter;
	readonly keptIn = 'kept in memory';

	constructor(
		docName: string,
		doc: Y.Doc,
		store: Store,
		private readonly logger: Logger,
		private readonly options: PersistenceOptions,
		/** `fence`: the token claimed at load (`options.fenced`), carried by every write. */
		loaded: { lastUpdateId: number; pending: number; fence?: number },
		/** Called after each batch is stored, with the id of its last update. Must not block. */
		onStored?: (lastUpdateId: number) => void
	) {
		const { fence } = loaded;
		this.#writer = new UpdateLogWriter(
			{ name: docName, doc, store, logger, fence, shared: options.shared, stored: onStored, stopped: (why) => (why === 'purged' ? this.#purged(docName) : this.#fencedOut(docName, fence)) },
			this,
			options,
			loaded
		);
	}

	get pendingUpdates(): number {
		return this.#queue.length;
	}

	get unstored(): number {
		return this.#queue.length;
	}

	enqueue(update: Uint8Array, author: UpdateAuthor | null = null): void {
		this.#queue.push({ update, author });
		this.#writer.flushSoon();
	}

	/** The whole queue as one batch: one write per flush, whatever arrives while it is stored waits for the next. */
	next(): PendingBatch | null {
		if (this.#queue.length === 0) return null;
		const batch = this.#queue;
		this.#queue = [];
		return {
			updates: batch,
			more: false,
			stored: () => true,
			failed: () => {
				this.#queue = batch.concat(this.#queue);
			}
		};
	}

	/** Writes everything queued so far; resolves once it is stored (or failed and re-queued). */
	flush(): Promise<void> {
		return this.#writer.flush();
	}

	/** Writes a snapshot of the document as it is now (after a rebuilt load): load starts from it. */
	compactNow(): Promise<void> {
		return this.#writer.compactNow();
	}

	/** Final flush and snapshot before the document leaves memory. Throws if updates could not be stored. */
	close(): Promise<void> {
		return this.#writer.close();
	}

	/**
	 * Another instance loaded the document after this one: nothing more is written from here. What
	 * is still queued came from this instance's clients, who keep it and send it again to the
	 * instance they reconnect to.
	 */
	/** The board was deleted while the document was loaded: what is queued is dropped, never written back. */
	#purged(docName: string): void {
		this.logger.info({ doc: docName, dropped: this.#queue.length }, 'the document\'s board was deleted; its unstored updates are dropped');
		this.#queue.length = 0;
	}

	#fencedOut(docName: string, fence: number | undefined): void {
		this.logger.error(
			{ doc: docName, fence, unstored: this.#queue.length },
			'write refused: another instance has loaded this document since (fenced out); this instance stops writing it'
		);
		this.options.onFencedOut?.(docName);
	}
}

/**
 * Local persistence as the documents' sink: each document has its own writer of its update log,
 * and all of them share one flush tick, so the documents due are stored in one write.
 */
export function localPersistence(store: Store, logger: Logger, options: PersistenceOptions): SinkFactory {
	const shared = { ...options, shared: options.shared ?? new FlushScheduler(store, logger, options.flushMs) };
	return (name, hooks) => new PersistenceSink(name, store, logger, shared, hooks);
}

class PersistenceSink implements DocSink {
	#fence: number | undefined;
	#persistence: DocPersistence | null = null;

	constructor(
		private readonly name: string,
		private readonly store: Store,
		private readonly logger: Logger,
		private readonly options: PersistenceOptions,
		private readonly hooks: SinkHooks
	) {}

	async beforeLoad(): Promise<void> {
		// Fenced (alone on a shared database): the token before the read, so whatever another
		// instance writes after this load is refused rather than compacted away by this one.
		if (this.options.fenced) this.#fence = await this.store.docs.claim(this.name);
	}

	async afterLoad(live: SinkDoc, loaded: LoadedState): Promise<void> {
		const { stored } = this.hooks;
		this.#persistence = new DocPersistence(
			this.name,
			live.doc,
			this.store,
			this.logger,
			this.options,
			{ lastUpdateId: loaded.lastUpdateId, pending: loaded.pending, fence: this.#fence },
			stored ? (id) => stored(live.doc, id) : undefined
		);
		// The log after the last snapshot still holds what was set aside: a snapshot of the sound
		// state now makes every later load start after it.
		if (loaded.rebuilt) await this.#persistence.compactNow();
	}

	push(update: Uint8Array, author: UpdateAuthor | null): void {
		this.#persistence?.enqueue(update, author);
	}

	get pending(): number {
		return this.#persistence?.pendingUpdates ?? 0;
	}

	async flush(): Promise<void> {
		await this.#persistence?.flush();
	}

	async close(): Promise<void> {
		await this.#persistence?.close();
	}

	/** Nothing to let go of: the fence token is only a number the next claim outdates. */
	async abandon(): Promise<void> {}
}
