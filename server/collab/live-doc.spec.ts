// Over 300 lines on purpose: a live document's life (load, fan-out, presence limits, full sync, drain)
// is tested as one unit, with the in-memory store and sinks shared by every case.
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/lib/server/logger';
import type { AuthoredUpdate, Store, StoredDoc } from '../../src/lib/server/store/types';
import { AWARENESS_COALESCE_MS, AWARENESS_RIDE_MS, LiveDoc, type DocHooks } from './live-doc';
import { localPersistence } from './persistence';
import { SINK_ORIGIN, type DocSink, type LoadedState } from './doc-sink';
import { encodeAwarenessUpdateFrame } from './codec';

/** The bytes of an appended update (the writer hands them with their authors). */
const bytesOf = (u: Uint8Array | AuthoredUpdate): Uint8Array => (u instanceof Uint8Array ? u : u.update);

const logger = createLogger('silent');

function storeWith(stored: StoredDoc) {
	const appended: Uint8Array[][] = [];
	const store = {
		docs: {
			load: async () => stored,
			append: async (_n: string, u: Array<Uint8Array | AuthoredUpdate>) => {
				appended.push(u.map(bytesOf));
				return 100 + appended.length;
			},
			compact: async () => {},
			pendingCount: async () => 0
		}
	} as unknown as Store;
	return { store, appended };
}

function updateOf(change: (doc: Y.Doc) => void, base?: Y.Doc): Uint8Array {
	const doc = base ?? new Y.Doc();
	const before = Y.encodeStateVector(doc);
	change(doc);
	return Y.encodeStateAsUpdate(doc, before);
}

/** A live document writing its own update log, as an instance alone runs it. */
function localDoc(name: string, store: Store, hooks: DocHooks = {}) {
	const sink = localPersistence(store, logger, { flushMs: 60_000, snapshotEvery: 1000 })(name, hooks);
	return new LiveDoc(name, store, logger, {}, sink, hooks);
}

/** Client ids in an awareness update (length, then id, clock and state per client). */
function clientsOf(update: Uint8Array): number[] {
	const decoder = decoding.createDecoder(update);
	const ids: number[] = [];
	for (let n = decoding.readVarUint(decoder); n > 0; n--) {
		ids.push(decoding.readVarUint(decoder));
		decoding.readVarUint(decoder);
		decoding.readVarString(decoder);
	}
	return ids;
}

afterEach(() => {
	vi.useRealTimers();
});

/** Updates reach the peers at the end of the event loop's turn (fan-out.ts). */
const endOfTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The payload of a sync update frame. */
function updateIn(frame: Uint8Array): Uint8Array {
	const decoder = decoding.createDecoder(frame);
	expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([0, 2]);
	return decoding.readVarUint8Array(decoder);
}

/** A peer that records the frames it gets, and which of them came in one write. */
function recordingPeer() {
	const frames: Uint8Array[] = [];
	const bursts: number[] = [];
	return {
		frames,
		bursts,
		send: (frame: Uint8Array) => void frames.push(frame),
		sendBurst(list: Uint8Array[]) {
			bursts.push(list.length);
			frames.push(...list);
		}
	};
}

