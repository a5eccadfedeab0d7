import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../src/lib/domain/collab-protocol';
import { addAgendaItem, currentItem, listAgenda, listDecisions, recordDecision, setCurrentItem } from '../../src/lib/domain/meeting-doc';
import { docName } from '../../src/lib/domain/doc-names';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { connectClient, eventually, synced, type TestClient } from './yclient';
import { deleteUpdate, nestedMapUpdate, openRaw, updatesOf, type RawClient } from './raw-collab';

/**
 * Issue 8, points 1 and 2: a member with write access sends valid Yjs updates that would break
 * the document (nesting that overflows the stack on every later load) or stall the server
 * (updates whose dependencies never arrive). Real server, real sockets, stock and raw clients.
 */
type App = Awaited<ReturnType<typeof startTestApp>>;
const apps: App[] = [];
const clients: TestClient[] = [];
const raws: RawClient[] = [];

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

afterEach(async () => {
	for (const r of raws.splice(0)) r.ws.terminate();
	for (const c of clients.splice(0)) c.destroy();
	for (const app of apps.splice(0)) await app.close();
});

async function boardWithEditor(app: App) {
	const owner = await makeUser(app.runtime.store, 'Owner');
	const editor = await makeUser(app.runtime.store, 'Editor');
	const { boardId, meetingId } = await makeMeeting(app.runtime.store, owner.user);
	await app.runtime.store.boards.addMember(boardId, editor.user.id, 'editor');
	return { owner, editor, boardId, meetingId };
}

const docs = [
	['meeting', (ids: { meetingId: string; boardId: string }) => docName({ kind: 'meeting', meetingId: ids.meetingId }), 'agenda'],
	['board', (ids: { meetingId: string; boardId: string }) => docName({ kind: 'board', boardId: ids.boardId }), 'actions']
] as const;

describe('deep nesting (issue 8.1)', () => {
	it.each(docs)('a %s document refuses a map nested 4,000 levels deep; the honest client stays, and the document loads after a restart', async (_kind, nameOf, root) => {
		const app = await start();
		const { owner, editor, ...ids } = await boardWithEditor(app);
		const name = nameOf(ids);
		const honest = stock(app, name, owner.cookie);
		await synced(honest);
		honest.doc.getMap(root).set('honest', 'kept');

		const attacker = await raw(app, name, editor.cookie);
		const { update, client } = nestedMapUpdate(root, 4000);
		attacker.sendUpdate(update);
		attacker.sendUpdate(deleteUpdate(client, 0, 1)); // "replaces" it: the delete that overflowed the stack
		expect((await attacker.closed).code).toBe(CloseCode.refusedUpdate);

		const live = app.collab.registry.peek(name)!;
		await eventually(() => live.doc.getMap(root).get('honest') === 'kept', 'honest change applied');
		expect(live.doc.getMap(root).has('x')).toBe(false);
		expect(honest.doc.getMap(root).has('x')).toBe(false);
		expect(honest.closes).toEqual([]);
		honest.doc.getMap(root).set('after', 'still connected');
		await eventually(() => live.doc.getMap(root).get('after') === 'still connected', 'honest client still writes');

		honest.destroy();
		clients.splice(0);
		await app.close();
		apps.splice(0);
		const again = await start({ dataDir: app.dataDir });
		const reader = stock(again, name, owner.cookie);
		await synced(reader);
		expect(reader.doc.getMap(root).get('honest')).toBe('kept');
		expect(reader.doc.getMap(root).get('after')).toBe('still connected');
		expect(reader.closes).toEqual([]);
	});

	it('a document already poisoned in the store still loads, keeps everything else and sets the poison aside', async () => {
		const app = await start();
		const { owner, editor, meetingId } = await boardWithEditor(app);
		const name = docName({ kind: 'meeting', meetingId });
		const [honestUpdate] = updatesOf((d) => d.getXmlFragment('minutes').insert(0, [new Y.XmlText('Ord som ska finnas kvar')]));
		const { update: poison, client } = nestedMapUpdate('agenda', 4000);
		// As the server before this fix stored them: the honest text, the nesting, then its removal.
		await app.runtime.store.docs.append(name, [honestUpdate]);
		await app.runtime.store.docs.append(name, [poison]);
		await app.runtime.store.docs.append(name, [deleteUpdate(client, 0, 1)]);
		const [later] = updatesOf((d) => d.getMap('meta').set('status', 'in_progress'), honestUpdate);
		await app.runtime.store.docs.append(name, [later]);

		const reader = stock(app, name, owner.cookie);
		await synced(reader);
		expect(reader.doc.getXmlFragment('minutes').toString()).toContain('Ord som ska finnas kvar');
		expect(reader.doc.getMap('meta').get('status')).toBe('in_progress');
		expect(reader.doc.getMap('agenda').has('x')).toBe(false);
		const quarantined = await app.runtime.store.docs.quarantined(name);
		expect(quarantined.length).toBeGreaterThan(0);
		expect(quarantined[0].reason).toContain('too-deep');

		// And it goes on working: another member writes, a restart loads it again without the poison.
		const writer = stock(app, name, editor.cookie);
		await synced(writer);
		writer.doc.getMap('meta').set('status', 'held');
		await eventually(() => reader.doc.getMap('meta').get('status') === 'held', 'edit reaches the other member');
		for (const c of clients.splice(0)) c.destroy();
		await app.close();
		apps.splice(0);
		const again = await start({ dataDir: app.dataDir });
		const next = stock(again, name, owner.cookie);
		await synced(next);
		expect(next.doc.getXmlFragment('minutes').toString()).toContain('Ord som ska finnas kvar');
		expect(next.doc.getMap('meta').get('status')).toBe('held');
	});
});

