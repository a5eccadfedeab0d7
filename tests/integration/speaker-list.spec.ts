import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../src/lib/domain/collab-protocol';
import { docName } from '../../src/lib/domain/doc-names';
import { addAgendaItem, listAgenda } from '../../src/lib/domain/meeting-doc';
import { MAX_SPEAKER_ENTRIES, SPEAKERS_ROOT, askForFloor, giveFloor, listSpeakers, readFloor } from '../../src/lib/domain/speaker-list';
import type { User } from '../../src/lib/server/store/types';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { connectClient, eventually, synced, type TestClient } from './yclient';
import { nestedMapUpdate, openRaw, updatesOf, type RawClient } from './raw-collab';

/**
 * Issue 14, point 5: the speaker list in `meeting:<id>`, through the real websocket server. A
 * contributor's socket takes their own asks for the floor and nothing else; every write under the
 * new root is held to its layout (plain values, bounded), whoever sends it.
 */
type App = Awaited<ReturnType<typeof startTestApp>>;
const apps: App[] = [];
const clients: TestClient[] = [];
const raws: RawClient[] = [];

afterEach(async () => {
	for (const r of raws.splice(0)) r.ws.terminate();
	for (const c of clients.splice(0)) c.destroy();
	for (const app of apps.splice(0)) await app.close();
});

async function start(options: Parameters<typeof startTestApp>[0] = {}) {
	const app = await startTestApp(options);
	apps.push(app);
	return app;
}
function stock(app: App, name: string, cookie: string) {
	const c = connectClient(app.url, name, cookie);
	clients.push(c);
	return c;
}
async function raw(app: App, name: string, cookie: string) {
	const r = await openRaw(app.url, name, cookie);
	raws.push(r);
	return r;
}

async function board(app: App) {
	const store = app.runtime.store;
	const owner = await makeUser(store, 'Owner');
	const editor = await makeUser(store, 'Editor');
	const contributor = await makeUser(store, 'Contributor');
	const viewer = await makeUser(store, 'Viewer');
	const { boardId, meetingId } = await makeMeeting(store, owner.user);
	await store.boards.addMember(boardId, editor.user.id, 'editor');
	await store.boards.addMember(boardId, contributor.user.id, 'contributor');
	await store.boards.addMember(boardId, viewer.user.id, 'viewer');
	return { owner, editor, contributor, viewer, meetingId, name: docName({ kind: 'meeting', meetingId }) };
}

const speakerOf = (u: User) => ({ userId: u.id, name: u.displayName, agencyId: u.agencyId });
/** Long enough for a frame to reach the server and an answer to come back, on a loaded machine. */
const settle = () => new Promise((r) => setTimeout(r, 300));

describe('the speaker list through the collab server (issue 14.5)', () => {
	it('a contributor asks for the floor in their own name; the chair gives it; everyone sees it live', async () => {
		const app = await start();
		const { owner, contributor, viewer, name } = await board(app);
		const chair = stock(app, name, owner.cookie);
		const member = stock(app, name, contributor.cookie);
		const watcher = stock(app, name, viewer.cookie);
		await Promise.all([chair, member, watcher].map((c) => synced(c)));

		const ask = askForFloor(member.doc, speakerOf(contributor.user));
		await eventually(() => readFloor(chair.doc).queue.some((e) => e.id === ask), 'the chair sees the ask');
		giveFloor(chair.doc, ask);
		await eventually(() => readFloor(member.doc).speaking?.id === ask && readFloor(watcher.doc).speaking?.id === ask, 'everyone sees who has the floor');
		expect(member.permissionDenied).toEqual([]);
		const live = app.collab.registry.peek(name)!;
		expect(readFloor(live.doc).speaking).toMatchObject({ userId: contributor.user.id, name: contributor.user.displayName });
	});

	it('refuses a contributor’s ask in another’s name, with a forged name, their own turn, and anything outside the list', async () => {
		const app = await start();
		const { owner, contributor, name } = await board(app);
		const chair = stock(app, name, owner.cookie);
		await synced(chair);
		addAgendaItem(chair.doc, { title: 'Lägesbild' });
		const live = () => app.collab.registry.peek(name)!;
		await eventually(() => listAgenda(live().doc).length === 1, 'item on the server');

		const attempts: Array<[string, (doc: Y.Doc) => void]> = [
			['not-author', (d) => askForFloor(d, speakerOf(owner.user))],
			['forged-identity', (d) => askForFloor(d, { ...speakerOf(contributor.user), name: 'Ordföranden' })],
			['invalid-entry', (d) => d.transact(() => giveFloor(d, askForFloor(d, speakerOf(contributor.user))))],
			['not-author', (d) => addAgendaItem(d, { title: 'Smugglad punkt' })]
		];
		for (const [reason, attempt] of attempts) {
			// A fresh connection each time: a refused update leaves the client's replica ahead of the server.
			const mallory = stock(app, name, contributor.cookie);
			await synced(mallory);
			attempt(mallory.doc);
			await eventually(() => mallory.permissionDenied.includes(reason), `refused: ${reason}`);
			mallory.destroy();
		}
		await settle();
		expect(listSpeakers(live().doc)).toEqual([]);
		expect(listAgenda(live().doc).map((i) => i.title)).toEqual(['Lägesbild']);
	});

	it('a viewer’s ask is dropped: they only read the meeting', async () => {
		const app = await start();
		const { viewer, name } = await board(app);
		const watcher = stock(app, name, viewer.cookie);
		await synced(watcher);
		askForFloor(watcher.doc, speakerOf(viewer.user));
		await eventually(() => watcher.permissionDenied.includes('read-only'), 'viewer told it is read-only');
		await settle();
		expect(listSpeakers(app.collab.registry.peek(name)!.doc)).toEqual([]);
	});
});

