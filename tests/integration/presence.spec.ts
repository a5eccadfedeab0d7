import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType } from '../../src/lib/domain/collab-protocol';
import { docName } from '../../src/lib/domain/doc-names';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { connectClient, eventually, synced, type TestClient } from './yclient';

type App = Awaited<ReturnType<typeof startTestApp>>;
const apps: App[] = [];
const clients: TestClient[] = [];
const raws: WebSocket[] = [];

afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	for (const ws of raws.splice(0)) ws.terminate();
	for (const app of apps.splice(0)) await app.close();
});

async function start(env: Record<string, string> = {}) {
	const app = await startTestApp({ env });
	apps.push(app);
	return app;
}
function client(app: App, name: string, cookie: string) {
	const c = connectClient(app.url, name, cookie);
	clients.push(c);
	return c;
}

/** A meeting with its owner and further members of the given roles. */
async function meeting(app: App, roles: Array<'editor' | 'viewer'>) {
	const store = app.runtime.store;
	const owner = await makeUser(store, 'Owner');
	const { boardId, meetingId } = await makeMeeting(store, owner.user);
	const members = [];
	for (const role of roles) {
		const member = await makeUser(store, role === 'editor' ? 'Editor' : 'Viewer');
		await store.boards.addMember(boardId, member.user.id, role);
		members.push(member);
	}
	return { owner, members, name: docName({ kind: 'meeting', meetingId }) };
}

/** One awareness frame as a client writes it: count, then id, clock and JSON state per client. */
function awarenessFrame(entries: Array<{ clientId: number; clock: number; state: unknown }>): Uint8Array {
	const update = encoding.createEncoder();
	encoding.writeVarUint(update, entries.length);
	for (const { clientId, clock, state } of entries) {
		encoding.writeVarUint(update, clientId);
		encoding.writeVarUint(update, clock);
		encoding.writeVarString(update, JSON.stringify(state));
	}
	const frame = encoding.createEncoder();
	encoding.writeVarUint(frame, MessageType.awareness);
	encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
	return encoding.toUint8Array(frame);
}

function awarenessIdsIn(frame: Uint8Array): number[] {
	const d = decoding.createDecoder(frame);
	if (decoding.readVarUint(d) !== MessageType.awareness) return [];
	const inner = decoding.createDecoder(decoding.readVarUint8Array(d));
	const ids: number[] = [];
	for (let n = decoding.readVarUint(inner); n > 0; n--) {
		ids.push(decoding.readVarUint(inner));
		decoding.readVarUint(inner);
		decoding.readVarString(inner);
	}
	return ids;
}

/** A raw socket that speaks the protocol by hand, as a hostile client would. */
async function rawSocket(app: App, name: string, cookie: string) {
	const ws = new WebSocket(app.url.replace('http', 'ws') + '/collab/' + name, { headers: { cookie } });
	raws.push(ws);
	const received: Uint8Array[] = [];
	const closes: number[] = [];
	ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
	ws.on('close', (code) => closes.push(code));
	ws.on('error', () => {});
	await new Promise((resolve, reject) => {
		ws.once('open', resolve);
		ws.once('unexpected-response', () => reject(new Error('upgrade refused')));
	});
	return {
		ws,
		received,
		closes,
		/** Sends an awareness query and resolves with the ids in the server's answer (all it holds; someone must be present). */
		async query(): Promise<number[]> {
			const before = received.length;
			ws.send(new Uint8Array([MessageType.queryAwareness]));
			// The answer may be split over several frames; the greeting holds none for an empty room.
			await eventually(() => received.length > before, 'awareness answer');
			await new Promise((r) => setTimeout(r, 50));
			// A set: the broadcast of this socket's own last frame can arrive after `before` too.
			return [...new Set(received.slice(before).flatMap(awarenessIdsIn))];
		}
	};
}

const statesOf = (c: TestClient) => c.provider.awareness.getStates();

