import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from '../../src/lib/server/logger.js';
import type { Store } from '../../src/lib/server/store/types.js';
import { DocPersistence, type PersistenceOptions } from './persistence.js';
import { encodeAwareness, encodeUpdate } from './codec.js';
import { REMOTE_ORIGIN, type DocLink } from './cluster/doc-link.js';

export type DocState = 'loading' | 'active' | 'draining' | 'gone';

/** Sends a frame; implemented by each connection. */
export interface Peer {
	send(frame: Uint8Array): void;
	/** Awareness client ids this peer speaks for. */
	readonly awarenessIds?: ReadonlySet<number>;
}

/** How long an unloading document waits for Redis to take its last updates. */
const DETACH_WAIT_MS = 5000;

/**
 * What another concern (the action projection) adds to a document's life. Hooks run on the
 * persistence path, so they must return at once and never throw; slow work runs on its own and
 * is awaited only by `settle`, before the document leaves memory.
 */
export interface DocHooks {
	/** The stored state is in memory; it includes every update up to `lastUpdateId`. */
	loaded?(doc: Y.Doc, lastUpdateId: number): void;
	/** A batch of updates was stored; the document includes every update up to `lastUpdateId`. */
	stored?(doc: Y.Doc, lastUpdateId: number): void;
	/** The document is about to be destroyed: finish whatever still reads it. */
	settle?(): Promise<void>;
}

const LOAD_ORIGIN = Symbol('load');
/** Awareness changes are coalesced per document: one broadcast per window, not per keystroke. */
export const AWARENESS_COALESCE_MS = 80;

/**
 * One document in memory: the Y.Doc, its awareness, its peers and its persistence.
 * The registry drives its state: loading → active → draining → gone.
 *
 * Alone, it writes its own update log (DocPersistence). With a cluster link (REDIS_URL), local
 * updates go to the document's Redis stream instead, updates from other instances come back
 * through it, and the instance holding the write lease stores the stream.
 */
export class LiveDoc {
	state: DocState = 'loading';
	readonly doc = new Y.Doc({ gc: true });
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly peers = new Set<Peer>();
	refs = 0;
	idleTimer: ReturnType<typeof setTimeout> | null = null;
	persistence: DocPersistence | null = null;
	#awarenessChanged = new Set<number>();
	/** Awareness changes made by this instance's own clients: the ones other instances must hear. */
	#awarenessLocal = new Set<number>();
	#awarenessTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(
		readonly name: string,
		private readonly store: Store,
		private readonly logger: Logger,
		private readonly options: PersistenceOptions,
		private readonly hooks: DocHooks = {},
		readonly link: DocLink | null = null
	) {
		// The server is not a participant: it holds no awareness state of its own.
		this.awareness.setLocalState(null);
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === LOAD_ORIGIN) return;
			if (!this.link) this.persistence?.enqueue(update);
			else if (origin !== REMOTE_ORIGIN) this.link.publishUpdate(update);
			const frame = encodeUpdate(update);
			for (const peer of this.peers) if (peer !== origin) peer.send(frame);
		});
		this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
			for (const id of [...added, ...updated, ...removed]) {
				this.#awarenessChanged.add(id);
				if (origin !== REMOTE_ORIGIN) this.#awarenessLocal.add(id);
			}
			this.#awarenessTimer ??= setTimeout(() => this.#flushAwareness(), AWARENESS_COALESCE_MS);
		});
	}

	/** Loads snapshot + later updates. No peer is attached before this resolves. */
	async load(): Promise<void> {
		const streamFrom = this.link ? await this.link.beforeLoad() : null;
		// Fenced (alone on a shared database): the token before the read, so whatever another
		// instance writes after this load is refused rather than compacted away by this one.
		const fence = !this.link && this.options.fenced ? await this.store.docs.claim(this.name) : undefined;
		const stored = await this.store.docs.load(this.name);
		Y.transact(
			this.doc,
			() => {
				if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot, LOAD_ORIGIN);
				for (const update of stored.updates) Y.applyUpdate(this.doc, update, LOAD_ORIGIN);
			},
			LOAD_ORIGIN
		);
		const { hooks } = this;
		if (this.link) {
			await this.link.afterLoad(this, streamFrom!, stored.lastUpdateId);
			this.state = 'active';
			this.#loaded(stored.lastUpdateId);
			return;
		}
		this.persistence = new DocPersistence(
			this.name,
			this.doc,
			this.store,
			this.logger,
			this.options,
			{ lastUpdateId: stored.lastUpdateId, pending: stored.updates.length, fence },
			hooks.stored ? (id) => hooks.stored!(this.doc, id) : undefined
		);
		this.state = 'active';
		this.#loaded(stored.lastUpdateId);
	}

	#loaded(lastUpdateId: number): void {
		try {
			this.hooks.loaded?.(this.doc, lastUpdateId);
		} catch (error) {
			this.logger.error({ err: error, doc: this.name }, 'after-load hook failed');
		}
	}

	localAwarenessIds(): number[] {
		const ids: number[] = [];
		for (const peer of this.peers) for (const id of peer.awarenessIds ?? []) if (this.awareness.meta.has(id)) ids.push(id);
		return ids;
	}

	/** Updates accepted here and not yet handed on (to the database, or to Redis with a cluster). */
	get pendingUpdates(): number {
		return this.link ? this.link.pending : (this.persistence?.pendingUpdates ?? 0);
	}

	#flushAwareness(): void {
		this.#awarenessTimer = null;
		const ids = [...this.#awarenessChanged];
		const local = [...this.#awarenessLocal];
		this.#awarenessChanged.clear();
		this.#awarenessLocal.clear();
		if (this.link && local.length > 0) this.link.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, local));
		if (ids.length === 0 || this.peers.size === 0) return;
		const frame = encodeAwareness(this.awareness, ids);
		for (const peer of this.peers) peer.send(frame);
	}

	/** Flushes and snapshots, then frees memory. */
	async drain(): Promise<void> {
		this.state = 'draining';
		if (this.#awarenessTimer) clearTimeout(this.#awarenessTimer);
		try {
			if (this.link) await this.link.detach(Date.now() + DETACH_WAIT_MS);
			else await this.persistence?.close();
		} finally {
			await this.hooks.settle?.().catch((error: unknown) => this.logger.error({ err: error, doc: this.name }, 'settling document hooks failed'));
			this.awareness.destroy();
			this.doc.destroy();
			this.state = 'gone';
		}
	}
}