describe('the current item (issue 9.7)', () => {
	it('a current item nested too deep is refused; one of the wrong type or naming no item is read as none; the meeting loads after a restart', async () => {
		const app = await start();
		const { owner, editor, meetingId } = await boardWithEditor(app);
		const name = docName({ kind: 'meeting', meetingId });
		const chair = stock(app, name, owner.cookie);
		await synced(chair);
		const item = addAgendaItem(chair.doc, { title: 'Boende först' });
		setCurrentItem(chair.doc, item);

		// A value nested deeper than any stored value needs is refused, and that connection closed.
		const attacker = await raw(app, name, editor.cookie);
		let deep: unknown = item;
		for (let i = 0; i < 20; i++) deep = { id: deep };
		const [update] = updatesOf((d) => d.getMap('meta').set('currentItemId', deep));
		attacker.sendUpdate(update);
		expect((await attacker.closed).code).toBe(CloseCode.refusedUpdate);
		expect(currentItem(chair.doc)).toBe(item);

		// Values the structure allows but that name no item: stored, and read as "no current item".
		const writer = stock(app, name, editor.cookie);
		await synced(writer);
		for (const value of [42, { id: item }, 'x'.repeat(50_000), 'finns-inte']) writer.doc.getMap('meta').set('currentItemId', value);
		await eventually(() => chair.doc.getMap('meta').get('currentItemId') === 'finns-inte', 'the last value reaches the chair');
		expect(currentItem(chair.doc)).toBeNull();
		expect(listAgenda(chair.doc).map((i) => i.title)).toEqual(['Boende först']);

		for (const c of clients.splice(0)) c.destroy();
		await app.close();
		apps.splice(0);
		const again = await start({ dataDir: app.dataDir });
		const reader = stock(again, name, owner.cookie);
		await synced(reader);
		expect(reader.closes).toEqual([]);
		expect(listAgenda(reader.doc).map((i) => i.title)).toEqual(['Boende först']);
		expect(currentItem(reader.doc)).toBeNull();
		setCurrentItem(reader.doc, item);
		expect(currentItem(reader.doc)).toBe(item);
	});
});

