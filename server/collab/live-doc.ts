import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from '../../src/lib/server/logger.js';
import type { Store } from '../../src/lib/server/store/types.js';
import { DocPersistence, type PersistenceOptions } from './persistence.js';
import { encodeAwareness, encodeUpdate } from './codec.js';

export type DocState = 'loading' | 'active' | 'draining' | 'gone';

/** Sends a frame; implemented by each connection. */
export interface Peer {
	send(frame: Uint8Array): void;
}

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
	#awarenessTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(
		readonly name: string,
		private readonly store: Store,
		private readonly logger: Logger,
		private readonly options: PersistenceOptions,
		private readonly hooks: DocHooks = {}
	) {
		// The server is not a participant: it holds no awareness state of its own.
		this.awareness.setLocalState(null);
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === LOAD_ORIGIN) return;
			this.persistence?.enqueue(update);
			const frame = encodeUpdate(update);
			for (const peer of this.peers) if (peer !== origin) peer.send(frame);
		});
		this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
			for (const id of [...added, ...updated, ...removed]) this.#awarenessChanged.add(id);
			this.#awarenessTimer ??= setTimeout(() => this.#flushAwareness(), AWARENESS_COALESCE_MS);
		});
	}

	/** Loads snapshot + later updates. No peer is attached before this resolves. */
	async load(): Promise<void> {
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
		this.persistence = new DocPersistence(
			this.name,
			this.doc,
			this.store,
			this.logger,
			this.options,
			{ lastUpdateId: stored.lastUpdateId, pending: stored.updates.length },
			hooks.stored ? (id) => hooks.stored!(this.doc, id) : undefined
		);
		this.state = 'active';
		try {
			hooks.loaded?.(this.doc, stored.lastUpdateId);
		} catch (error) {
			this.logger.error({ err: error, doc: this.name }, 'after-load hook failed');
		}
	}

	#flushAwareness(): void {
		this.#awarenessTimer = null;
		const ids = [...this.#awarenessChanged];
		this.#awarenessChanged.clear();
		if (ids.length === 0 || this.peers.size === 0) return;
		const frame = encodeAwareness(this.awareness, ids);
		for (const peer of this.peers) peer.send(frame);
	}

	/** Flushes and snapshots, then frees memory. */
	async drain(): Promise<void> {
		this.state = 'draining';
		if (this.#awarenessTimer) clearTimeout(this.#awarenessTimer);
		try {
			await this.persistence?.close();
		} finally {
			await this.hooks.settle?.().catch((error: unknown) => this.logger.error({ err: error, doc: this.name }, 'settling document hooks failed'));
			this.awareness.destroy();
			this.doc.destroy();
			this.state = 'gone';
		}
	}
}