describe('presence (awareness) over real websockets', () => {
	it('two viewers with ~1.1 MB states each disconnect nobody: oversized states are neither applied nor forwarded', async () => {
		const app = await start();
		const { owner, members, name } = await meeting(app, ['viewer', 'viewer', 'editor']);
		const [viewerA, viewerB, editor] = members;
		const observer = client(app, name, owner.cookie);
		const writer = client(app, name, editor.cookie);
		await Promise.all([synced(observer), synced(writer)]);
		// Someone is present, so the server always has states to answer a query with.
		writer.provider.awareness.setLocalStateField('here', true);
		await eventually(() => statesOf(observer).has(writer.doc.clientID), 'observer sees the writer');

		const blob = 'x'.repeat(1_100_000);
		const a = await rawSocket(app, name, viewerA.cookie);
		const b = await rawSocket(app, name, viewerB.cookie);
		a.ws.send(awarenessFrame([{ clientId: 111, clock: 1, state: { blob } }]));
		await a.query(); // the server has handled A's state
		b.ws.send(awarenessFrame([{ clientId: 222, clock: 1, state: { blob } }]));
		const held = await b.query(); // … and B's
		expect(held).not.toContain(111);
		expect(held).not.toContain(222);

		// Whatever the server broadcast after that reaches both stock clients before this marker does.
		writer.provider.awareness.setLocalStateField('mark', 1);
		await eventually(() => (statesOf(observer).get(writer.doc.clientID) as { mark?: number } | undefined)?.mark === 1, 'observer sees the marker');
		observer.doc.getText('minutes').insert(0, 'still here');
		await eventually(() => writer.doc.getText('minutes').toString() === 'still here', 'an edit after the broadcast goes through');

		expect(observer.closes).toEqual([]);
		expect(writer.closes).toEqual([]);
		expect(statesOf(observer).has(111)).toBe(false);
		expect(statesOf(observer).has(222)).toBe(false);
		expect(a.closes).toEqual([]);
	});

	it('splits what it sends into frames under COLLAB_MAX_FRAME_BYTES, so clients that echo awareness stay connected', async () => {
		const app = await start({ COLLAB_MAX_FRAME_BYTES: '4096', COLLAB_MAX_AWARENESS_BYTES: '1500' });
		const { owner, members, name } = await meeting(app, ['editor', 'editor', 'editor', 'viewer']);
		const present = members.map((m) => client(app, name, m.cookie));
		await Promise.all(present.map((c) => synced(c)));
		present.forEach((c, i) => c.provider.awareness.setLocalStateField('note', String(i).repeat(1200)));
		const late = client(app, name, owner.cookie);
		await synced(late);
		await eventually(() => present.every((c) => (statesOf(late).get(c.doc.clientID) as { note?: string } | undefined)?.note?.length === 1200), 'late joiner sees all four');
		late.doc.getText('minutes').insert(0, 'hej');
		await eventually(() => present.every((c) => c.doc.getText('minutes').toString() === 'hej'), 'an edit after the greeting goes through');
		present[0].provider.awareness.setLocalStateField('mark', 1);
		await eventually(() => (statesOf(late).get(present[0].doc.clientID) as { mark?: number } | undefined)?.mark === 1, 'late joiner sees the marker');
		present[1].doc.getText('minutes').insert(3, '!');
		await eventually(() => late.doc.getText('minutes').toString() === 'hej!', 'edits still flow');

		for (const c of [...present, late]) expect(c.closes).toEqual([]);
	});

	it('lets one connection speak for at most a few awareness clients', async () => {
		const app = await start();
		const { owner, members, name } = await meeting(app, ['viewer']);
		const observer = client(app, name, owner.cookie);
		await synced(observer);
		const raw = await rawSocket(app, name, members[0].cookie);
		raw.ws.send(awarenessFrame(Array.from({ length: 10 }, (_, i) => ({ clientId: 500 + i, clock: 1, state: { n: i } }))));
		const held = await raw.query();
		expect(held.filter((id) => id >= 500 && id < 510)).toHaveLength(4);
	});

	it('shows the name and agency the server knows, whatever name a member claims', async () => {
		const app = await start();
		const { owner, members, name } = await meeting(app, ['viewer']);
		const [viewer] = members;
		const agency = await app.runtime.store.agencies.get(viewer.user.agencyId);
		const observer = client(app, name, owner.cookie);
		const impostor = client(app, name, viewer.cookie);
		await Promise.all([synced(observer), synced(impostor)]);
		impostor.provider.awareness.setLocalStateField('user', { id: owner.user.id, name: owner.user.displayName, agency: 'Kommunstyrelsen', color: '#000000' });
		await eventually(() => statesOf(observer).has(impostor.doc.clientID), 'observer sees the impostor');
		expect((statesOf(observer).get(impostor.doc.clientID) as { user: unknown }).user).toEqual({
			id: viewer.user.id,
			name: viewer.user.displayName,
			agency: agency!.name,
			color: agency!.color
		});
	});

	it('does not let a member take over or remove another member’s awareness client', async () => {
		const app = await start();
		const { owner, members, name } = await meeting(app, ['viewer']);
		const observer = client(app, name, owner.cookie);
		await synced(observer);
		observer.provider.awareness.setLocalStateField('mark', 1);
		const raw = await rawSocket(app, name, members[0].cookie);
		await eventually(async () => (await raw.query()).includes(observer.doc.clientID), 'the owner is present');
		const clock = (app.collab.registry.peek(name)!.awareness.meta.get(observer.doc.clientID)?.clock ?? 0) + 1;
		raw.ws.send(awarenessFrame([{ clientId: observer.doc.clientID, clock, state: { user: { name: 'Kapad' } } }]));
		raw.ws.send(awarenessFrame([{ clientId: observer.doc.clientID, clock: clock + 1, state: null }]));
		expect(await raw.query()).toContain(observer.doc.clientID);
		const state = app.collab.registry.peek(name)!.awareness.getStates().get(observer.doc.clientID) as { user: { id: string } };
		expect(state.user.id).toBe(owner.user.id);
	});
});
