import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { CloseCode, MessageType } from '../../src/lib/domain/collab-protocol';
import { docName } from '../../src/lib/domain/doc-names';
import { invalidateSession, sessionIdFromToken } from '../../src/lib/server/auth/sessions';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { connectClient, eventually, synced, upgradeStatus, type TestClient, serverMinutes } from './yclient';

type App = Awaited<ReturnType<typeof startTestApp>>;
const apps: App[] = [];
const clients: TestClient[] = [];

async function start(options: Parameters<typeof startTestApp>[0] = {}) {
	const app = await startTestApp(options);
	apps.push(app);
	return app;
}
function client(app: App, name: string, cookie: string, origin?: string) {
	const c = connectClient(app.url, name, cookie, origin);
	clients.push(c);
	return c;
}

afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	for (const app of apps.splice(0)) await app.close();
});

/** Two members of one meeting's board: an owner and a second person with the given role. */
async function meetingWithTwo(app: App, role: 'editor' | 'viewer' | 'contributor' = 'editor') {
	const owner = await makeUser(app.runtime.store, 'Owner');
	const other = await makeUser(app.runtime.store, 'Other');
	const { boardId, meetingId } = await makeMeeting(app.runtime.store, owner.user);
	await app.runtime.store.boards.addMember(boardId, other.user.id, role);
	return { owner, other, boardId, meetingId, name: docName({ kind: 'meeting', meetingId }) };
}

