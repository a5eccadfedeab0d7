import { afterEach, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { CloseCode, MessageType } from '../../src/lib/domain/collab-protocol';
import { docName } from '../../src/lib/domain/doc-names';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { connectClient, eventually, synced, upgradeStatus, type TestClient } from './yclient';
import { anonymousFlood } from './flood';
import { deleteUpdate, nestedMapUpdate, openRaw, updatesOf, type RawClient } from './raw-collab';
import { startBuiltServerOn } from './built-server';

/**
 * Issue 8, points 1, 2, 3, 5 and 6, against the production build (`build/node/server/index.js`, what
 * `npm start` runs) as a process of its own, seen only from its sockets: stock y-websocket clients
 * for the honest people, raw frames for the attacker. (`hostile-updates.spec.ts` and
 * `presence.spec.ts` go further into the same rules in-process.)
 */
type Server = Awaited<ReturnType<typeof startBuiltServerOn>>;
const servers: Server[] = [];
const clients: TestClient[] = [];
const raws: RawClient[] = [];

afterEach(async () => {
	for (const r of raws.splice(0)) r.ws.terminate();
	for (const c of clients.splice(0)) c.destroy();
	for (const s of servers.splice(0)) await s.stop();
});

/** An owner, an editor and a viewer of one meeting, made through the services; then the built server on that database. */
async function meeting(env: Record<string, string> = {}) {
	const setup = await startTestApp();
	const store = setup.runtime.store;
	const owner = await makeUser(store, 'Owner');
	const editor = await makeUser(store, 'Editor');
	const viewer = await makeUser(store, 'Viewer');
	const second = await makeUser(store, 'Viewer');
	const { boardId, meetingId } = await makeMeeting(store, owner.user);
	await store.boards.addMember(boardId, editor.user.id, 'editor');
	await store.boards.addMember(boardId, viewer.user.id, 'viewer');
	await store.boards.addMember(boardId, second.user.id, 'viewer');
	await setup.close();
	const server = await startBuiltServerOn(setup.dataDir, { LOG_LEVEL: 'error', COLLAB_FLUSH_MS: '50', ...env });
	servers.push(server);
	return { server, dataDir: setup.dataDir, owner, editor, viewer, second, name: docName({ kind: 'meeting', meetingId }), board: docName({ kind: 'board', boardId }) };
}

function stock(url: string, name: string, cookie: string) {
	const c = connectClient(url, name, cookie);
	clients.push(c);
	return c;
}

describe('hostile members against the production build', () => {
	it('8.1: deep nesting is refused (4422); the honest person stays, and after a restart the meeting and the board load', async () => {
		const { server, dataDir, owner, editor, name, board } = await meeting();
		const honest = stock(server.url, name, owner.cookie);
		const watcher = stock(server.url, name, editor.cookie);
		await Promise.all([synced(honest), synced(watcher)]);
		honest.doc.getText('minutes').insert(0, 'Protokollet finns kvar');
		await eventually(() => watcher.doc.getText('minutes').toString() === 'Protokollet finns kvar', 'the honest text reaches the other member');

		for (const [doc, root] of [[name, 'agenda'], [board, 'actions']] as const) {
			const attacker = await openRaw(server.url, doc, editor.cookie);
			raws.push(attacker);
			const { update, client } = nestedMapUpdate(root, 4000);
			attacker.sendUpdate(update);
			attacker.sendUpdate(deleteUpdate(client, 0, 1));
			expect((await attacker.closed).code).toBe(CloseCode.refusedUpdate);
		}
		expect(honest.closes).toEqual([]);
		expect(watcher.doc.getMap('agenda').has('x')).toBe(false);

		for (const c of clients.splice(0)) c.destroy();
		await server.stop();
		servers.splice(0);
		const again = await startBuiltServerOn(dataDir, { LOG_LEVEL: 'error' });
		servers.push(again);
		const reader = stock(again.url, name, owner.cookie);
		const boardReader = stock(again.url, board, owner.cookie);
		await Promise.all([synced(reader), synced(boardReader)]);
		expect(reader.doc.getText('minutes').toString()).toBe('Protokollet finns kvar');
		expect(reader.closes).toEqual([]);
		expect(boardReader.closes).toEqual([]);
	}, 90_000); // starts (and restarts) the production build: slow on a loaded two-core machine

	it('8.2: updates that wait for content that never comes close only their sender (4413); the others edit on', async () => {
		const { server, owner, editor, viewer, name } = await meeting({ COLLAB_MAX_PENDING_BYTES: String(256 * 1024) });
		const a = stock(server.url, name, owner.cookie);
		const b = stock(server.url, name, viewer.cookie);
		await Promise.all([synced(a), synced(b)]);
		const attacker = await openRaw(server.url, name, editor.cookie);
		raws.push(attacker);
		const gapped = updatesOf((d) => {
			const t = d.getText('minutes');
			t.insert(0, 'aldrig skickat');
			for (let i = 0; i < 300; i++) t.insert(t.length, 'x'.repeat(1024));
		}).slice(1);
		for (const update of gapped) attacker.sendUpdate(update);
		expect((await attacker.closed).code).toBe(CloseCode.pendingOverflow);

		a.doc.getText('minutes').insert(0, 'Ärlig text');
		await eventually(() => b.doc.getText('minutes').toString() === 'Ärlig text', 'the honest edit arrives, alone');
		expect(a.closes).toEqual([]);
		expect(b.closes).toEqual([]);
	}, 90_000); // starts (and restarts) the production build: slow on a loaded two-core machine

	it('8.5: every member connects while anonymous upgrades flood in (no cookie, garbage, made-up tokens from many addresses)', async () => {
		const { server, owner, editor, viewer, second, name } = await meeting({ ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' });
		const wsUrl = `${server.url.replace('http', 'ws')}/collab/${name}`;
		const flood = anonymousFlood(wsUrl, 300, 2);
		const members = [owner, editor, viewer, second];
		const attempts: Array<Promise<number>> = [];
		for (let round = 0; round < 4; round++) {
			for (const [i, member] of members.entries()) {
				attempts.push(upgradeStatus(wsUrl, { cookie: member.cookie, 'x-forwarded-for': `198.51.100.${i + 1}` }));
				await new Promise((r) => setTimeout(r, 100));
			}
		}
		expect(await Promise.all(attempts)).toEqual(attempts.map(() => 101));
		const anonymous = await flood;
		expect(anonymous.get(101) ?? 0).toBe(0);
	});

	it('8.6: a presence state claiming another person is shown with the sender’s real name', async () => {
		const { server, owner, editor, name } = await meeting();
		const honest = stock(server.url, name, owner.cookie);
		const poser = stock(server.url, name, editor.cookie);
		await Promise.all([synced(honest), synced(poser)]);
		poser.provider.awareness.setLocalStateField('user', { id: owner.user.id, name: owner.user.displayName, color: '#000000', agency: 'Kommunstyrelsen' });
		const shown = () => honest.provider.awareness.getStates().get(poser.doc.clientID) as { user?: { id: string; name: string } } | undefined;
		await eventually(() => shown()?.user !== undefined, 'the poser’s presence arrives');
		expect(shown()!.user).toMatchObject({ id: editor.user.id, name: editor.user.displayName });
	});

	it('8.3: two viewers with ~1.1 MB presence states disconnect nobody', async () => {
		const { server, owner, editor, viewer, second, name } = await meeting();
		const a = stock(server.url, name, owner.cookie);
		const b = stock(server.url, name, editor.cookie);
		await Promise.all([synced(a), synced(b)]);
		const giants = await Promise.all([openRaw(server.url, name, viewer.cookie), openRaw(server.url, name, second.cookie)]);
		raws.push(...giants);
		giants.forEach((g, i) => {
			const inner = encoding.createEncoder();
			encoding.writeVarUint(inner, 1);
			encoding.writeVarUint(inner, 1000 + i);
			encoding.writeVarUint(inner, 1);
			encoding.writeVarString(inner, JSON.stringify({ user: { name: 'x'.repeat(1_100_000) } }));
			const frame = encoding.createEncoder();
			encoding.writeVarUint(frame, MessageType.awareness);
			encoding.writeVarUint8Array(frame, encoding.toUint8Array(inner));
			g.send(encoding.toUint8Array(frame));
		});
		await new Promise((r) => setTimeout(r, 500));
		a.doc.getText('minutes').insert(0, 'fortfarande här');
		await eventually(() => b.doc.getText('minutes').toString() === 'fortfarande här', 'an edit after the giant states goes through');
		expect(a.closes).toEqual([]);
		expect(b.closes).toEqual([]);
		expect([...a.provider.awareness.getStates().keys()]).not.toContain(1000);
	});
});
