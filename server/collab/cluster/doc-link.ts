import type { Redis } from 'ioredis';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from '../../../src/lib/server/logger.js';
import type { Store, UpdateAuthor } from '../../../src/lib/server/store/types.js';
import { dropOversizedStates } from '../awareness-guard.js';
import { SINK_ORIGIN, type DocSink, type LoadedState, type SinkDoc, type SinkHooks } from '../doc-sink.js';
import { AwarenessMessage, awarenessClients, decodeAwarenessMessage, encodeAwarenessMessage } from './awareness-relay.js';
import { keys } from './keys.js';
import { persistedId } from './lease.js';
import { Outbox } from './outbox.js';
import { compareIds, parseEntries, type StreamEntry } from './stream-entries.js';
import type { StreamReader, StreamSubscriber } from './stream-reader.js';
import { StreamWriter, type WriterOptions } from './stream-writer.js';

/** How long an unloading document waits for Redis to take its last updates. */
const DETACH_WAIT_MS = 5000;

/** What every link of one instance shares. */
export interface ClusterContext {
	instanceId: string;
	redis: Redis;
	reader: StreamReader;
	store: Store;
	logger: Logger;
	options: WriterOptions;
	subscribe(channel: string, onMessage: (message: Buffer) => void): void;
	unsubscribe(channel: string): void;
	/** Another instance spoke (so it is alive). */
	seen(instanceId: string): void;
}

/**
 * One document's connection to the other instances, as its sink: its updates go out through the
 * outbox into the stream, others' updates come in through the stream reader, awareness goes over
 * pub/sub, and, while this instance holds the lease, it is the document's writer.
 */
let serial = 0;

export class DocLink implements DocSink {
	/** Marks this link's entries in the stream: they are already in its document. Per link, not per
	 * instance, so a reload of the document on this instance still applies the earlier copy's entries. */
	readonly origin: string;
	#live: SinkDoc | null = null;
	/** Where the stream stood before the database load: from there on it holds what the load may lack. */
	#loadFrom = '0-0';
	#outbox: Outbox;
	#writer: StreamWriter | null = null;
	#claiming: Promise<void> | null = null;
	#loadedUpTo = 0;
	#detached = false;
	/** The stream reader's position for this document: entries up to `lastId` are in the document. */
	#following: StreamSubscriber | null = null;
	/** Awareness clients of the people on each other instance, to drop them if it dies. */
	readonly #remoteClients = new Map<string, Set<number>>();

	constructor(
		private readonly ctx: ClusterContext,
		readonly name: string,
		private readonly hooks: SinkHooks = {},
		/** The link is done (closed or abandoned): the cluster forgets it. */
		private readonly forget: (link: DocLink) => void = () => {}
	) {
		this.origin = `${ctx.instanceId}/${++serial}`;
		this.#outbox = new Outbox(ctx.redis, name, this.origin, ctx.logger);
	}

	get writing(): boolean {
		return this.#writer !== null && !this.#writer.lost;
	}

	get pending(): number {
		return this.#outbox.pending;
	}

	/** Read before the database load: the stream from here on holds whatever that load may lack. */
	async beforeLoad(): Promise<void> {
		this.#loadFrom = await persistedId(this.ctx.redis, this.name);
	}

