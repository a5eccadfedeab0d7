import type * as Y from 'yjs';
import type * as awarenessProtocol from 'y-protocols/awareness';
import type { UpdateAuthor } from '../../src/lib/server/store/types.js';

/**
 * Where a live document hands its updates: local persistence (its own update log and snapshots)
 * or the cluster link (a Redis stream shared with the other instances, one writer per document).
 * One kind is chosen at start, in the composition root; the document never knows which, the way
 * a Hocuspocus document does not know which extensions it runs with.
 *
 * Life of a sink, driven by its LiveDoc: `beforeLoad` → (the stored state is read and applied)
 * → `afterLoad` → `push`/`pushAwareness`/`flush` while active → `close` when the document
 * unloads, or `abandon` when its load failed.
 */
export interface DocSink {
	/** Runs before the stored state is read (a sink notes what the read may miss, or claims its fence). */
	beforeLoad(): Promise<void>;
	/** The stored state is in the document; from here on the sink keeps it and hands updates on. */
	afterLoad(doc: SinkDoc, loaded: LoadedState): Promise<void>;
	/**
	 * An update made on this instance (never one the sink brought in itself), already applied,
	 * with who made it (null: the server itself); the author is stored with the update.
	 */
	push(update: Uint8Array, author: UpdateAuthor | null): void;
	/** Awareness changes of this instance's own clients; only sinks that share presence take them. */
	pushAwareness?(update: Uint8Array): void;
	/** Updates accepted here and not yet handed on (stored, or shared with the other instances). */
	readonly pending: number;
	/** Hands on what waits now; resolves when it is stored or shared (or failed and kept for a retry). */
	flush(): Promise<void>;
	/** The document leaves memory: hand on everything left. Throws when updates could not be kept. */
	close(): Promise<void>;
	/** The load failed: let go of whatever `beforeLoad`/`afterLoad` took, without waiting. */
	abandon(): Promise<void>;
}

/** Picks the sink of each document as it loads; chosen once, at start. */
export type SinkFactory = (name: string, hooks: SinkHooks) => DocSink;

/** What a sink reports back to the document's other concerns (the action projection). */
export interface SinkHooks {
	/** A batch of updates was stored; the document includes every update up to `lastUpdateId`. */
	stored?(doc: Y.Doc, lastUpdateId: number): void;
}

export interface LoadedState {
	/** Id of the newest stored update the load included. */
	lastUpdateId: number;
	/** Updates stored after the last snapshot (they count towards the next one). */
	pending: number;
	/** The load rebuilt the document (content was set aside): its stored log should be replaced. */
	rebuilt: boolean;
}

/** What a sink sees of the live document it serves. */
export interface SinkDoc {
	readonly name: string;
	readonly doc: Y.Doc;
	readonly awareness: awarenessProtocol.Awareness;
	/** Awareness client ids of this instance's own sockets. */
	localAwarenessIds(): number[];
	/** The states of `ids` as awareness updates, each small enough for one frame. */
	awarenessUpdates(ids: number[]): Uint8Array[];
	/** The largest awareness state accepted (COLLAB_MAX_AWARENESS_BYTES). */
	readonly maxAwarenessBytes: number;
}

/**
 * Origin of changes a sink brings in from elsewhere (another instance): shown to local clients,
 * never handed back to the sink.
 */
export const SINK_ORIGIN = Symbol('sink');