describe('LiveDoc fan-out', () => {
	async function loaded() {
		const { store } = storeWith({ snapshot: null, updates: [], lastUpdateId: 0 });
		const live = localDoc('meeting:m1', store);
		await live.load();
		return live;
	}
	/** A client's edits, each as the update it sends. */
	function typist(text: string) {
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		for (const ch of text) doc.getText('minutes').insert(doc.getText('minutes').length, ch);
		return updates;
	}
	const textOf = (frames: Uint8Array[], base?: Uint8Array) => {
		const replica = new Y.Doc();
		if (base) Y.applyUpdate(replica, base);
		for (const f of frames) Y.applyUpdate(replica, updateIn(f));
		return replica.getText('minutes').toString();
	};

	it('sends a burst of one sender as one frame per peer, never back to the sender', async () => {
		const live = await loaded();
		const sender = recordingPeer();
		const a = recordingPeer();
		const b = recordingPeer();
		for (const p of [sender, a, b]) live.peers.add(p);
		for (const u of typist('hej')) Y.applyUpdate(live.doc, u, sender);
		expect(a.frames).toEqual([]); // nothing before the turn ends
		await endOfTurn();
		expect(sender.frames).toEqual([]);
		expect(a.frames).toHaveLength(1);
		expect(b.frames).toEqual(a.frames); // the same frame, encoded once
		expect(b.frames[0]).toBe(a.frames[0]);
		expect(textOf(a.frames)).toBe('hej');
		await live.drain();
	});

	it('with several senders, each gets only the others’ updates (in one write) and a listener everything in one frame', async () => {
		const live = await loaded();
		const [s1, s2, s3, listener] = [recordingPeer(), recordingPeer(), recordingPeer(), recordingPeer()];
		for (const p of [s1, s2, s3, listener]) live.peers.add(p);
		const typed = new Map([
			[s1, typist('aa')],
			[s2, typist('bb')],
			[s3, typist('cc')]
		]);
		// Interleaved, as frames from several sockets arrive in one turn.
		for (let i = 0; i < 2; i++) for (const [peer, updates] of typed) Y.applyUpdate(live.doc, updates[i], peer);
		// The server's own change (no peer as origin) goes to everyone.
		live.doc.getMap('meta').set('status', 'open');
		await endOfTurn();
		expect(listener.frames).toHaveLength(1);
		const all = live.doc.getText('minutes').toString();
		expect(textOf(listener.frames)).toBe(all);
		for (const [peer, updates] of typed) {
			expect(peer.bursts).toEqual([3]); // two other senders and the server, one write
			// Its own updates plus what it got make the whole document: nothing of its own came back.
			const own = Y.mergeUpdates(updates);
			expect(textOf(peer.frames, own)).toBe(all);
			const [ownClient] = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(own)).keys();
			for (const f of peer.frames) expect(Y.decodeStateVector(Y.encodeStateVectorFromUpdate(updateIn(f))).has(ownClient)).toBe(false);
		}
		await live.drain();
	});

	it('sends what the turn holds before the document is drained', async () => {
		const live = await loaded();
		const a = recordingPeer();
		live.peers.add(a);
		live.doc.getText('minutes').insert(0, 'sist');
		await live.drain();
		expect(textOf(a.frames)).toBe('sist');
	});
});

