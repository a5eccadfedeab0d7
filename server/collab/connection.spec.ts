// Over 300 lines on purpose: every frame a socket can send and every refusal, each against a real
// LiveDoc and persistence, beside the class they test.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageType } from '../../src/lib/domain/collab-protocol';
import { createLogger } from '../../src/lib/server/logger';
import type { AuthoredUpdate, Store } from '../../src/lib/server/store/types';
import { Connection, MalformedFrame } from './connection';
import { LiveDoc } from './live-doc';
import { localPersistence } from './persistence';
import { MAX_AWARENESS_CLIENTS } from './awareness-guard';
import type { Admission } from './upgrade';
import type { BoardRole } from '../../src/lib/domain/roles';
import { addPerspective, listPerspectives, perspectiveText } from '../../src/lib/domain/voices-doc';

/** The bytes of an appended update (the writer hands them with their authors). */
const bytesOf = (u: Uint8Array | AuthoredUpdate): Uint8Array => (u instanceof Uint8Array ? u : u.update);

const logger = createLogger('silent');

class FakeWs {
	readonly OPEN = 1;
	readyState = 1;
	sent: Uint8Array[] = [];
	closes: Array<[number, string]> = [];
	terminated = false;
	sendError: Error | undefined;
	closeThrows = false;
	send(data: Uint8Array, cb?: (error?: Error) => void) {
		this.sent.push(data);
		cb?.(this.sendError);
	}
	close(code: number, reason: string) {
		if (this.closeThrows) throw new Error('socket broken');
		this.closes.push([code, reason]);
		this.readyState = 3;
	}
	terminate() {
		this.terminated = true;
		this.readyState = 3;
	}
}

type Decoded =
	| { type: 'sync'; syncType: number; payload: Uint8Array }
	| { type: 'awareness'; update: Uint8Array }
	| { type: 'auth'; denied: boolean; reason: string }
	| { type: 'other'; code: number };

function decode(frame: Uint8Array): Decoded {
	const d = decoding.createDecoder(frame);
	const type = decoding.readVarUint(d);
	if (type === MessageType.sync) {
		const syncType = decoding.readVarUint(d);
		return { type: 'sync', syncType, payload: decoding.readVarUint8Array(d) };
	}
	if (type === MessageType.awareness) return { type: 'awareness', update: decoding.readVarUint8Array(d) };
	if (type === MessageType.auth) {
		const sub = decoding.readVarUint(d);
		return { type: 'auth', denied: sub === 0, reason: decoding.readVarString(d) };
	}
	return { type: 'other', code: type };
}

// Frames as a y-websocket client builds them.
function frame(write: (e: encoding.Encoder) => void): Uint8Array {
	const e = encoding.createEncoder();
	write(e);
	return encoding.toUint8Array(e);
}
const syncStep1 = (doc: Y.Doc) =>
	frame((e) => {
		encoding.writeVarUint(e, MessageType.sync);
		syncProtocol.writeSyncStep1(e, doc);
	});
const syncStep2 = (doc: Y.Doc, stateVector?: Uint8Array) =>
	frame((e) => {
		encoding.writeVarUint(e, MessageType.sync);
		syncProtocol.writeSyncStep2(e, doc, stateVector);
	});
const updateFrame = (update: Uint8Array) =>
	frame((e) => {
		encoding.writeVarUint(e, MessageType.sync);
		syncProtocol.writeUpdate(e, update);
	});
const awarenessFrame = (awareness: awarenessProtocol.Awareness, clients: number[]) =>
	frame((e) => {
		encoding.writeVarUint(e, MessageType.awareness);
		encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
	});

/** A client-side change, as the update it produces. */
function clientEdit(text: string, client = new Y.Doc()): { doc: Y.Doc; update: Uint8Array } {
	let update: Uint8Array | null = null;
	const capture = (u: Uint8Array) => (update = u);
	client.on('update', capture);
	client.getText('minutes').insert(0, text);
	client.off('update', capture);
	return { doc: client, update: update! };
}

/** Who the server knows the test connections' person as. */
const ANNA = { id: 'u', name: 'Anna Berg', color: '#1f5f8b', agency: 'Socialtjänsten' };