describe('author stamps (issue 8.6: nobody poses as someone else)', () => {
	it('a decision recorded in another member’s name is refused and the connection closed; one in your own name is kept', async () => {
		const app = await start();
		const { owner, editor, meetingId } = await boardWithEditor(app);
		const name = docName({ kind: 'meeting', meetingId });
		const honest = stock(app, name, owner.cookie);
		await synced(honest);
		const itemId = addAgendaItem(honest.doc, { title: 'Boende' });
		const live = () => app.collab.registry.peek(name)!;
		await eventually(() => listAgenda(live().doc).length === 1, 'item on the server');

		const mallory = stock(app, name, editor.cookie);
		await synced(mallory);
		recordDecision(mallory.doc, itemId, { text: 'Ägaren lovar allt', createdBy: owner.user.id });
		await eventually(() => mallory.closes.some((c) => c.code === CloseCode.refusedUpdate), 'forged decision refused');
		expect(listDecisions(live().doc)).toEqual([]);
		expect(listDecisions(honest.doc)).toEqual([]);

		recordDecision(honest.doc, itemId, { text: 'Vi beslutar', createdBy: owner.user.id });
		await eventually(() => listDecisions(live().doc).length === 1, 'own decision kept');
		expect(listDecisions(live().doc)[0].createdBy).toBe(owner.user.id);
	});
});

/** Updates of one client whose first update is withheld: every one of them waits for it. */
function gappedUpdates(count: number, bytesEach: number): { withheld: Uint8Array; rest: Uint8Array[] } {
	const all = updatesOf((d) => {
		const text = d.getText('minutes');
		text.insert(0, 'först');
		for (let i = 0; i < count; i++) text.insert(text.length, 'x'.repeat(bytesEach));
	});
	return { withheld: all[0], rest: all.slice(1) };
}

describe('updates that wait for content (issue 8.2)', () => {
	it('one connection leaving more than its share waiting is closed with 4413, and nobody else is touched', async () => {
		const app = await start({ env: { COLLAB_MAX_PENDING_BYTES: String(64 * 1024) } });
		const { owner, editor, meetingId } = await boardWithEditor(app);
		const name = docName({ kind: 'meeting', meetingId });
		const honest = stock(app, name, owner.cookie);
		await synced(honest);
		const attacker = await raw(app, name, editor.cookie);
		const { rest } = gappedUpdates(100, 1024);
		for (const update of rest) attacker.sendUpdate(update);
		expect((await attacker.closed).code).toBe(CloseCode.pendingOverflow);

		const live = app.collab.registry.peek(name)!;
		expect(live.doc.store.pendingStructs).toBeNull();
		expect(live.waitingBytes).toBe(0);
		honest.doc.getText('minutes').insert(0, 'Ärlig text');
		await eventually(() => live.doc.getText('minutes').toString() === 'Ärlig text', 'honest edit applied alone');
		expect(honest.closes).toEqual([]);
	});

	it('what waits too long is dropped and its connection closed with 4413', async () => {
		const app = await start({ env: { COLLAB_MAX_PENDING_MS: '300' } });
		const { editor, meetingId } = await boardWithEditor(app);
		const name = docName({ kind: 'meeting', meetingId });
		const attacker = await raw(app, name, editor.cookie);
		attacker.sendUpdate(gappedUpdates(1, 10).rest[0]);
		expect((await attacker.closed).code).toBe(CloseCode.pendingOverflow);
		const live = app.collab.registry.peek(name);
		expect(live?.waitingBytes ?? 0).toBe(0);
		expect(live?.doc.getText('minutes').toString() ?? '').toBe('');
	});

	it('an update that arrives before what it builds on waits, then applies when that arrives', async () => {
		const app = await start();
		const { owner, editor, meetingId } = await boardWithEditor(app);
		const name = docName({ kind: 'meeting', meetingId });
		const first = updatesOf((d) => d.getText('minutes').insert(0, 'Anna skriver'));
		const second = updatesOf((d) => d.getText('minutes').insert(12, ' och Bo fortsätter'), first[0]);
		const bo = await raw(app, name, editor.cookie);
		const anna = await raw(app, name, owner.cookie);
		bo.sendUpdate(second[0]);
		const live = () => app.collab.registry.peek(name)!;
		await eventually(() => (live()?.waitingBytes ?? 0) > 0, 'Bo’s update waits');
		expect(live().doc.getText('minutes').toString()).toBe('');
		anna.sendUpdate(first[0]);
		await eventually(() => live().doc.getText('minutes').toString() === 'Anna skriver och Bo fortsätter', 'both applied, in order');
		expect(live().waitingBytes).toBe(0);
		expect(bo.isOpen() && anna.isOpen()).toBe(true);
	});
});
