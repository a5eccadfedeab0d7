// Over 300 lines on purpose: one document in memory and everything timed on it (its updates' fan-out,
// presence coalesced, limited per client and sent with the next update while the document is
// edited, the sink), so the write each socket gets is decided in one place.
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { MessageType } from '../../src/lib/domain/collab-protocol.js';
import type { Logger } from '../../src/lib/server/logger.js';
import type { Store, StoredDoc, UpdateAuthor } from '../../src/lib/server/store/types.js';
import { authorOf } from './authored-updates.js';
import { loadSafely, rulesForDoc, type SetAside } from './safe-load.js';
import { encodeAwarenessFrames } from './codec.js';
import { UpdateFanOut, type Ride } from './fan-out.js';
import { JudgeCopy } from './judge-copy.js';
import { applyScreenedStates, awarenessFrameBytes, splitAwarenessUpdates, type KeptState } from './awareness-guard.js';
import { SINK_ORIGIN, type DocSink, type SinkDoc } from './doc-sink.js';

export type DocState = 'loading' | 'active' | 'draining' | 'gone';

/** Sends a frame; implemented by each connection. */
export interface Peer {
	send(frame: Uint8Array): void;
	/** Several frames in one write; without it, `send` each. */
	sendBurst?(frames: Uint8Array[]): void;
	/** Awareness client ids this peer speaks for. */
	readonly awarenessIds?: ReadonlySet<number>;
	/** Who the updates this peer applies are stored as made by (its member); none for the server's own. */
	readonly author?: UpdateAuthor;
}

/** Limits on presence (config.collab): one state's JSON, and one websocket frame. */
export interface AwarenessOptions {
	maxAwarenessBytes: number;
	maxFrameBytes: number;
	/** Least time between two forwarded states of one client (COLLAB_AWARENESS_INTERVAL_MS); the last state always follows. */
	awarenessIntervalMs: number;
}
/** For documents made without configuration (unit tests): the configuration's defaults. */
const DEFAULT_AWARENESS_OPTIONS: AwarenessOptions = { maxAwarenessBytes: 8192, maxFrameBytes: 2 * 1024 * 1024, awarenessIntervalMs: 250 };

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
 * While a document is edited (an update within this long), presence due to go out waits for the
 * next update's fan-out, at most this long, and goes in the same write to each socket: a typist's
 * cursor then costs no write of its own (on loopback each write is the largest per-message cost,
 * issue 13). Quiet documents, and a client leaving, are forwarded as before.
 */
export const AWARENESS_RIDE_MS = 250;

/**
 * One document in memory: the Y.Doc, its awareness, its peers, and the sink its updates go to.
 * The registry drives its state: loading → active → draining → gone.
 *
 * The sink (doc-sink.ts) is local persistence or the link to the other instances, chosen at start;
 * this class does not know which. Whatever the sink brings in (SINK_ORIGIN) reaches the peers and
 * is never handed back to it.
 */