describe('LiveDoc', () => {
	it('loads the snapshot and later updates without storing them again', async () => {
		const source = new Y.Doc();
		const snapshot = updateOf((d) => d.getText('minutes').insert(0, 'ögonblicksbild'), source);
		const later = updateOf((d) => d.getText('minutes').insert(d.getText('minutes').length, ' + senare'), source);
		const { store, appended } = storeWith({ snapshot, updates: [later], lastUpdateId: 9 });
		const live = localDoc('meeting:m1', store);
		const sent: Uint8Array[] = [];
		live.peers.add({ send: (f) => sent.push(f) });
		expect(live.state).toBe('loading');
		await live.load();
		expect(live.state).toBe('active');
		expect(live.doc.getText('minutes').toString()).toBe('ögonblicksbild + senare');
		expect(live.pendingUpdates).toBe(0);
		expect(sent).toEqual([]); // loading is not news to anyone

		live.doc.getText('minutes').insert(0, 'ny ');
		expect(live.pendingUpdates).toBe(1);
		await endOfTurn();
		expect(sent).toHaveLength(1);
		await live.drain();
		expect(live.state).toBe('gone');
		expect(appended).toHaveLength(1);
	});

	it('coalesces awareness changes into one broadcast per window', async () => {
		vi.useFakeTimers();
		const { store } = storeWith({ snapshot: null, updates: [], lastUpdateId: 0 });
		const live = localDoc('board:b1', store);
		await live.load();
		const sent: Uint8Array[] = [];
		live.peers.add({ send: (f) => sent.push(f) });
		const client = new awarenessProtocol.Awareness(new Y.Doc());
		for (let i = 0; i < 10; i++) {
			client.setLocalState({ cursor: i });
			awarenessProtocol.applyAwarenessUpdate(live.awareness, awarenessProtocol.encodeAwarenessUpdate(client, [client.clientID]), 'peer');
		}
		expect(sent).toHaveLength(0);
		await vi.advanceTimersByTimeAsync(AWARENESS_COALESCE_MS);
		expect(sent).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(AWARENESS_COALESCE_MS * 5);
		expect(sent).toHaveLength(1);
		// The server itself holds no awareness state.
		expect([...live.awareness.getStates().keys()]).toEqual([client.clientID]);
		client.destroy();
		await live.drain();
	});

	it('forwards a state to every peer but the one it came from, as y-protocols encodes it', async () => {
		vi.useFakeTimers();
		const { store } = storeWith({ snapshot: null, updates: [], lastUpdateId: 0 });
		const live = localDoc('board:b1', store);
		await live.load();
		const toA: Uint8Array[] = [];
		const toB: Uint8Array[] = [];
		const a = { send: (f: Uint8Array) => void toA.push(f) };
		const b = { send: (f: Uint8Array) => void toB.push(f) };
		live.peers.add(a);
		live.peers.add(b);
		const client = new awarenessProtocol.Awareness(new Y.Doc());
		const id = client.clientID;
		const asEncoded = () => encodeAwarenessUpdateFrame(awarenessProtocol.encodeAwarenessUpdate(live.awareness, [id]));
		client.setLocalState({ cursor: 1, user: { name: 'A' } });
		const keptOf = (from: awarenessProtocol.Awareness, json: string) => [{ clientId: id, clock: from.meta.get(id)!.clock, state: JSON.parse(json), json }];
		live.applyAwareness(a, keptOf(client, JSON.stringify(client.getLocalState())));
		await vi.advanceTimersByTimeAsync(AWARENESS_COALESCE_MS);
		// A has this state with this clock already (y-protocols ignores it there); B gets it.
		expect(toA).toHaveLength(0);
		expect(toB).toEqual([asEncoded()]);
		// An older state, with JSON that was never applied: ignored, and never sent for the state held.
		const stale = new awarenessProtocol.Awareness(new Y.Doc());
		stale.clientID = id;
		stale.setLocalState({ cursor: 99 });
		live.applyAwareness(a, keptOf(stale, '{"cursor":99}'));
		expect(live.awarenessFrames([id])).toEqual([asEncoded()]);
		// A state from anywhere else goes to both.
		client.setLocalState({ cursor: 2 });
		awarenessProtocol.applyAwarenessUpdate(live.awareness, awarenessProtocol.encodeAwarenessUpdate(client, [id]), 'elsewhere');
		await vi.advanceTimersByTimeAsync(1000);
		expect(toA).toEqual([asEncoded()]);
		expect(toB).toHaveLength(2);
		client.destroy();
		stale.destroy();
		await live.drain();
	});

	it('while the document is edited, presence waits for the next update and goes in the same write; alone after AWARENESS_RIDE_MS', async () => {
		vi.useFakeTimers();
		const { store } = storeWith({ snapshot: null, updates: [], lastUpdateId: 0 });
		const live = localDoc('meeting:m1', store);
		await live.load();
		const writes = new Map<string, Uint8Array[][]>([
			['typist', []],
			['listener', []]
		]);
		const peer = (name: string) => ({
			send: (f: Uint8Array) => void writes.get(name)!.push([f]),
			sendBurst: (fs: Uint8Array[]) => void writes.get(name)!.push(fs)
		});
		const typist = peer('typist');
		const listener = peer('listener');
		live.peers.add(typist);
		live.peers.add(listener);
		const writer = new Y.Doc();
		const cursor = new awarenessProtocol.Awareness(writer);
		const id = cursor.clientID;
		const key = (i: number) => {
			const before = Y.encodeStateVector(writer);
			writer.getText('minutes').insert(i, 'x');
			Y.applyUpdate(live.doc, Y.encodeStateAsUpdate(writer, before), typist);
			cursor.setLocalState({ cursor: i });
			awarenessProtocol.applyAwarenessUpdate(live.awareness, awarenessProtocol.encodeAwarenessUpdate(cursor, [id]), typist);
		};
		const typeOfFrame = (f: Uint8Array) => f[0];
		key(0);
		await vi.advanceTimersByTimeAsync(AWARENESS_COALESCE_MS);
		// The update went at once; the cursor waits for the next one.
		expect(writes.get('listener')!.map((w) => w.map(typeOfFrame))).toEqual([[0]]);
		key(1);
		await vi.advanceTimersByTimeAsync(0);
		// One write: the update, then the cursor as it is now (its second position).
		const listenerWrites = writes.get('listener')!;
		expect(listenerWrites.map((w) => w.map(typeOfFrame))).toEqual([[0], [0, 1]]);
		expect(listenerWrites[1][1]).toEqual(encodeAwarenessUpdateFrame(awarenessProtocol.encodeAwarenessUpdate(live.awareness, [id])));
		// The typist hears neither its own updates nor its own cursor.
		expect(writes.get('typist')).toEqual([]);
		// No further edit: the last position goes on its own, within the interval and the wait.
		await vi.advanceTimersByTimeAsync(AWARENESS_COALESCE_MS + 250 + AWARENESS_RIDE_MS);
		expect(listenerWrites.map((w) => w.map(typeOfFrame))).toEqual([[0], [0, 1], [1]]);
		expect(live.doc.getText('minutes').toString()).toBe('xx');
		cursor.destroy();
		writer.destroy();
		vi.useRealTimers(); // the drain stores the two keys (the flush tick's setImmediate)
		await live.drain();
	});

	it('forwards one client’s state at most once per interval, the last one always after it; a leave at once', async () => {
		vi.useFakeTimers();
		const { store } = storeWith({ snapshot: null, updates: [], lastUpdateId: 0 });
		const sink = localPersistence(store, logger, { flushMs: 60_000, snapshotEvery: 1000 })('board:b1', {});
		const live = new LiveDoc('board:b1', store, logger, { awarenessIntervalMs: 500 }, sink);
		await live.load();
		const sent: Uint8Array[] = [];
		live.peers.add({ send: (f) => sent.push(f) });
		const client = new awarenessProtocol.Awareness(new Y.Doc());
		const other = new awarenessProtocol.Awareness(new Y.Doc());
		const move = (who: awarenessProtocol.Awareness, cursor: number) => {
			who.setLocalState({ cursor });
			awarenessProtocol.applyAwarenessUpdate(live.awareness, awarenessProtocol.encodeAwarenessUpdate(who, [who.clientID]), 'peer');
		};
		/** What a peer's replica shows for `who` after every frame so far. */
		const seen = (who: awarenessProtocol.Awareness) => {
			const replica = new awarenessProtocol.Awareness(new Y.Doc());
			for (const f of sent) {
				const d = decoding.createDecoder(f);
				decoding.readVarUint(d);
				awarenessProtocol.applyAwarenessUpdate(replica, decoding.readVarUint8Array(d), 'server');
			}
			const state = replica.getStates().get(who.clientID) as { cursor: number } | undefined;
			replica.destroy();
			return state?.cursor;
		};
		move(client, 0);
		await vi.advanceTimersByTimeAsync(AWARENESS_COALESCE_MS);
		expect(sent).toHaveLength(1);
		// Moves every 50 ms: none forwarded before the interval is up…
		for (let i = 1; i <= 6; i++) {
			move(client, i);
			await vi.advanceTimersByTimeAsync(50);
		}
		expect(sent).toHaveLength(1);
		expect(seen(client)).toBe(0);
		// …while another client's first state still goes out within the coalescing window.
		move(other, 7);
		await vi.advanceTimersByTimeAsync(AWARENESS_COALESCE_MS);
		expect(sent).toHaveLength(2);
		expect(seen(other)).toBe(7);
		// The interval is up: the last position is forwarded, once.
		await vi.advanceTimersByTimeAsync(500);
		expect(sent).toHaveLength(3);
		expect(seen(client)).toBe(6);
		await vi.advanceTimersByTimeAsync(2000);
		expect(sent).toHaveLength(3);
		// Leaving right after a move is forwarded within the window, not held back.
		move(client, 8);
		awarenessProtocol.removeAwarenessStates(live.awareness, [client.clientID], 'peer');
		await vi.advanceTimersByTimeAsync(AWARENESS_COALESCE_MS);
		expect(seen(client)).toBeUndefined();
		client.destroy();
		other.destroy();
		await live.drain();
	});

	it('runs its hooks: loaded with the stored id, stored after each write, settle before the doc is destroyed', async () => {
		const { store } = storeWith({ snapshot: null, updates: [], lastUpdateId: 41 });
		const calls: string[] = [];
		let release!: () => void;
		const live = localDoc('board:b1', store, {
			loaded: (doc, id) => calls.push(`loaded ${id} ${doc.getMap('actions').size}`),
			stored: (doc, id) => calls.push(`stored ${id} ${doc.getMap('actions').size}`),
			settle: () =>
				new Promise<void>((resolve) => {
					calls.push('settle');
					release = resolve;
				})
		});
		await live.load();
		live.doc.getMap('actions').set('a1', 'x');
		await live.flush();
		live.doc.getMap('actions').set('a2', 'y');
		const drained = live.drain();
		await vi.waitFor(() => expect(calls).toContain('settle'));
		expect(live.state).toBe('draining'); // the doc stays readable until the hook has settled
		expect(live.doc.getMap('actions').size).toBe(2);
		release();
		await drained;
		expect(live.state).toBe('gone');
		expect(calls).toEqual(['loaded 41 0', 'stored 101 1', 'stored 102 2', 'settle']);
	});

	it('hands its sink every update made here and none the sink brought in, awareness only to a sink that shares it, and closes it on drain', async () => {
		vi.useFakeTimers();
		const { store } = storeWith({ snapshot: null, updates: [updateOf((d) => d.getText('minutes').insert(0, 'lagrat'))], lastUpdateId: 5 });
		const calls: string[] = [];
		const pushed: Uint8Array[] = [];
		const authors: unknown[] = [];
		const awareness: Uint8Array[] = [];
		let loaded: LoadedState | null = null;
		const sink: DocSink = {
			beforeLoad: async () => void calls.push('beforeLoad'),
			afterLoad: async (_doc, state) => {
				calls.push('afterLoad');
				loaded = state;
			},
			push: (update, author) => {
				pushed.push(update);
				authors.push(author);
			},
			pushAwareness: (update) => void awareness.push(update),
			pending: 0,
			flush: async () => {},
			close: async () => void calls.push('close'),
			abandon: async () => void calls.push('abandon')
		};
		const live = new LiveDoc('meeting:m1', store, logger, {}, sink);
		await live.load();
		expect(calls).toEqual(['beforeLoad', 'afterLoad']);
		expect(loaded).toEqual({ lastUpdateId: 5, pending: 1, rebuilt: false });
		expect(pushed).toEqual([]); // the stored state is not news to the sink either

		live.doc.getText('minutes').insert(0, 'här ');
		Y.applyUpdate(live.doc, updateOf((d) => d.getText('other').insert(0, 'från en annan instans')), SINK_ORIGIN);
		expect(pushed).toHaveLength(1);
		// A peer (a connection) applies in its member's name; a change with no such origin is the server's.
		const peer = { send() {}, author: { userId: 'anna', agencyId: 'soc' } };
		Y.applyUpdate(live.doc, updateOf((d) => d.getText('third').insert(0, 'Anna')), peer);
		expect(authors).toEqual([null, { userId: 'anna', agencyId: 'soc' }]);

		const here = new awarenessProtocol.Awareness(new Y.Doc());
		here.setLocalState({ cursor: 1 });
		awarenessProtocol.applyAwarenessUpdate(live.awareness, awarenessProtocol.encodeAwarenessUpdate(here, [here.clientID]), 'peer');
		const there = new awarenessProtocol.Awareness(new Y.Doc());
		there.setLocalState({ cursor: 2 });
		awarenessProtocol.applyAwarenessUpdate(live.awareness, awarenessProtocol.encodeAwarenessUpdate(there, [there.clientID]), SINK_ORIGIN);
		await vi.advanceTimersByTimeAsync(AWARENESS_COALESCE_MS);
		// Only this instance's client goes out; the one the sink brought in is not sent back.
		expect(awareness.map(clientsOf)).toEqual([[here.clientID]]);
		here.destroy();
		there.destroy();
		await live.drain();
		expect(calls).toEqual(['beforeLoad', 'afterLoad', 'close']);
	});
});