const lives: LiveDoc[] = [];
afterEach(async () => {
	for (const live of lives.splice(0)) if (live.state === 'active') await live.drain();
});

async function setup() {
	const appended: Uint8Array[][] = [];
	const authors: Array<AuthoredUpdate['author']> = [];
	const store = {
		docs: {
			async load() {
				return { snapshot: null, updates: [], lastUpdateId: 0 };
			},
			async append(_name: string, updates: Array<Uint8Array | AuthoredUpdate>) {
				appended.push(updates.map(bytesOf));
				for (const u of updates) authors.push(u instanceof Uint8Array ? null : u.author);
				return appended.length;
			},
			async compact() {},
			async pendingCount() {
				return 0;
			}
		}
	} as unknown as Store;
	// Long flush interval: tests flush explicitly.
	const live = new LiveDoc('meeting:m1', store, logger, {}, localPersistence(store, logger, { flushMs: 60_000, snapshotEvery: 1000 })('meeting:m1', {}));
	await live.load();
	lives.push(live);
	const connect = (access: 'write' | 'read') => {
		const ws = new FakeWs();
		// An editor: a contributor's writes to the meeting document are only asks for the floor (write-policy.ts).
		const admission = { docName: 'meeting:m1', boardId: 'b1', access, role: 'editor', user: { id: 'u', agencyId: 'ag' }, identity: ANNA, session: { id: 's' }, ref: { kind: 'meeting', meetingId: 'm1' } } as unknown as Admission;
		const conn = new Connection(ws as unknown as WebSocket, admission, live, logger);
		live.peers.add(conn);
		return { ws, conn };
	};
	return { live, appended, authors, connect };
}

/** Updates reach the other peers at the end of the event loop's turn (fan-out.ts). */
const endOfTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const authFrames = (ws: FakeWs) => ws.sent.map(decode).filter((d) => d.type === 'auth');