export class LiveDoc implements SinkDoc {
	state: DocState = 'loading';
	/**
	 * A guid of its own would be lib0's uuidv4: 31 calls into webcrypto for every document opened,
	 * a visible share of opening hundreds of meetings at once (issue 13). The guid names a
	 * subdocument inside its parent; the server's documents are never anyone's subdocument.
	 */
	readonly doc = new Y.Doc({ gc: true, guid: 'samtavla-live-doc' });
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly peers = new Set<Peer>();
	/** The copy the write policy tries updates on, kept in step with `doc` (judge-copy.ts). */
	readonly judgeCopy = new JudgeCopy(this.doc);
	refs = 0;
	idleTimer: ReturnType<typeof setTimeout> | null = null;
	/** Bytes of updates its connections hold back until the content they refer to arrives. */
	waitingBytes = 0;
	#awarenessChanged = new Set<number>();
	#fullSync: Uint8Array | null = null;
	/** Awareness changes made by this instance's own clients: the ones other instances must hear. */
	#awarenessLocal = new Set<number>();
	#awarenessTimer: ReturnType<typeof setTimeout> | null = null;
	/** When each client's state was last forwarded (the per-client rate limit). */
	#awarenessSentAt = new Map<number, number>();
	#awarenessDue = 0;
	/**
	 * The JSON each client's state was screened to (connection.ts), with the state object it
	 * became: forwarding it then writes these bytes instead of stringifying the state again. Used
	 * only while that very object is the client's state (anything else that sets it, a newer
	 * state, a removal, the sink, makes a new object).
	 */
	#awarenessJson = new Map<number, { state: unknown; json: string }>();
	/** Where each client's current state came from (the origin it was applied with: a connection, or not). */
	#awarenessFrom = new Map<number, unknown>();
	readonly #knownJson = (clientId: number): string | undefined => {
		const known = this.#awarenessJson.get(clientId);
		return known && known.state === this.awareness.states.get(clientId) ? known.json : undefined;
	};
	/** When this document last took an update (Date.now()). */
	#lastUpdateAt = Number.NEGATIVE_INFINITY;
	/** Presence waiting to go with the next update (AWARENESS_RIDE_MS), and the timer that sends it anyway. */
	#ride: { ids: Set<number>; timer: ReturnType<typeof setTimeout> } | null = null;
	readonly #fanOut = new UpdateFanOut(
		this.peers,
		(error) => this.logger.error({ err: error, doc: this.name }, 'sending updates to the peers failed'),
		() => this.#takeRide()
	);

	constructor(
		readonly name: string,
		private readonly store: Store,
		private readonly logger: Logger,
		private readonly options: Partial<AwarenessOptions>,
		private readonly sink: DocSink,
		private readonly hooks: DocHooks = {},
		/** How the stored state is read: the registry batches the documents opening together (doc-loads.ts). */
		private readonly read: (name: string) => Promise<StoredDoc> = (name) => store.docs.load(name)
	) {
		// The server is not a participant: it holds no awareness state of its own.
		this.awareness.setLocalState(null);
		this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
			for (const id of [...added, ...updated, ...removed]) {
				this.#awarenessChanged.add(id);
				if (origin !== SINK_ORIGIN) this.#awarenessLocal.add(id);
			}
			for (const id of added) this.#awarenessFrom.set(id, origin);
			for (const id of updated) this.#awarenessFrom.set(id, origin);
			for (const id of removed) {
				this.#awarenessJson.delete(id);
				this.#awarenessFrom.delete(id);
			}
			this.#scheduleAwareness(AWARENESS_COALESCE_MS);
		});
	}

	/**
	 * Loads snapshot + later updates, then hands the document to its sink. No peer is attached before this resolves.
	 * The update listener is attached only after the stored state is in: while a document has one,
	 * Yjs encodes every transaction's update for it, and the load's is the whole document (about
	 * a tenth of a cold open of a long meeting, thrown away at once).
	 */
	async load(): Promise<void> {
		await this.sink.beforeLoad();
		const stored = await this.read(this.name);
		const { setAside, rebuilt } = await loadSafely(this.doc, stored, rulesForDoc(this.name), LOAD_ORIGIN);
		// A snapshot alone is the whole document as it now is: the first client's sync step 2 sends
		// it as stored instead of encoding the document again (a long meeting's 300 KB: ~10 ms).
		if (stored.snapshot && stored.updates.length === 0 && !rebuilt && setAside.length === 0) this.#fullSync = syncStep2Frame(stored.snapshot);
		this.doc.on('update', (update: Uint8Array, origin: unknown) => this.#updated(update, origin));
		await this.#quarantine(setAside);
		await this.sink.afterLoad(this, { lastUpdateId: stored.lastUpdateId, pending: stored.updates.length, rebuilt });
		this.state = 'active';
		this.#loaded(stored.lastUpdateId);
	}

	/**
	 * Sync step 2 to a client that has nothing: the whole document, framed. Kept until the document
	 * next changes, so the clients that open a meeting together (or reconnect together after a
	 * restart) cost one encoding of it, not one each.
	 */
	fullSync(): Uint8Array {
		return (this.#fullSync ??= syncStep2Frame(Y.encodeStateAsUpdate(this.doc)));
	}

	/** Every update after the load: stored by the sink (unless the sink brought it), sent to the peers. */
	#updated(update: Uint8Array, origin: unknown): void {
		this.#fullSync = null;
		this.#lastUpdateAt = Date.now();
		this.judgeCopy.follow(update);
		// The origin is the connection that sent the update (see Connection.#apply): its member is
		// the author. Any other origin is the server's own change, stored without one.
		if (origin !== SINK_ORIGIN) this.sink.push(update, authorOf(origin));
		// Sent at the end of this turn, merged with the turn's other updates (fan-out.ts).
		this.#fanOut.add(update, origin);
	}

	/** The load failed: the sink lets go of what it took (not awaited by the caller). */
	abandon(): Promise<void> {
		return this.sink.abandon();
	}

	/** Hands on what waits now (stored, or shared with the other instances). */
	flush(): Promise<void> {
		return this.sink.flush();
	}

	async #quarantine(setAside: SetAside[]): Promise<void> {
		for (const { content, reason } of setAside) {
			this.logger.warn({ doc: this.name, reason, bytes: content.byteLength }, 'stored content breaks the document layout; loaded without it and set it aside (doc_quarantine)');
			await this.store.docs.quarantine(this.name, content, reason).catch((error: unknown) => {
				this.logger.error({ err: error, doc: this.name, reason }, 'setting aside stored content failed; the document loaded without it all the same');
			});
		}
	}

	#loaded(lastUpdateId: number): void {
		try {
			this.hooks.loaded?.(this.doc, lastUpdateId);
		} catch (error) {
			this.logger.error({ err: error, doc: this.name }, 'after-load hook failed');
		}
	}

	/** The largest awareness state accepted, in bytes of JSON. */
	get maxAwarenessBytes(): number {
		return this.options.maxAwarenessBytes ?? DEFAULT_AWARENESS_OPTIONS.maxAwarenessBytes;
	}

	get #maxFrameBytes(): number {
		return this.options.maxFrameBytes ?? DEFAULT_AWARENESS_OPTIONS.maxFrameBytes;
	}

	/**
	 * Applies the states that passed the awareness guard (awareness-guard.ts) from `origin`: a state
	 * that this set is remembered with its JSON, which is what is forwarded.
	 */
	applyAwareness(origin: unknown, kept: ReadonlyArray<KeptState>): void {
		const { states } = this.awareness;
		const before = kept.map(({ clientId }) => states.get(clientId));
		applyScreenedStates(this.awareness, kept, origin);
		kept.forEach(({ clientId, json }, i) => {
			const state = states.get(clientId);
			// A new object: this update's state was taken (an older clock is ignored, the old object stays).
			if (state !== undefined && state !== before[i]) this.#awarenessJson.set(clientId, { state, json });
		});
	}

	/** The states of `ids` as websocket frames, each well under the frame limit. */
	awarenessFrames(ids: number[]): Uint8Array[] {
		const { frames, skipped } = encodeAwarenessFrames(this.awareness, ids, this.#maxFrameBytes, this.#knownJson);
		if (skipped.length) this.logger.warn({ doc: this.name, clients: skipped }, 'awareness states too large for one frame; not sent');
		return frames;
	}

	/** The states of `ids` as awareness updates for the other instances, split as frames are. */
	awarenessUpdates(ids: number[]): Uint8Array[] {
		return splitAwarenessUpdates(this.awareness, ids, awarenessFrameBytes(this.#maxFrameBytes), this.#knownJson).updates;
	}

	localAwarenessIds(): number[] {
		const ids: number[] = [];
		for (const peer of this.peers) for (const id of peer.awarenessIds ?? []) if (this.awareness.meta.has(id)) ids.push(id);
		return ids;
	}

	/** Updates accepted here and not yet handed on by the sink. */
	get pendingUpdates(): number {
		return this.sink.pending;
	}

	/**
	 * Forwards the changed states, coalesced per document (one broadcast per window) and limited
	 * per client: a state changed again within awarenessIntervalMs of its last forward waits, and
	 * whatever it is by then is forwarded when the interval is up (the last cursor position is never
	 * lost). A client leaving is forwarded at once: nothing comes after it.
	 */
	/** A flush within `ms`: an earlier one stands, a later one (a state held back) is brought forward. */
	#scheduleAwareness(ms: number): void {
		const due = Date.now() + ms;
		if (this.#awarenessTimer) {
			if (this.#awarenessDue <= due) return;
			clearTimeout(this.#awarenessTimer);
		}
		this.#awarenessDue = due;
		this.#awarenessTimer = setTimeout(() => this.#flushAwareness(), ms);
	}

	#flushAwareness(): void {
		this.#awarenessTimer = null;
		const now = Date.now();
		const interval = this.options.awarenessIntervalMs ?? DEFAULT_AWARENESS_OPTIONS.awarenessIntervalMs;
		const ids: number[] = [];
		let wait = Infinity;
		for (const id of this.#awarenessChanged) {
			const left = this.awareness.states.has(id) ? (this.#awarenessSentAt.get(id) ?? -Infinity) + interval - now : 0;
			if (left > 0) {
				wait = Math.min(wait, left);
				continue;
			}
			ids.push(id);
			this.#awarenessChanged.delete(id);
			if (this.awareness.states.has(id)) this.#awarenessSentAt.set(id, now);
			else this.#awarenessSentAt.delete(id);
		}
		const local = ids.filter((id) => this.#awarenessLocal.delete(id));
		if (wait !== Infinity) this.#scheduleAwareness(Math.max(wait, 1));
		if (this.sink.pushAwareness && local.length > 0) for (const update of this.awarenessUpdates(local)) this.sink.pushAwareness(update);
		if (ids.length === 0 || this.peers.size === 0) return;
		const leaving = ids.some((id) => !this.awareness.states.has(id));
		if (!leaving && now - this.#lastUpdateAt < AWARENESS_RIDE_MS) return this.#rideAlong(ids);
		this.#sendAwareness(ids);
	}

	/** `ids` go with the next update's fan-out, or on their own AWARENESS_RIDE_MS from now. */
	#rideAlong(ids: number[]): void {
		if (this.#ride) {
			for (const id of ids) this.#ride.ids.add(id);
			return;
		}
		const timer = setTimeout(() => {
			const ride = this.#ride;
			this.#ride = null;
			if (ride) this.#sendAwareness([...ride.ids]);
		}, AWARENESS_RIDE_MS);
		this.#ride = { ids: new Set(ids), timer };
	}

	/** For the fan-out: the waiting presence as frames, taken (their states as they are now). */
	#takeRide(): Ride | null {
		const ride = this.#ride;
		if (!ride) return null;
		clearTimeout(ride.timer);
		this.#ride = null;
		const ids = [...ride.ids];
		return { frames: this.awarenessFrames(ids), except: this.#senderOfAll(ids) };
	}

	/** The peer that sent the one state in `ids`, if it is one state. */
	#senderOfAll(ids: number[]): unknown {
		return ids.length === 1 ? this.#awarenessFrom.get(ids[0]) : undefined;
	}

	#sendAwareness(ids: number[]): void {
		if (this.peers.size === 0) return;
		// Several frames rather than one over the limit: a peer that echoes it would be closed (1009).
		const frames = this.awarenessFrames(ids);
		// Not back to the peer that sent the one state in them: a client takes no state of its own
		// with the clock it already has (y-protocols), so that echo was a write for nothing (a
		// typist's cursor: one write of five per move).
		const senderOfAll = this.#senderOfAll(ids);
		if (frames.length === 1) {
			for (const peer of this.peers) if (peer !== senderOfAll) peer.send(frames[0]);
		} else for (const peer of this.peers) if (peer !== senderOfAll) sendAll(peer, frames);
	}

	/** Flushes and snapshots, then frees memory. */
	async drain(): Promise<void> {
		this.state = 'draining';
		this.#fanOut.flush();
		if (this.#awarenessTimer) clearTimeout(this.#awarenessTimer);
		if (this.#ride) clearTimeout(this.#ride.timer);
		this.#ride = null;
		try {
			await this.sink.close();
		} finally {
			await this.hooks.settle?.().catch((error: unknown) => this.logger.error({ err: error, doc: this.name }, 'settling document hooks failed'));
			this.awareness.destroy();
			this.judgeCopy.drop();
			this.doc.destroy();
			this.state = 'gone';
		}
	}
}

/** Sync step 2 carrying `update`, framed (what syncProtocol.writeSyncStep2 writes for a whole document). */
function syncStep2Frame(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** Frames to one peer, in one write when it can. */
export function sendAll(peer: Peer, frames: Uint8Array[]): void {
	if (peer.sendBurst) peer.sendBurst(frames);
	else for (const frame of frames) peer.send(frame);
}
