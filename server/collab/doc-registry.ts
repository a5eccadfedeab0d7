import type { Logger } from '../../src/lib/server/logger.js';
import type { Store, StoredDoc } from '../../src/lib/server/store/types.js';
import { batchedDocLoads } from './doc-loads.js';
import { LiveDoc, type AwarenessOptions, type DocHooks } from './live-doc.js';
import type { SinkFactory } from './doc-sink.js';

/**
 * Documents in memory, one LiveDoc per name, with reference counting and idle unload.
 *
 * - One load per document: concurrent joins share the load promise; documents loading at the
 *   same time read their stored state in one store read (doc-loads.ts).
 * - A join while the document drains waits for the drain, then loads it again from the store,
 *   so an update written by the drain is never lost.
 * - The idle timer starts when the last reference goes, whatever persistence is doing.
 */
export class DocRegistry {
	readonly #docs = new Map<string, { live: LiveDoc; ready: Promise<void>; drained?: Promise<void> }>();
	/** Documents loading at the same time read their stored state together (doc-loads.ts). */
	readonly #read: (name: string) => Promise<StoredDoc>;

	constructor(
		private readonly store: Store,
		private readonly logger: Logger,
		private readonly options: Partial<AwarenessOptions> & { idleUnloadMs: number },
		/** Each loaded document's sink (local persistence, or the link to the other instances). */
		private readonly sinks: SinkFactory,
		/** Hooks for a document by name (e.g. the action projection for `board:<id>`). */
		private readonly hooksFor: (name: string) => DocHooks | undefined = () => undefined
	) {
		this.#read = batchedDocLoads(store);
	}

	get size(): number {
		return this.#docs.size;
	}

	names(): string[] {
		return [...this.#docs.keys()];
	}

	peek(name: string): LiveDoc | undefined {
		return this.#docs.get(name)?.live;
	}

	async acquire(name: string): Promise<LiveDoc> {
		for (;;) {
			let entry = this.#docs.get(name);
			if (entry?.drained) {
				await entry.drained.catch(() => {});
				continue;
			}
			if (!entry) {
				const hooks = this.hooksFor(name) ?? {};
				const live = new LiveDoc(name, this.store, this.logger, this.options, this.sinks(name, hooks), hooks, this.#read);
				const ready = live.load();
				entry = { live, ready };
				this.#docs.set(name, entry);
				ready.catch((error) => {
					this.logger.error({ err: error, doc: name }, 'loading document failed');
					void live.abandon().catch(() => {});
					if (this.#docs.get(name) === entry) this.#docs.delete(name);
				});
			}
			const { live } = entry;
			live.refs++;
			if (live.idleTimer) {
				clearTimeout(live.idleTimer);
				live.idleTimer = null;
			}
			try {
				await entry.ready;
			} catch (error) {
				live.refs--;
				throw error;
			}
			return live;
		}
	}

	release(live: LiveDoc): void {
		live.refs--;
		if (live.refs > 0 || live.state !== 'active') return;
		live.idleTimer = setTimeout(() => void this.unload(live.name), this.options.idleUnloadMs);
		live.idleTimer.unref?.();
	}

	/** Unloads a document nobody holds. Resolves when it is stored and gone. */
	async unload(name: string): Promise<void> {
		const entry = this.#docs.get(name);
		if (!entry || entry.drained || entry.live.refs > 0) return entry?.drained;
		entry.live.idleTimer = null;
		entry.drained = entry.live
			.drain()
			.catch((error) => {
				this.logger.error({ err: error, doc: name }, 'unloading document failed to store its last updates');
				throw error;
			})
			.finally(() => {
				if (this.#docs.get(name) === entry) this.#docs.delete(name);
				this.logger.debug({ doc: name }, 'document unloaded');
			});
		return entry.drained;
	}

	/** Stores and unloads every document (shutdown). Documents still referenced are drained too. */
	async drainAll(): Promise<void> {
		const results = await Promise.allSettled(
			[...this.#docs.entries()].map(([name, entry]) => {
				entry.live.refs = 0;
				if (entry.live.idleTimer) clearTimeout(entry.live.idleTimer);
				return entry.ready.then(() => this.unload(name));
			})
		);
		const failed = results.filter((r) => r.status === 'rejected').length;
		if (failed) this.logger.error({ failed }, 'some documents could not be stored at shutdown');
	}
}
