import type { Redis } from 'ioredis';
import * as Y from 'yjs';
import type { Logger } from '../../../src/lib/server/logger.js';
import type { AuthoredUpdate, UpdateAuthor } from '../../../src/lib/server/store/types.js';
import { mergeByAuthor } from '../authored-updates.js';
import { appendUpdates } from './stream-entries.js';

const MAX_RETRY_DELAY_MS = 2000;

/**
 * Updates this instance accepted from its clients, on their way into the document's stream.
 * They are appended in order, with their authors (one entry per run of one author); while Redis
 * is unreachable they wait here (merged per author run, so memory does not grow per keystroke)
 * and are retried with backoff. Nothing leaves the outbox until Redis has acknowledged it.
 */
export class Outbox {
	#queue: AuthoredUpdate[] = [];
	#sending: Promise<void> | null = null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#failures = 0;
	#closed = false;

	constructor(
		private readonly redis: Redis,
		private readonly doc: string,
		/** Written into each entry: who accepted the update (a document link of an instance). */
		private readonly origin: string,
		private readonly logger: Logger
	) {}

	get pending(): number {
		return this.#queue.length;
	}

	push(update: Uint8Array, author: UpdateAuthor | null = null): void {
		this.#queue.push({ update, author });
		if (!this.#timer) void this.send();
	}

	/** Sends what is queued; resolves when Redis has it (true) or the attempt failed (false). */
	send(): Promise<boolean> {
		if (this.#sending) return this.#sending.then(() => this.send());
		if (this.#queue.length === 0) return Promise.resolve(true);
		const batch = this.#queue;
		this.#queue = [];
		let ok = false;
		this.#sending = (async () => {
			const runs = mergeByAuthor(batch);
			try {
				await appendUpdates(this.redis, this.doc, runs, this.origin);
				this.#failures = 0;
				ok = true;
			} catch (error) {
				// Keep them, merged per author, in front of anything queued meanwhile.
				this.#queue = [...runs, ...this.#queue];
				this.#failures++;
				const retryIn = Math.min(50 * 2 ** this.#failures, MAX_RETRY_DELAY_MS);
				if (this.#failures === 1 || this.#failures % 20 === 0) {
					this.logger.warn({ err: error, doc: this.doc, attempt: this.#failures, retryIn }, 'sending updates to Redis failed; kept in memory, will retry');
				}
				this.#schedule(retryIn);
			}
		})().finally(() => {
			this.#sending = null;
			if (ok && this.#queue.length > 0 && !this.#timer) void this.send();
		});
		return this.#sending.then(() => ok);
	}

	#schedule(delay: number): void {
		if (this.#timer || this.#closed) return;
		this.#timer = setTimeout(() => {
			this.#timer = null;
			void this.send();
		}, delay);
		this.#timer.unref?.();
	}

	/** Tries until everything is in Redis or `deadline` passes; returns what is left (merged). */
	async drain(deadline: number): Promise<Uint8Array | null> {
		this.#closed = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		while (this.#queue.length > 0 || this.#sending) {
			if (await this.send()) continue;
			if (Date.now() >= deadline) break;
			await new Promise((r) => setTimeout(r, Math.min(200, Math.max(0, deadline - Date.now()))));
		}
		if (this.#queue.length === 0) return null;
		const left = Y.mergeUpdates(this.#queue.map((u) => u.update));
		this.#queue = [];
		return left;
	}
}