describe('Connection', () => {
	it('greets with sync step 1; a reader is also told it may only read', async () => {
		const { connect } = await setup();
		const writer = connect('write');
		writer.conn.greet();
		expect(writer.ws.sent.map(decode)).toEqual([expect.objectContaining({ type: 'sync', syncType: syncProtocol.messageYjsSyncStep1 })]);
		const reader = connect('read');
		reader.conn.greet();
		expect(reader.ws.sent.map(decode)).toEqual([
			expect.objectContaining({ type: 'sync', syncType: syncProtocol.messageYjsSyncStep1 }),
			{ type: 'auth', denied: true, reason: 'read-only' }
		]);
	});

	it("answers sync step 1 with step 2 holding what the client lacks, for readers too", async () => {
		const { live, connect } = await setup();
		live.doc.getText('minutes').insert(0, '§ 1 Öppnande');
		for (const access of ['write', 'read'] as const) {
			const { ws, conn } = connect(access);
			const client = new Y.Doc();
			conn.handle(syncStep1(client));
			const replies = ws.sent.map(decode).filter((d) => d.type === 'sync');
			expect(replies).toHaveLength(1);
			const reply = replies[0] as Extract<Decoded, { type: 'sync' }>;
			expect(reply.syncType).toBe(syncProtocol.messageYjsSyncStep2);
			Y.applyUpdate(client, reply.payload);
			expect(client.getText('minutes').toString()).toBe('§ 1 Öppnande');
		}
	});

	it('an empty sync step 2 (a client with nothing new) changes nothing, is forwarded to nobody and stored never; a reader still hears it may only read', async () => {
		const { live, connect } = await setup();
		live.doc.getText('minutes').insert(0, '§ 1 Öppnande');
		const before = Y.encodeStateAsUpdate(live.doc);
		const writer = connect('write');
		const other = connect('write');
		const empty = syncStep2(new Y.Doc());
		writer.conn.handle(empty);
		await endOfTurn();
		expect(Y.encodeStateAsUpdate(live.doc)).toEqual(before);
		expect(other.ws.sent).toEqual([]);
		expect(writer.ws.sent).toEqual([]);
		expect(writer.conn.closed).toBe(false);
		const reader = connect('read');
		reader.conn.handle(empty);
		expect(authFrames(reader.ws)).toEqual([{ type: 'auth', denied: true, reason: 'read-only' }]);
	});

	it("applies a writer's update, forwards it to the other peers (not back) and queues it for storage", async () => {
		const { live, appended, authors, connect } = await setup();
		const a = connect('write');
		const b = connect('read');
		const { update } = clientEdit('Beslut: att anta dagordningen');
		a.conn.handle(updateFrame(update));
		expect(live.doc.getText('minutes').toString()).toBe('Beslut: att anta dagordningen');
		await endOfTurn();
		expect(a.ws.sent).toEqual([]);
		const toB = b.ws.sent.map(decode);
		expect(toB).toHaveLength(1);
		expect(toB[0]).toMatchObject({ type: 'sync', syncType: syncProtocol.messageYjsUpdate });
		const replica = new Y.Doc();
		Y.applyUpdate(replica, (toB[0] as Extract<Decoded, { type: 'sync' }>).payload);
		expect(replica.getText('minutes').toString()).toBe('Beslut: att anta dagordningen');

		expect(live.pendingUpdates).toBe(1);
		await live.flush();
		expect(appended).toHaveLength(1);
		const stored = new Y.Doc();
		for (const u of appended[0]) Y.applyUpdate(stored, u);
		expect(stored.getText('minutes').toString()).toBe('Beslut: att anta dagordningen');
		// Stored as made by the connection's member.
		expect(authors).toEqual([{ userId: 'u', agencyId: 'ag' }]);
	});

	it("accepts a writer's sync step 2 as content", async () => {
		const { live, connect } = await setup();
		const { conn } = connect('write');
		const { doc } = clientEdit('offline-anteckning');
		conn.handle(syncStep2(doc));
		expect(live.doc.getText('minutes').toString()).toBe('offline-anteckning');
	});

	it("drops a reader's updates — never applied, stored or forwarded — and says so once", async () => {
		const { live, appended, connect } = await setup();
		const reader = connect('read');
		const other = connect('write');
		const first = clientEdit('smuggled');
		reader.conn.handle(updateFrame(first.update));
		reader.conn.handle(updateFrame(clientEdit('again', first.doc).update));
		reader.conn.handle(syncStep2(first.doc));
		expect(live.doc.getText('minutes').toString()).toBe('');
		await endOfTurn();
		expect(other.ws.sent).toEqual([]);
		expect(authFrames(reader.ws)).toEqual([{ type: 'auth', denied: true, reason: 'read-only' }]);
		expect(live.pendingUpdates).toBe(0);
		await live.flush();
		expect(appended).toEqual([]);
	});

	it('setAccess("read") downgrades a writer in place; setAccess("write") restores it', async () => {
		const { live, connect } = await setup();
		const { ws, conn } = connect('write');
		conn.handle(updateFrame(clientEdit('före').update));
		expect(live.doc.getText('minutes').toString()).toBe('före');

		conn.setAccess('read');
		expect(conn.canWrite).toBe(false);
		expect(authFrames(ws)).toHaveLength(1); // told at once
		conn.handle(updateFrame(clientEdit('efter').update));
		expect(live.doc.getText('minutes').toString()).toBe('före');
		expect(authFrames(ws)).toHaveLength(1); // not repeated

		conn.setAccess('read'); // no change, no new message
		expect(authFrames(ws)).toHaveLength(1);

		// Raised again: asked at once for what it has that the document lacks (sync step 1, with the
		// document's state vector), as a reconnect would.
		const before = ws.sent.length;
		conn.setAccess('write');
		const asked = ws.sent.slice(before).map(decode);
		expect(asked).toEqual([{ type: 'sync', syncType: 0, payload: Y.encodeStateVector(live.doc) }]);
		conn.handle(updateFrame(clientEdit('igen').update));
		expect(live.doc.getText('minutes').toString()).toContain('igen');
	});

	it('applies awareness updates, tracks their client ids and removes them when the connection leaves', async () => {
		const { live, connect } = await setup();
		const { conn } = connect('read'); // readers share presence too
		const client = new awarenessProtocol.Awareness(new Y.Doc());
		client.setLocalState({ user: { name: 'Anna', agency: 'Socialtjänsten' }, cursor: 3 });
		conn.handle(awarenessFrame(client, [client.clientID]));
		expect(live.awareness.getStates().get(client.clientID)).toEqual({ user: ANNA, cursor: 3 });
		expect([...conn.awarenessIds]).toEqual([client.clientID]);

		conn.forgetAwareness();
		expect(live.awareness.getStates().has(client.clientID)).toBe(false);
		client.destroy();
	});

	it('an awareness update with a null state (client left) stops tracking that id', async () => {
		const { live, connect } = await setup();
		const { conn } = connect('write');
		const client = new awarenessProtocol.Awareness(new Y.Doc());
		client.setLocalState({ user: { name: 'Bo' } });
		conn.handle(awarenessFrame(client, [client.clientID]));
		client.setLocalState(null);
		conn.handle(awarenessFrame(client, [client.clientID]));
		expect(conn.awarenessIds.size).toBe(0);
		expect(live.awareness.getStates().has(client.clientID)).toBe(false);
		client.destroy();
	});

	it('writes the server’s identity into the state, whatever name the client claims', async () => {
		const { live, connect } = await setup();
		const { conn } = connect('read');
		const client = new awarenessProtocol.Awareness(new Y.Doc());
		client.setLocalState({ user: { id: 'someone-else', name: 'Ordföranden', agency: 'Kommunstyrelsen', color: '#000000' } });
		conn.handle(awarenessFrame(client, [client.clientID]));
		expect(live.awareness.getStates().get(client.clientID)).toEqual({ user: ANNA });
		client.destroy();
	});

	it('drops an awareness state over the limit without closing the connection; smaller ones still apply', async () => {
		const { live, connect } = await setup();
		const { ws, conn } = connect('write');
		const client = new awarenessProtocol.Awareness(new Y.Doc());
		client.setLocalState({ blob: 'x'.repeat(live.maxAwarenessBytes) });
		conn.handle(awarenessFrame(client, [client.clientID]));
		expect(live.awareness.getStates().has(client.clientID)).toBe(false);
		expect(conn.awarenessIds.size).toBe(0);
		client.setLocalState({ cursor: 1 });
		conn.handle(awarenessFrame(client, [client.clientID]));
		expect(live.awareness.getStates().get(client.clientID)).toEqual({ cursor: 1, user: ANNA });
		expect(ws.closes).toEqual([]);
		client.destroy();
	});

	it('does not let one connection overwrite or remove a client id another person’s connection holds', async () => {
		const { live, connect } = await setup();
		const anna = connect('write');
		const bo = connect('write');
		bo.conn.admission.identity = { id: 'bo', name: 'Bo', color: '#2e6b30', agency: 'Brukarföreningen' };
		const annas = new awarenessProtocol.Awareness(new Y.Doc());
		annas.setLocalState({ cursor: 1 });
		anna.conn.handle(awarenessFrame(annas, [annas.clientID]));
		annas.setLocalState({ cursor: 2 });
		bo.conn.handle(awarenessFrame(annas, [annas.clientID]));
		annas.setLocalState(null);
		bo.conn.handle(awarenessFrame(annas, [annas.clientID]));
		expect(live.awareness.getStates().get(annas.clientID)).toEqual({ cursor: 1, user: ANNA });
		expect(bo.conn.awarenessIds.size).toBe(0);
		annas.destroy();
	});

	it('speaks for at most a few awareness clients per connection', async () => {
		const { live, connect } = await setup();
		const { conn } = connect('write');
		const clients = Array.from({ length: 6 }, () => new awarenessProtocol.Awareness(new Y.Doc()));
		for (const c of clients) {
			c.setLocalState({ cursor: 0 });
			conn.handle(awarenessFrame(c, [c.clientID]));
		}
		expect(conn.awarenessIds.size).toBe(MAX_AWARENESS_CLIENTS);
		expect(live.awareness.getStates().size).toBe(MAX_AWARENESS_CLIENTS);
		for (const c of clients) c.destroy();
	});

	it('answers an awareness query with the current states', async () => {
		const { connect } = await setup();
		const a = connect('write');
		const b = connect('write');
		const client = new awarenessProtocol.Awareness(new Y.Doc());
		client.setLocalState({ user: { name: 'Anna' } });
		a.conn.handle(awarenessFrame(client, [client.clientID]));
		b.conn.handle(frame((e) => encoding.writeVarUint(e, MessageType.queryAwareness)));
		const replies = b.ws.sent.map(decode).filter((d) => d.type === 'awareness');
		expect(replies).toHaveLength(1);
		const seen = new awarenessProtocol.Awareness(new Y.Doc());
		awarenessProtocol.applyAwarenessUpdate(seen, (replies[0] as Extract<Decoded, { type: 'awareness' }>).update, 'test');
		expect(seen.getStates().get(client.clientID)).toEqual({ user: ANNA });
		client.destroy();
		seen.destroy();
	});

	it('greets a newcomer with the awareness of those already present', async () => {
		const { connect } = await setup();
		const a = connect('write');
		const client = new awarenessProtocol.Awareness(new Y.Doc());
		client.setLocalState({ user: { name: 'Anna' } });
		a.conn.handle(awarenessFrame(client, [client.clientID]));
		const b = connect('write');
		b.conn.greet();
		expect(b.ws.sent.map(decode).map((d) => d.type)).toEqual(['sync', 'awareness']);
		client.destroy();
	});

	it('ignores auth messages from clients', async () => {
		const { live, connect } = await setup();
		const { ws, conn } = connect('write');
		conn.handle(frame((e) => {
			encoding.writeVarUint(e, MessageType.auth);
			encoding.writeVarUint(e, 0);
			encoding.writeVarString(e, 'please');
		}));
		expect(ws.sent).toEqual([]);
		expect(live.doc.getText('minutes').toString()).toBe('');
	});

	describe('malformed frames throw (the server then closes only this connection)', () => {
		it('unknown message type', async () => {
			const { connect } = await setup();
			const { conn } = connect('write');
			expect(() => conn.handle(Uint8Array.of(9))).toThrow(MalformedFrame);
			expect(() => conn.handle(Uint8Array.of(200, 1))).toThrow(MalformedFrame);
		});

		it('unknown sync message type', async () => {
			const { conn } = (await setup()).connect('write');
			expect(() => conn.handle(Uint8Array.of(MessageType.sync, 7, 0))).toThrow(MalformedFrame);
		});

		it('empty and truncated frames', async () => {
			const { live, connect } = await setup();
			const { conn } = connect('write');
			expect(() => conn.handle(new Uint8Array(0))).toThrow();
			expect(() => conn.handle(Uint8Array.of(MessageType.sync))).toThrow();
			const whole = updateFrame(clientEdit('trunkerad').update);
			expect(() => conn.handle(whole.slice(0, whole.length - 3))).toThrow();
			// A truncated frame inside a larger buffer (as ws hands out) must not read past its end.
			const pool = new Uint8Array(whole.length + 64).fill(0x41);
			pool.set(whole.slice(0, whole.length - 3), 0);
			expect(() => conn.handle(new Uint8Array(pool.buffer, 0, whole.length - 3))).toThrow();
			expect(live.doc.getText('minutes').toString()).toBe('');
			expect(() => conn.handle(Uint8Array.of(MessageType.awareness, 5, 1))).toThrow();
		});

		it('an update that does not decode is MalformedFrame and changes nothing', async () => {
			const { live, connect } = await setup();
			const { conn } = connect('write');
			expect(() => conn.handle(updateFrame(Uint8Array.of(0xff, 0xff, 0xff)))).toThrow(MalformedFrame);
			expect(live.doc.getText('minutes').toString()).toBe('');
			expect(live.pendingUpdates).toBe(0);
		});

		it('awareness with a state that is not JSON', async () => {
			const { conn } = (await setup()).connect('write');
			const inner = frame((e) => {
				encoding.writeVarUint(e, 1);
				encoding.writeVarUint(e, 1234);
				encoding.writeVarUint(e, 1);
				encoding.writeVarString(e, '{not json');
			});
			expect(() => conn.handle(frame((e) => {
				encoding.writeVarUint(e, MessageType.awareness);
				encoding.writeVarUint8Array(e, inner);
			}))).toThrow();
		});
	});

	it('close() closes the socket once; a failing close terminates it', async () => {
		const { connect } = await setup();
		const a = connect('write');
		a.conn.close(4403, 'forbidden');
		a.conn.close(4401, 'again');
		expect(a.ws.closes).toEqual([[4403, 'forbidden']]);
		expect(a.conn.closed).toBe(true);

		const b = connect('write');
		b.ws.closeThrows = true;
		b.conn.close(4401, 'session ended');
		expect(b.ws.terminated).toBe(true);
	});

	it('sends nothing once closed or when the socket is not open; a failed send closes with 1011', async () => {
		const { connect } = await setup();
		const a = connect('write');
		a.conn.close(1000, 'bye');
		a.conn.send(Uint8Array.of(1));
		expect(a.ws.sent).toEqual([]);

		const b = connect('write');
		b.ws.readyState = 2; // CLOSING
		b.conn.send(Uint8Array.of(1));
		expect(b.ws.sent).toEqual([]);

		const c = connect('write');
		c.ws.sendError = new Error('EPIPE');
		c.conn.send(Uint8Array.of(1));
		expect(c.ws.closes).toEqual([[1011, 'send failed']]);
	});
});

