import type { Redis } from 'ioredis';
import type * as Y from 'yjs';
import type { Logger } from '../../../src/lib/server/logger.js';
import type { Store } from '../../../src/lib/server/store/types.js';
import { UpdateLogWriter, type LogWriterOptions, type PendingBatch, type StopReason, type UpdateSource } from '../update-log-writer.js';
import { keys } from './keys.js';
import { advancePersisted, persistedId, release, renew, retire, tryAcquire } from './lease.js';
import { parseEntries, type StreamEntry } from './stream-entries.js';

export interface WriterOptions extends LogWriterOptions {
	leaseMs: number;
	/** How long stored stream entries stay in Redis for instances that are loading right now. */
	retentionMs: number;
	/** How long the stream of an unloaded, wholly stored document stays in Redis before it expires. */
	idleExpiryMs: number;
}

export interface WriterContext {
	name: string;
	doc: Y.Doc;
	/** Makes sure the live document holds these entries before they are stored (a snapshot must include them). */
	apply(entries: StreamEntry[]): void;
	store: Store;
	redis: Redis;
	instanceId: string;
	logger: Logger;
	options: WriterOptions;
	/** The database's update log is stored up to `lastUpdateId` (the action projection follows it). */
	stored?(lastUpdateId: number): void;
}

const RANGE_BATCH = 1000;
const WHY: Record<StopReason, string> = { 'fenced-out': 'fenced out by a newer writer', 'lease-lost': 'lease lost', purged: 'its board was deleted' };

/**
 * The one instance that writes a document's update log and snapshots, while it holds the lease.
 * It stores the document's Redis stream, not its own clients' updates: everything every instance
 * accepted goes into the database once, in stream order, from `persisted` onwards. If it dies,
 * the next writer starts from the same pointer, so entries are stored at least once (a repeat is
 * harmless: Yjs updates are idempotent) and never skipped. Batching, compaction, backoff and
 * fencing are the update-log writer core's; this class is its source: the stream from the cursor.
 */
export class StreamWriter implements UpdateSource {
	#cursor: string;
	readonly #writer: UpdateLogWriter;
	/** The lease was handed back at close. */
	#released = false;
	/** Nothing waits in memory: what is not stored stays in the stream after `persisted`. */
	readonly unstored = 0;
	readonly keptIn = 'the stream keeps the updates';

	private constructor(
		private readonly ctx: WriterContext,
		readonly fence: number,
		cursor: string,
		loadedUpTo: number,
		pendingAtClaim: number
	) {
		this.#cursor = cursor;
		this.#writer = new UpdateLogWriter(
			{
				name: ctx.name,
				doc: ctx.doc,
				store: ctx.store,
				logger: ctx.logger,
				fence,
				stored: ctx.stored,
				stopped: (why) => ctx.logger.info({ doc: ctx.name, fence, why: WHY[why] }, 'this instance no longer writes the document')
			},
			this,
			ctx.options,
			{ lastUpdateId: loadedUpTo, pending: pendingAtClaim }
		);
	}

	/** Takes the lease if it is free and claims a fencing token; null when another instance writes. */
	static async claim(ctx: WriterContext, loadedUpTo: number): Promise<StreamWriter | null> {
		const { redis, name, instanceId, options, store } = ctx;
		if (!(await tryAcquire(redis, name, instanceId, options.leaseMs))) return null;
		try {
			const fence = await store.docs.claim(name);
			const cursor = await persistedId(redis, name);
			const pending = await store.docs.pendingCount(name).catch(() => 0);
			const writer = new StreamWriter(ctx, fence, cursor, loadedUpTo, pending);
			ctx.logger.debug({ doc: name, fence, from: cursor }, 'this instance now writes the document');
			writer.flushSoon(0); // whatever the previous writer left unstored
			return writer;
		} catch (error) {
			await release(redis, name, instanceId).catch(() => {});
			throw error;
		}
	}

	get lost(): boolean {
		return this.#released || this.#writer.stopped;
	}

	/** Schedules a flush (new entries arrived in the stream). */
	flushSoon(delay?: number): void {
		this.#writer.flushSoon(delay);
	}

	flush(): Promise<void> {
		return this.#writer.flush();
	}

	/** Keeps the lease; false (and the writer stops) when it was lost. */
	async renew(): Promise<boolean> {
		if (this.lost) return false;
		const { redis, name, instanceId, options } = this.ctx;
		if (await renew(redis, name, instanceId, options.leaseMs)) return true;
		this.#writer.stop('lease-lost');
		return false;
	}

	/** The next range of the stream after the cursor, applied to the live document first. */
	async next(): Promise<PendingBatch | null> {
		const { redis, name, logger, options, instanceId } = this.ctx;
		const items = await redis.xrangeBuffer(keys.stream(name), `(${this.#cursor}`, '+', 'COUNT', RANGE_BATCH);
		if (items.length === 0) return null;
		const entries = parseEntries(items);
		const lastId = items[items.length - 1][0].toString();
		// The live document must hold everything stored, or a later snapshot would drop it.
		this.ctx.apply(entries);
		return {
			updates: entries.map((e) => ({ update: e.update, author: e.author })),
			more: true,
			failed: () => {},
			stored: async () => {
				this.#cursor = lastId;
				return advancePersisted(redis, name, instanceId, lastId, options.retentionMs).catch((error) => {
					logger.warn({ err: error, doc: name }, 'recording the stored stream position in Redis failed; the next writer may store some updates again');
					return true;
				});
			}
		};
	}

	/** Stores what is left, snapshots, and hands the lease back. */
	async close(): Promise<void> {
		await this.#writer.close();
		if (!this.lost) {
			await retire(this.ctx.redis, this.ctx.name, this.ctx.instanceId, this.ctx.options.idleExpiryMs).catch((error) => {
				this.ctx.logger.debug({ err: error, doc: this.ctx.name }, 'letting the stream expire failed; it stays in Redis');
			});
		}
		this.#released = true;
		await release(this.ctx.redis, this.ctx.name, this.ctx.instanceId).catch((error) => {
			this.ctx.logger.warn({ err: error, doc: this.ctx.name }, 'releasing the write lease failed; it expires on its own');
		});
	}
}