describe('LiveDoc.fullSync (sync step 2 to a client that has nothing)', () => {
	it('is the whole document, framed; the same frame until the document changes, then a new one', async () => {
		const seed = updateOf((d) => d.getText('t').insert(0, 'stored'));
		const { store } = storeWith({ snapshot: seed, updates: [], lastUpdateId: 1 });
		const live = localDoc('board:b1', store);
		await live.load();

		const first = live.fullSync();
		const decoder = decoding.createDecoder(first);
		expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([0, 1]);
		const copy = new Y.Doc();
		Y.applyUpdate(copy, decoding.readVarUint8Array(decoder));
		expect(copy.getText('t').toString()).toBe('stored');
		expect(live.fullSync()).toBe(first);

		live.doc.getText('t').insert(6, ' and changed');
		const second = live.fullSync();
		expect(second).not.toBe(first);
		const again = new Y.Doc();
		const d2 = decoding.createDecoder(second);
		decoding.readVarUint(d2);
		decoding.readVarUint(d2);
		Y.applyUpdate(again, decoding.readVarUint8Array(d2));
		expect(again.getText('t').toString()).toBe('stored and changed');
		await live.drain();
	});

	it('a snapshot alone is sent as stored; with updates after it, the document is encoded whole', async () => {
		// Stored with deleted text kept (no gc): encoding the loaded document again (gc on) differs.
		const seed = updateOf((d) => {
			d.getText('t').insert(0, 'stored, deleted');
			d.getText('t').delete(6, 9);
		}, new Y.Doc({ gc: false }));
		const alone = localDoc('board:b1', storeWith({ snapshot: seed, updates: [], lastUpdateId: 1 }).store);
		await alone.load();
		expect(Y.encodeStateAsUpdate(alone.doc)).not.toEqual(seed);
		const d1 = decoding.createDecoder(alone.fullSync());
		decoding.readVarUint(d1);
		decoding.readVarUint(d1);
		expect(decoding.readVarUint8Array(d1)).toEqual(seed);
		await alone.drain();

		const base = new Y.Doc();
		Y.applyUpdate(base, seed);
		const later = updateOf((d) => d.getText('t').insert(6, ' and later'), base);
		const withLater = localDoc('board:b2', storeWith({ snapshot: seed, updates: [later], lastUpdateId: 2 }).store);
		await withLater.load();
		const d2 = decoding.createDecoder(withLater.fullSync());
		decoding.readVarUint(d2);
		decoding.readVarUint(d2);
		const copy = new Y.Doc();
		Y.applyUpdate(copy, decoding.readVarUint8Array(d2));
		expect(copy.getText('t').toString()).toBe('stored and later');
		await withLater.drain();
	});

	it('the stored state is loaded without the update listener (nothing of the load is stored again or sent)', async () => {
		const seed = updateOf((d) => d.getText('t').insert(0, 'stored'));
		const { store, appended } = storeWith({ snapshot: seed, updates: [], lastUpdateId: 1 });
		const live = localDoc('board:b1', store);
		await live.load();
		expect(live.pendingUpdates).toBe(0);
		await live.drain();
		expect(appended).toEqual([]);
	});
});