	/** After the database load: apply the stream from where it stood before, then follow it live. */
	async afterLoad(live: SinkDoc, loaded: LoadedState): Promise<void> {
		const { redis, options } = this.ctx;
		const fromId = this.#loadFrom;
		this.#loadedUpTo = loaded.lastUpdateId;
		let lastId = fromId;
		for (;;) {
			const items = await redis.xrangeBuffer(keys.stream(this.name), `(${lastId}`, '+', 'COUNT', 1000);
			if (items.length === 0) break;
			applyEntries(live.doc, parseEntries(items), this.origin);
			lastId = items[items.length - 1][0].toString();
		}
		// Entries are trimmed only `retentionMs` below the stored-up-to pointer. If the pointer moved
		// that far past where this load started, entries the load needed may be gone: load again.
		const now = await persistedId(redis, this.name);
		if (fromId !== '0-0' && compareIds(now, fromId) > 0 && Number(now.split('-')[0]) - options.retentionMs > Number(fromId.split('-')[0])) {
			throw new Error(`the stream of ${this.name} moved on during loading; load again`);
		}
		this.#live = live;
		this.#following = { lastId, deliver: (entries) => this.#apply(entries) };
		this.ctx.reader.add(this.name, this.#following);
		this.ctx.subscribe(keys.awareness(this.name), (message) => this.#onAwareness(message));
		this.#queryAwareness();
		void this.tick();
	}

	/** A local client's update, already applied here, with who made it (it travels in the stream entry). */
	push(update: Uint8Array, author: UpdateAuthor | null): void {
		this.#outbox.push(update, author);
	}

	/** Sends what the outbox holds; resolves when Redis has it or the attempt failed (kept for a retry). */
	async flush(): Promise<void> {
		await this.#outbox.send();
	}

	/** Awareness changes of local clients (coalesced by the live document). */
	pushAwareness(update: Uint8Array): void {
		this.ctx.redis.publish(keys.awareness(this.name), encodeAwarenessMessage(this.ctx.instanceId, AwarenessMessage.update, update)).catch((error) => {
			this.ctx.logger.debug({ err: error, doc: this.name }, 'publishing awareness failed; clients renew it on their own');
		});
	}

	#apply(entries: StreamEntry[]): void {
		const doc = this.#live?.doc;
		if (!doc || this.#detached) return;
		applyEntries(doc, entries, this.origin);
		this.#writer?.flushSoon();
	}

	#onAwareness(message: Buffer): void {
		const live = this.#live;
		if (!live) return;
		let decoded: ReturnType<typeof decodeAwarenessMessage>;
		try {
			decoded = decodeAwarenessMessage(message);
		} catch (error) {
			this.ctx.logger.warn({ err: error, doc: this.name }, 'malformed awareness message from Redis; ignored');
			return;
		}
		if (decoded.from === this.ctx.instanceId) return;
		this.ctx.seen(decoded.from);
		if (decoded.type === AwarenessMessage.update) {
			try {
				// The sending instance screened these states (size, identity); check the size again
				// here, as this instance's limit is what keeps its own frames small.
				const { update, dropped } = dropOversizedStates(decoded.payload, live.maxAwarenessBytes);
				if (dropped.length) this.ctx.logger.warn({ doc: this.name, from: decoded.from, clients: dropped }, 'awareness states from another instance over COLLAB_MAX_AWARENESS_BYTES; dropped');
				if (!update) return;
				this.#track(decoded.from, update);
				awarenessProtocol.applyAwarenessUpdate(live.awareness, update, SINK_ORIGIN);
			} catch (error) {
				this.ctx.logger.warn({ err: error, doc: this.name }, 'awareness update from another instance does not apply; ignored');
			}
		} else if (decoded.type === AwarenessMessage.query) {
			const ids = live.localAwarenessIds();
			if (ids.length) for (const update of live.awarenessUpdates(ids)) this.pushAwareness(update);
		}
	}

	/** Remembers which instance speaks for which awareness clients (a client that moved is the new one's). */
	#track(instanceId: string, update: Uint8Array): void {
		let mine = this.#remoteClients.get(instanceId);
		if (!mine) this.#remoteClients.set(instanceId, (mine = new Set()));
		for (const { clientId, removed } of awarenessClients(update)) {
			if (removed) {
				mine.delete(clientId);
				continue;
			}
			for (const set of this.#remoteClients.values()) set.delete(clientId);
			mine.add(clientId);
		}
	}

	/** Another instance died or left: its people are no longer here. */
	forgetInstance(instanceId: string): void {
		const ids = this.#remoteClients.get(instanceId);
		this.#remoteClients.delete(instanceId);
		const live = this.#live;
		if (!live || !ids || ids.size === 0) return;
		awarenessProtocol.removeAwarenessStates(live.awareness, [...ids].filter((id) => live.awareness.meta.has(id)), SINK_ORIGIN);
	}

	#queryAwareness(): void {
		this.ctx.redis.publish(keys.awareness(this.name), encodeAwarenessMessage(this.ctx.instanceId, AwarenessMessage.query)).catch(() => {});
	}