describe('a frozen meeting', () => {
	it('in adjustment a contributor’s ask is dropped as read-only', async () => {
		const app = await start();
		const { owner, contributor, meetingId, name } = await board(app);
		const meeting = (await app.runtime.store.meetings.get(meetingId))!;
		const event = { kind: 'moved', actorId: owner.user.id, at: new Date(), detail: {} };
		expect(await app.runtime.store.meetings.change(meetingId, { revision: meeting.revision, status: 'in_adjustment', bumpSequence: false, event })).not.toBeNull();
		const member = stock(app, name, contributor.cookie);
		await synced(member);
		askForFloor(member.doc, speakerOf(contributor.user));
		await eventually(() => member.permissionDenied.includes('read-only'), 'contributor told the frozen meeting is read-only');
		await settle();
		expect(listSpeakers(app.collab.registry.peek(name)!.doc)).toEqual([]);
	});
});

describe('hostile updates under the speaker list', () => {
	it('a map nested 4,000 levels deep under it is refused, from an editor too; the honest ask stays', async () => {
		const app = await start();
		const { owner, editor, name } = await board(app);
		const honest = stock(app, name, owner.cookie);
		await synced(honest);
		askForFloor(honest.doc, speakerOf(owner.user));
		const attacker = await raw(app, name, editor.cookie);
		attacker.sendUpdate(nestedMapUpdate(SPEAKERS_ROOT, 4000).update);
		expect((await attacker.closed).code).toBe(CloseCode.refusedUpdate);
		const live = app.collab.registry.peek(name)!;
		await eventually(() => listSpeakers(live.doc).length === 1, 'honest ask kept');
		expect(live.doc.getMap(SPEAKERS_ROOT).has('x')).toBe(false);
		expect(honest.closes).toEqual([]);
	});

	it('a shared type, or a value nested deep, as an entry is refused and its connection closed', async () => {
		const app = await start();
		const { editor, name } = await board(app);
		let deep: unknown = 'botten';
		for (let i = 0; i < 50; i++) deep = { v: deep };
		for (const change of [(d: Y.Doc) => d.getMap(SPEAKERS_ROOT).set('t', new Y.Text('x')), (d: Y.Doc) => d.getMap(SPEAKERS_ROOT).set('d', deep)]) {
			const attacker = await raw(app, name, editor.cookie);
			for (const update of updatesOf(change)) attacker.sendUpdate(update);
			expect((await attacker.closed).code).toBe(CloseCode.refusedUpdate);
		}
		expect(listSpeakers(app.collab.registry.peek(name)!.doc)).toEqual([]);
	});

	it('a contributor flooding the list past its bound is refused; nothing of it is stored', async () => {
		const app = await start();
		const { contributor, name } = await board(app);
		const mallory = stock(app, name, contributor.cookie);
		await synced(mallory);
		const me = speakerOf(contributor.user);
		const now = new Date();
		mallory.doc.transact(() => {
			for (let i = 0; i <= MAX_SPEAKER_ENTRIES; i++) mallory.doc.getMap(SPEAKERS_ROOT).set(`k${i}`, { id: `k${i}`, ...me, requestedAt: now.toISOString(), order: now.getTime() });
		});
		await eventually(() => mallory.permissionDenied.includes('invalid-entry'), 'flood refused');
		expect(listSpeakers(app.collab.registry.peek(name)!.doc)).toEqual([]);
	});

	it('an ask that builds on content nobody sent waits, then is dropped with its connection (4413)', async () => {
		const app = await start({ env: { COLLAB_MAX_PENDING_MS: '300' } });
		const { contributor, name } = await board(app);
		const me = speakerOf(contributor.user);
		const [withheld, ...rest] = updatesOf((d) => {
			askForFloor(d, me, new Date(), 'first');
			d.getMap(SPEAKERS_ROOT).delete('first');
			askForFloor(d, me, new Date(), 'second');
		});
		expect(withheld).toBeDefined();
		const attacker = await raw(app, name, contributor.cookie);
		attacker.sendUpdate(rest[rest.length - 1]);
		expect((await attacker.closed).code).toBe(CloseCode.pendingOverflow);
		const live = app.collab.registry.peek(name);
		expect(live?.waitingBytes ?? 0).toBe(0);
		expect(live ? listSpeakers(live.doc) : []).toEqual([]);
	});
});