describe('Connection on a voices document', () => {
	const bo = { id: 'bo', name: 'Bo', agencyId: 'soc', agencyName: 'Socialtjänsten' };
	const anna = { id: 'anna', name: 'Anna', agencyId: 'brukar', agencyName: 'Brukarföreningen' };

	async function voicesSetup() {
		const appended: Uint8Array[][] = [];
		const store = {
			docs: {
				load: async () => ({ snapshot: null, updates: [], lastUpdateId: 0 }),
				append: async (_name: string, updates: Array<Uint8Array | AuthoredUpdate>) => appended.push(updates.map(bytesOf)),
				compact: async () => {},
				pendingCount: async () => 0
			}
		} as unknown as Store;
		const logged: unknown[] = [];
		const log = createLogger('silent');
		log.info = ((obj: unknown) => logged.push(obj)) as typeof log.info;
		const live = new LiveDoc('meeting:m1:voices', store, log, {}, localPersistence(store, log, { flushMs: 60_000, snapshotEvery: 1000 })('meeting:m1:voices', {}));
		await live.load();
		lives.push(live);
		const bosId = addPerspective(live.doc, 'item1', bo, 'Bos ord');
		await live.flush();
		appended.length = 0;
		const connect = (userId: string, role: BoardRole) => {
			const ws = new FakeWs();
			const person = userId === 'bo' ? bo : anna;
			const admission = {
				docName: 'meeting:m1:voices',
				boardId: 'b1',
				access: 'write',
				role,
				user: { id: userId, displayName: person.name, agencyId: person.agencyId },
				identity: { id: userId, name: person.name, color: '#1f5f8b', agency: person.agencyName },
				session: { id: 's' },
				ref: { kind: 'voices', meetingId: 'm1' }
			} as unknown as Admission;
			const conn = new Connection(ws as unknown as WebSocket, admission, live, log);
			live.peers.add(conn);
			const replica = new Y.Doc();
			Y.applyUpdate(replica, Y.encodeStateAsUpdate(live.doc));
			const edit = (change: (doc: Y.Doc) => void) => {
				const before = Y.encodeStateVector(replica);
				change(replica);
				conn.handle(updateFrame(Y.encodeStateAsUpdate(replica, before)));
			};
			return { ws, conn, edit };
		};
		return { live, appended, logged, bosId, connect };
	}

	const bosText = (live: LiveDoc, id: string) => listPerspectives(live.doc).find((p) => p.id === id)?.text;

	it("drops a contributor's change to another member's perspective: not applied, stored or forwarded; told once, logged", async () => {
		const { live, appended, logged, bosId, connect } = await voicesSetup();
		const other = connect('bo', 'editor');
		const annas = connect('anna', 'contributor');
		annas.edit((d) => perspectiveText(d, bosId).insert(0, 'ÄNDRAT '));
		expect(bosText(live, bosId)).toBe('Bos ord');
		await endOfTurn();
		expect(other.ws.sent).toEqual([]);
		expect(authFrames(annas.ws)).toEqual([{ type: 'auth', denied: true, reason: 'not-author' }]);
		expect(logged).toEqual([expect.objectContaining({ doc: 'meeting:m1:voices', user: 'anna', reason: 'not-author' })]);
		await live.flush();
		expect(appended).toEqual([]);
		// Their own perspective goes through (a fresh replica: the refused change is not in it).
		const again = connect('anna', 'contributor');
		again.edit((d) => addPerspective(d, 'item1', anna, 'Annas ord', new Date(), 'p-anna'));
		expect(bosText(live, 'p-anna')).toBe('Annas ord');
		await endOfTurn();
		expect(other.ws.sent.map(decode)).toEqual([expect.objectContaining({ type: 'sync', syncType: syncProtocol.messageYjsUpdate })]);
		await live.flush();
		expect(appended).toHaveLength(1);
	});

	it('judges each update on a kept copy that follows the document: the server’s changes, others’ edits and a refusal in between', async () => {
		const { live, bosId, connect } = await voicesSetup();
		const bos = connect('bo', 'contributor');
		const annas = connect('anna', 'contributor');
		bos.edit((d) => perspectiveText(d, bosId).insert(7, ', första'));
		// The server's own change (as changeDoc makes it) reaches the copy too: Bo may edit what it wrote in his name.
		const serverId = addPerspective(live.doc, 'item2', bo, 'Skrivet av servern');
		const bosLater = connect('bo', 'contributor');
		bosLater.edit((d) => perspectiveText(d, serverId).insert(0, 'Ändrat: '));
		expect(bosText(live, serverId)).toBe('Ändrat: Skrivet av servern');
		// Refused: Anna writes into Bo's perspective; the copy that held it is not used again…
		annas.edit((d) => perspectiveText(d, bosId).insert(0, 'X'));
		expect(authFrames(annas.ws)).toEqual([{ type: 'auth', denied: true, reason: 'not-author' }]);
		// …so Bo's next edit is judged on a copy without it (and Anna's own work goes through).
		bos.edit((d) => perspectiveText(d, bosId).insert(0, '» '));
		const again = connect('anna', 'contributor');
		again.edit((d) => addPerspective(d, 'item1', anna, 'Annas ord', new Date(), 'p-anna'));
		expect(bosText(live, bosId)).toBe('» Bos ord, första');
		expect(bosText(live, 'p-anna')).toBe('Annas ord');
		// And the refused change stays refused however often it is sent.
		connect('anna', 'contributor').edit((d) => perspectiveText(d, bosId).insert(0, 'Y'));
		expect(bosText(live, bosId)).toBe('» Bos ord, första');
	});

	it("lets the owner change anyone's perspective, and judges by the current role after setMembership", async () => {
		const { live, bosId, connect } = await voicesSetup();
		const owner = connect('anna', 'owner');
		owner.edit((d) => perspectiveText(d, bosId).insert(0, 'Redigerat: '));
		expect(bosText(live, bosId)).toBe('Redigerat: Bos ord');
		owner.conn.setMembership('write', 'editor');
		expect(owner.conn.admission.role).toBe('editor');
		owner.edit((d) => perspectiveText(d, bosId).insert(0, 'X'));
		expect(bosText(live, bosId)).toBe('Redigerat: Bos ord');
		expect(authFrames(owner.ws)).toEqual([{ type: 'auth', denied: true, reason: 'not-author' }]);
		owner.conn.setMembership('read', 'viewer');
		expect(authFrames(owner.ws)).toEqual([
			{ type: 'auth', denied: true, reason: 'not-author' },
			{ type: 'auth', denied: true, reason: 'read-only' }
		]);
	});
});