	/** Periodic: keep the lease while writing; otherwise take it when it is free. */
	async tick(): Promise<void> {
		if (this.#detached || !this.#live) return;
		if (this.#writer && !this.#writer.lost) {
			await this.#writer.renew().catch((error) => this.ctx.logger.warn({ err: error, doc: this.name }, 'renewing the write lease failed; will retry'));
			return;
		}
		await this.#claim();
	}

	#claim(): Promise<void> {
		const live = this.#live;
		if (!live) return Promise.resolve();
		this.#claiming ??= StreamWriter.claim(
			{
				name: this.name,
				doc: live.doc,
				// The reader has usually applied them already: only what it has not reached yet is applied here.
				apply: (entries) => {
					const readUpTo = this.#following?.lastId;
					applyEntries(live.doc, readUpTo ? entries.filter((e) => compareIds(e.id, readUpTo) > 0) : entries, this.origin);
				},
				store: this.ctx.store,
				redis: this.ctx.redis,
				instanceId: this.ctx.instanceId,
				logger: this.ctx.logger,
				options: this.ctx.options,
				stored: this.hooks.stored ? (id) => this.hooks.stored!(live.doc, id) : undefined
			},
			this.#loadedUpTo
		)
			.then((writer) => {
				if (writer) this.#writer = writer;
			})
			.catch((error) => this.ctx.logger.warn({ err: error, doc: this.name }, 'claiming the write lease failed; will retry'))
			.finally(() => {
				this.#claiming = null;
			});
		return this.#claiming;
	}

	/** Redis came back after an outage (maybe restarted, empty): send our whole state once more. */
	resync(): void {
		const live = this.#live;
		if (!live || this.#detached) return;
		// The server's: what it holds again, not anyone's new change (every part is already stored with its author).
		this.#outbox.push(Y.encodeStateAsUpdate(live.doc), null);
		this.#queryAwareness();
	}

	/** The document leaves memory (see `detach`), waiting a little for Redis if it is away. */
	async close(): Promise<void> {
		try {
			await this.detach(Date.now() + DETACH_WAIT_MS);
		} finally {
			this.forget(this);
		}
	}

	/** The load failed: stop following the stream and hand back the lease, without waiting for Redis. */
	async abandon(): Promise<void> {
		try {
			await this.detach(Date.now());
		} finally {
			this.forget(this);
		}
	}

	/**
	 * Before the document leaves memory: everything accepted here reaches the stream, and if no
	 * other instance writes the document, this one stores the stream and snapshots before going.
	 */
	async detach(deadline: number): Promise<void> {
		this.#detached = true;
		this.ctx.reader.remove(this.name);
		this.ctx.unsubscribe(keys.awareness(this.name));
		const left = await this.#outbox.drain(deadline);
		if (left) {
			this.ctx.logger.error(
				{ doc: this.name, bytes: left.byteLength },
				'Redis unreachable: updates accepted here could not be shared before unloading; the clients that made them still hold them and send them again when they reconnect'
			);
		}
		await this.#claiming;
		if (!this.writing) await this.#claim().catch(() => {});
		if (this.#writer) await this.#writer.close();
		this.#writer = null;
	}
}

/** Applies stream entries from elsewhere (this link's own are already in the document) in one transaction. */
function applyEntries(doc: Y.Doc, entries: StreamEntry[], ownOrigin: string): void {
	Y.transact(
		doc,
		() => {
			for (const entry of entries) if (entry.origin !== ownOrigin) Y.applyUpdate(doc, entry.update, SINK_ORIGIN);
		},
		SINK_ORIGIN
	);
}
