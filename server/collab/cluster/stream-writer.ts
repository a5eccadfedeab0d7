import type { Redis } from 'ioredis';
import * as Y from 'yjs';
import type { Logger } from '../../../src/lib/server/logger.js';
import { isFencedOut } from '../../../src/lib/server/store/fencing.js';
import type { Store } from '../../../src/lib/server/store/types.js';
import { keys } from './keys.js';
import { advancePersisted, persistedId, release, renew, retire, tryAcquire } from './lease.js';
import { parseEntries, type StreamEntry } from './stream-entries.js';

export interface WriterOptions {
	flushMs: number;
	snapshotEvery: number;
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
const MAX_RETRY_DELAY_MS = 30_000;

/**
 * The one instance that writes a document's update log and snapshots, while it holds the lease.
 * It stores the document's Redis stream, not its own clients' updates: everything every instance
 * accepted goes into the database once, in stream order, from `persisted` onwards. If it dies,
 * the next writer starts from the same pointer, so entries are stored at least once (a repeat is
 * harmless: Yjs updates are idempotent) and never skipped.
 */
export class StreamWriter {
	#cursor: string;
	#lastUpdateId: number;
	#sinceSnapshot = 0;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#running: Promise<void> = Promise.resolve();
	#failures = 0;
	#lost = false;

	private constructor(
		private readonly ctx: WriterContext,
		readonly fence: number,
		cursor: string,
		loadedUpTo: number,
		pendingAtClaim: number
	) {
		this.#cursor = cursor;
		this.#lastUpdateId = loadedUpTo;
		this.#sinceSnapshot = pendingAtClaim;
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
		return this.#lost;
	}

	/** Schedules a flush (new entries arrived in the stream). */
	flushSoon(delay = this.ctx.options.flushMs): void {
		if (this.#timer || this.#lost) return;
		this.#timer = setTimeout(() => {
			this.#timer = null;
			void this.flush();
		}, delay);
		this.#timer.unref?.();
	}

	flush(): Promise<void> {
		this.#running = this.#running.then(() => this.#storeAvailable());
		return this.#running;
	}

	/** Keeps the lease; false (and the writer stops) when it was lost. */
	async renew(): Promise<boolean> {
		if (this.#lost) return false;
		const { redis, name, instanceId, options } = this.ctx;
		if (await renew(redis, name, instanceId, options.leaseMs)) return true;
		this.#stop('lease lost');
		return false;
	}

	async #storeAvailable(): Promise<void> {
		const { redis, name, store, logger, options } = this.ctx;
		while (!this.#lost) {
			let items: Array<[Buffer, Buffer[]]>;
			try {
				items = await redis.xrangeBuffer(keys.stream(name), `(${this.#cursor}`, '+', 'COUNT', RANGE_BATCH);
			} catch (error) {
				return this.#failed(error, 'reading the document stream');
			}
			if (items.length === 0) return;
			const entries = parseEntries(items);
			const lastId = items[items.length - 1][0].toString();
			// The live document must hold everything stored, or a later snapshot would drop it.
			this.ctx.apply(entries);
			try {
				if (entries.length > 0) {
					this.#lastUpdateId = await store.docs.append(name, [Y.mergeUpdates(entries.map((e) => e.update))], this.fence);
					this.#sinceSnapshot += entries.length;
					this.#notifyStored();
				}
			} catch (error) {
				if (isFencedOut(error)) return this.#stop('fenced out by a newer writer');
				return this.#failed(error, 'storing document updates');
			}
			this.#cursor = lastId;
			this.#failures = 0;
			const stillOurs = await advancePersisted(redis, name, this.ctx.instanceId, lastId, options.retentionMs).catch((error) => {
				logger.warn({ err: error, doc: name }, 'recording the stored stream position in Redis failed; the next writer may store some updates again');
				return true;
			});
			if (!stillOurs) return this.#stop('lease lost');
			if (this.#sinceSnapshot >= options.snapshotEvery) await this.#compact();
		}
	}

	#notifyStored(): void {
		try {
			this.ctx.stored?.(this.#lastUpdateId);
		} catch (error) {
			this.ctx.logger.error({ err: error, doc: this.ctx.name }, 'after-store hook failed');
		}
	}

	#failed(error: unknown, what: string): void {
		this.#failures++;
		const retryIn = Math.min(this.ctx.options.flushMs * 2 ** this.#failures, MAX_RETRY_DELAY_MS);
		// Nothing is lost: the entries stay in the stream after `persisted` until they are stored.
		this.ctx.logger.error({ err: error, doc: this.ctx.name, attempt: this.#failures, retryIn }, `${what} failed; the stream keeps the updates, will retry`);
		this.flushSoon(retryIn);
	}

	async #compact(): Promise<void> {
		const { name, store, doc, logger } = this.ctx;
		try {
			await store.docs.compact(name, Y.encodeStateAsUpdate(doc), this.#lastUpdateId, this.fence);
			this.#sinceSnapshot = 0;
		} catch (error) {
			if (isFencedOut(error)) return this.#stop('fenced out by a newer writer');
			logger.warn({ err: error, doc: name }, 'compacting document failed; will try again later');
		}
	}

	#stop(why: string): void {
		if (this.#lost) return;
		this.#lost = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.ctx.logger.info({ doc: this.ctx.name, fence: this.fence, why }, 'this instance no longer writes the document');
	}

	/** Stores what is left, snapshots, and hands the lease back. */
	async close(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		await this.flush();
		if (!this.#lost && this.#sinceSnapshot > 0) await this.#compact();
		if (!this.#lost) {
			await retire(this.ctx.redis, this.ctx.name, this.ctx.instanceId, this.ctx.options.idleExpiryMs).catch((error) => {
				this.ctx.logger.debug({ err: error, doc: this.ctx.name }, 'letting the stream expire failed; it stays in Redis');
			});
		}
		this.#lost = true;
		await release(this.ctx.redis, this.ctx.name, this.ctx.instanceId).catch((error) => {
			this.ctx.logger.warn({ err: error, doc: this.ctx.name }, 'releasing the write lease failed; it expires on its own');
		});
	}
}