const text = (c: TestClient) => c.doc.getText('minutes').toString();
describe('collab server over real websockets', () => {
	it('lets two stock y-websocket clients converge on a meeting', async () => {
		const app = await start();
		const { owner, other, name } = await meetingWithTwo(app);
		const a = client(app, name, owner.cookie);
		const b = client(app, name, other.cookie);
		await Promise.all([synced(a), synced(b)]);
		a.doc.getText('minutes').insert(0, 'Beslut: ');
		b.doc.getText('minutes').insert(0, 'Hej. ');
		await eventually(() => text(a) === text(b) && text(a).length === 'Beslut: Hej. '.length, 'both texts equal');
		expect(text(a)).toContain('Beslut: ');
		expect(text(a)).toContain('Hej. ');
	});

	it('gives a late joiner the full state', async () => {
		const app = await start();
		const { owner, other, name } = await meetingWithTwo(app);
		const a = client(app, name, owner.cookie);
		await synced(a);
		a.doc.getText('minutes').insert(0, 'Protokoll från mötet');
		a.doc.getMap('meta').set('status', 'held');
		await eventually(() => serverMinutes(app.collab.registry.peek(name)?.doc)?.length === 20, 'server has the text');
		const late = client(app, name, other.cookie);
		await synced(late);
		expect(text(late)).toBe('Protokoll från mötet');
		expect(late.doc.getMap('meta').get('status')).toBe('held');
	});

	it('drops a viewer’s updates: not applied, not stored, not broadcast — and still answers its sync', async () => {
		const app = await start();
		const { owner, other: viewer, name } = await meetingWithTwo(app, 'viewer');
		const editor = client(app, name, owner.cookie);
		await synced(editor);
		editor.doc.getText('minutes').insert(0, 'Från redaktören');
		const v = client(app, name, viewer.cookie);
		await synced(v);
		expect(text(v)).toBe('Från redaktören'); // sync answers still work for a viewer
		v.doc.getText('minutes').insert(0, 'VIEWER ');
		await eventually(() => v.permissionDenied.length > 0, 'viewer is told it is read-only');
		editor.doc.getText('minutes').insert(text(editor).length, '.');
		await eventually(() => text(v).endsWith('.'), 'viewer still receives edits');
		await app.collab.registry.peek(name)?.flush();
		expect(serverMinutes(app.collab.registry.peek(name)?.doc)).toBe('Från redaktören.');
		expect(text(editor)).toBe('Från redaktören.');
		const stored = await app.runtime.store.docs.load(name);
		const replay = new Y.Doc();
		if (stored.snapshot) Y.applyUpdate(replay, stored.snapshot);
		for (const u of stored.updates) Y.applyUpdate(replay, u);
		expect(replay.getText('minutes').toString()).toBe('Från redaktören.');
	});

	it('refuses upgrades without a session (401), from non-members and foreign origins (403), for unknown documents (404)', async () => {
		const app = await start();
		const { owner, name } = await meetingWithTwo(app);
		const outsider = await makeUser(app.runtime.store, 'Outsider');
		const ws = app.url.replace('http', 'ws') + '/collab/';
		expect(await upgradeStatus(ws + name, {})).toBe(401);
		expect(await upgradeStatus(ws + name, { cookie: 'samtavla_session=not-a-real-token-aaaaaaaaaaaaaaaa' })).toBe(401);
		expect(await upgradeStatus(ws + name, { cookie: outsider.cookie })).toBe(403);
		expect(await upgradeStatus(ws + name, { cookie: owner.cookie, origin: 'https://evil.example' })).toBe(403);
		expect(await upgradeStatus(ws + 'meeting:doesnotexist', { cookie: owner.cookie })).toBe(404);
		expect(await upgradeStatus(ws + 'not-a-doc-name', { cookie: owner.cookie })).toBe(404);
		expect(await upgradeStatus(ws + name, { cookie: owner.cookie, origin: app.url })).toBe(101);
	});

	it('closes only the connection that sends a malformed frame or an oversized frame', async () => {
		const app = await start({ env: { COLLAB_MAX_FRAME_BYTES: '4096' } });
		const { owner, other, name } = await meetingWithTwo(app);
		const good = client(app, name, other.cookie);
		await synced(good);
		const wsUrl = app.url.replace('http', 'ws') + '/collab/' + name;

		const closeOf = (frame: Uint8Array) =>
			new Promise<number>((resolve, reject) => {
				const raw = new WebSocket(wsUrl, { headers: { cookie: owner.cookie } });
				raw.on('open', () => raw.send(frame));
				raw.on('close', (code) => resolve(code));
				raw.on('error', () => {});
				setTimeout(() => reject(new Error('not closed')), 5000);
			});

		// Unknown message type.
		expect(await closeOf(new Uint8Array([99, 1, 2, 3]))).toBe(CloseCode.malformedFrame);
		// A sync update whose payload is garbage.
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, MessageType.sync);
		encoding.writeVarUint(e, syncProtocol.messageYjsUpdate);
		encoding.writeVarUint8Array(e, new Uint8Array([255, 255, 255, 255, 1, 2, 3]));
		expect(await closeOf(encoding.toUint8Array(e))).toBe(CloseCode.malformedFrame);
		// Truncated frame.
		expect(await closeOf(new Uint8Array([0]))).toBe(CloseCode.malformedFrame);
		// Larger than the limit: ws refuses it from its header with 1009 (message too big).
		expect(await closeOf(new Uint8Array(8192))).toBe(CloseCode.frameTooLarge);

		// The well-behaved client is still connected and editing works.
		good.doc.getText('minutes').insert(0, 'fortfarande här');
		await eventually(() => serverMinutes(app.collab.registry.peek(name)?.doc) === 'fortfarande här', 'good client still syncs');
		expect(good.provider.wsconnected).toBe(true);
	});

	it('keeps the content across a server restart, including text typed just before it', async () => {
		const first = await start();
		const { owner, name } = await meetingWithTwo(first);
		const a = client(first, name, owner.cookie);
		await synced(a);
		a.doc.getText('minutes').insert(0, 'Mitt i en mening');
		await eventually(() => serverMinutes(first.collab.registry.peek(name)?.doc)?.length === 16, 'server received the text');
		a.destroy();
		// Stop at once: the update may still sit in the write batch; shutdown must store it.
		await first.close();
		apps.splice(apps.indexOf(first), 1);

		const second = await start({ dataDir: first.dataDir });
		const b = client(second, name, owner.cookie);
		await synced(b);
		expect(text(b)).toBe('Mitt i en mening');
	});

	it('unloads a document once nobody holds it for the idle timeout, and reloads it on the next join', async () => {
		const app = await start({ env: { COLLAB_IDLE_UNLOAD_MS: '150' } });
		const { owner, name } = await meetingWithTwo(app);
		const a = client(app, name, owner.cookie);
		await synced(a);
		a.doc.getText('minutes').insert(0, 'sparas vid avlastning');
		await eventually(() => serverMinutes(app.collab.registry.peek(name)?.doc)?.length === 21, 'server has the text');
		expect(app.collab.stats().documents).toBe(1);
		a.destroy();
		await eventually(() => app.collab.stats().documents === 0, 'document unloaded');
		const stored = await app.runtime.store.docs.load(name);
		expect(stored.snapshot).not.toBeNull(); // unloading compacts into a snapshot
		const b = client(app, name, owner.cookie);
		await synced(b);
		expect(text(b)).toBe('sparas vid avlastning');
	});

	it('closes live sockets with "session ended" when the session is signed out', async () => {
		const app = await start();
		const { owner, name } = await meetingWithTwo(app);
		const a = client(app, name, owner.cookie);
		await synced(a);
		const sessionId = sessionIdFromToken(owner.token);
		await invalidateSession(app.runtime.store, sessionId);
		app.runtime.live.closeSession(sessionId);
		await eventually(() => a.closes.some((c) => c.code === CloseCode.sessionEnded), 'closed with 4401');
		// y-websocket treats 44xx as permanent: it stops instead of hammering the server with retries.
		await new Promise((r) => setTimeout(r, 400));
		expect(a.provider.wsconnected).toBe(false);
		expect(a.provider.shouldConnect).toBe(false);
	});

	it('keeps what is typed while the server is down and sends it when it is back on the same address', async () => {
		const first = await start();
		const { owner, other, name } = await meetingWithTwo(first);
		const port = new URL(first.url).port;
		const a = client(first, name, owner.cookie);
		await synced(a);
		a.doc.getText('minutes').insert(0, 'Före omstart. ');
		await eventually(() => serverMinutes(first.collab.registry.peek(name)?.doc)?.length === 14, 'server received the text');
		await first.close();
		apps.splice(apps.indexOf(first), 1);
		await eventually(() => !a.provider.wsconnected, 'client noticed the restart');
		a.doc.getText('minutes').insert(14, 'Skrivet medan servern var nere.');

		const second = await start({ dataDir: first.dataDir, env: { PORT: port } });
		await eventually(() => a.provider.wsconnected && a.provider.synced, 'client reconnected by itself', 15_000);
		const b = client(second, name, other.cookie);
		await synced(b);
		await eventually(() => text(b) === 'Före omstart. Skrivet medan servern var nere.', 'late edits reached the server');
	});

	it('closes a socket with "session ended" when its session expires while connected', async () => {
		const app = await start({ env: { COLLAB_SESSION_CHECK_MS: '200' } });
		const { owner, name } = await meetingWithTwo(app);
		const a = client(app, name, owner.cookie);
		await synced(a);
		await new Promise((r) => setTimeout(r, 500));
		expect(a.closes).toEqual([]); // a valid session survives its re-checks
		await app.runtime.store.sessions.setExpiry(sessionIdFromToken(owner.token), new Date(Date.now() + 300));
		await eventually(() => a.closes.some((c) => c.code === CloseCode.sessionEnded), 'closed with 4401 at expiry', 8000);
	});

	it('loses nothing when someone joins while the document is being unloaded', async () => {
		const app = await start({ env: { COLLAB_IDLE_UNLOAD_MS: '100' } });
		const { owner, other, name } = await meetingWithTwo(app);
		// Slow the final snapshot down so the join lands in the middle of the drain.
		const docs = app.runtime.store.docs;
		const compact = docs.compact.bind(docs);
		docs.compact = async (...args) => {
			await new Promise((r) => setTimeout(r, 600));
			return compact(...args);
		};
		const a = client(app, name, owner.cookie);
		await synced(a);
		a.doc.getText('minutes').insert(0, 'skrivet före avlastningen');
		await eventually(() => serverMinutes(app.collab.registry.peek(name)?.doc)?.length === 25, 'server has the text');
		a.destroy();
		await eventually(() => app.collab.registry.peek(name)?.state === 'draining', 'document is draining');
		const b = client(app, name, other.cookie);
		await synced(b);
		expect(text(b)).toBe('skrivet före avlastningen');
		b.doc.getText('minutes').insert(25, ', och efter');
		await eventually(() => serverMinutes(app.collab.registry.peek(name)?.doc) === 'skrivet före avlastningen, och efter', 'new edit applied on the reloaded document');
	});
});
