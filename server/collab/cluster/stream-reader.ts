import type { Redis } from 'ioredis';
import type { Logger } from '../../../src/lib/server/logger.js';
import { keys } from './keys.js';
import { parseEntries, type StreamEntry } from './stream-entries.js';

export interface StreamSubscriber {
	/** Id of the last entry this document has seen; the reader continues after it. */
	lastId: string;
	deliver(entries: StreamEntry[]): void;
}

/** How long one XREAD blocks: also how soon a newly loaded document joins the read. */
const BLOCK_MS = 200;
const BATCH = 500;
const MAX_BACKOFF_MS = 2000;

/**
 * One blocking XREAD loop per instance over the streams of every document it holds. Each
 * document continues from its own last id, so after a Redis outage or a slow spell the instance
 * catches up on exactly what it missed, with no gap and no repeat.
 */
export class StreamReader {
	readonly #subscribers = new Map<string, StreamSubscriber>();
	#running = false;
	#stopped: Promise<void> = Promise.resolve();

	/** The reader connection's client id, for CLIENT UNBLOCK (it changes on every reconnect). */
	#clientId: number | null = null;
	/** Ends the idle wait of a loop that has no document to read. */
	#idleWake: (() => void) | null = null;

	constructor(
		private readonly redis: Redis,
		private readonly logger: Logger,
		/** A connection that is not blocked, to send CLIENT UNBLOCK on. */
		private readonly control: Redis
	) {
		redis.on('ready', () => {
			this.#clientId = null;
		});
	}

	#wake(): void {
		if (!this.#running) return;
		if (this.#idleWake) return this.#idleWake();
		// Unknown id: the loop has not blocked on this connection yet, so the next read includes it.
		if (this.#clientId === null) return;
		this.control.client('UNBLOCK', this.#clientId).catch(() => {
			// Not connected: the loop is retrying anyway and will include the document.
		});
	}

	add(doc: string, subscriber: StreamSubscriber): void {
		this.#subscribers.set(doc, subscriber);
		// The running XREAD does not include this document yet: cut it short so the next one does,
		// instead of leaving the first edits from other instances up to BLOCK_MS late.
		this.#wake();
	}

	remove(doc: string): void {
		this.#subscribers.delete(doc);
	}

	start(): void {
		if (this.#running) return;
		this.#running = true;
		this.#stopped = this.#loop();
	}

	async stop(): Promise<void> {
		this.#running = false;
		await this.#stopped;
	}

	async #loop(): Promise<void> {
		let failures = 0;
		while (this.#running) {
			const docs = [...this.#subscribers.entries()];
			if (docs.length === 0) {
				// Nothing to read: wait for a document (add() resolves this at once).
				await new Promise<void>((resolve) => {
					this.#idleWake = resolve;
					setTimeout(resolve, BLOCK_MS).unref?.();
				});
				this.#idleWake = null;
				continue;
			}
			try {
				// Asked here, between reads, because a command sent during the blocking read would wait for it.
				this.#clientId ??= Number(await this.redis.client('ID'));
				const reply = await this.redis.xreadBuffer(
					'COUNT',
					BATCH,
					'BLOCK',
					BLOCK_MS,
					'STREAMS',
					...docs.map(([doc]) => keys.stream(doc)),
					...docs.map(([, s]) => s.lastId)
				);
				failures = 0;
				if (!reply) continue;
				for (const [key, items] of reply as Array<[Buffer, Array<[Buffer, Buffer[]]>]>) {
					const doc = docNameOf(key.toString());
					const subscriber = doc === null ? undefined : this.#subscribers.get(doc);
					if (!subscriber || items.length === 0) continue;
					const entries = parseEntries(items);
					subscriber.lastId = items[items.length - 1][0].toString();
					try {
						subscriber.deliver(entries);
					} catch (error) {
						this.logger.error({ err: error, doc }, 'applying updates from the stream failed');
					}
				}
			} catch (error) {
				if (!this.#running) break;
				failures++;
				const wait = Math.min(100 * 2 ** failures, MAX_BACKOFF_MS);
				if (failures === 1 || failures % 20 === 0) this.logger.warn({ err: error, failures, retryIn: wait }, 'reading document streams from Redis failed; retrying');
				await sleep(wait);
			}
		}
	}
}

function docNameOf(streamKey: string): string | null {
	const match = /\{(.+)\}:updates$/.exec(streamKey);
	return match ? match[1] : null;
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}
