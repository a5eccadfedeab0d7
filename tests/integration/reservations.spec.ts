import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../src/lib/domain/collab-protocol';
import { docName } from '../../src/lib/domain/doc-names';
import { addAgendaItem, recordDecision } from '../../src/lib/domain/meeting-doc';
import { addReservation, listReservations, removeReservation, reservationText, type Author } from '../../src/lib/domain/voices-doc';
import type { User } from '../../src/lib/server/store/types';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { connectClient, eventually, synced, type TestClient } from './yclient';
import { nestedMapUpdate, openRaw, updatesOf, type RawClient } from './raw-collab';

/**
 * Reservations against decisions (issue 12, point 5) live in the voices document, written by
 * contributors who cannot write the meeting document, and owned by their author. Real server,
 * real sockets: stock y-websocket clients for what a page would send, raw ones for worse.
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
async function raw(app: App, name: string, cookie: string) {
	const r = await openRaw(app.url, name, cookie);
	raws.push(r);
	return r;
}
async function authorOf(app: App, u: User): Promise<Author> {
	const agency = await app.runtime.store.agencies.get(u.agencyId);
	return { id: u.id, name: u.displayName, agencyId: u.agencyId, agencyName: agency?.name ?? '' };
}

/** A board with a meeting, one decision under § 1, and a contributor and an editor. */
async function setup(app: App) {
	const store = app.runtime.store;
	const owner = await makeUser(store, 'Owner');
	const editor = await makeUser(store, 'Editor');
	const contributor = await makeUser(store, 'Contributor');
	const { boardId, meetingId } = await makeMeeting(store, owner.user);
	await store.boards.addMember(boardId, editor.user.id, 'editor');
	await store.boards.addMember(boardId, contributor.user.id, 'contributor');
	const meeting = docName({ kind: 'meeting', meetingId });
	const voices = docName({ kind: 'voices', meetingId });
	const eds = client(app, meeting, editor.cookie);
	await synced(eds);
	const itemId = addAgendaItem(eds.doc, { title: 'Bostad först' });
	const decisionId = recordDecision(eds.doc, itemId, { text: 'Vi provar i ett år.', createdBy: editor.user.id, kind: 'majority', reviewDate: '2027-11-30' });
	return { owner, editor, contributor, meeting, voices, target: { itemId, decisionId } };
}

const serverDoc = (app: App, name: string) => app.collab.registry.peek(name)!.doc;
async function storedDoc(app: App, name: string): Promise<Y.Doc> {
	await app.collab.registry.peek(name)?.flush();
	const stored = await app.runtime.store.docs.load(name);
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const u of stored.updates) Y.applyUpdate(doc, u);
	return doc;
}
const texts = (doc: Y.Doc) => Object.fromEntries(listReservations(doc).map((r) => [r.id, r.text]));
const settle = () => new Promise((r) => setTimeout(r, 300));
/** How the server closed a raw socket, or 'open' if it has not after 20 s (so a failure names the step). */
const closeCode = (r: RawClient) => Promise.race([r.closed.then((c) => c.code), new Promise<string>((resolve) => setTimeout(() => resolve('open'), 20_000))]);

describe('reservations, enforced by the collab server (issue 12, point 5)', () => {
	it('a contributor records their own; another member may neither change nor remove it, nor write one in their name', async () => {
		const app = await start();
		const { editor, contributor, voices, target } = await setup(app);
		const mine = client(app, voices, contributor.cookie);
		await synced(mine);
		const id = addReservation(mine.doc, target, await authorOf(app, contributor.user), 'Vi står inte bakom beslutet.');
		await eventually(() => texts(serverDoc(app, voices))[id] === 'Vi står inte bakom beslutet.', 'the reservation reaches the server');
		expect(mine.permissionDenied).toEqual([]);

		// An editor changes someone else's reservation: refused.
		const meddler = client(app, voices, editor.cookie);
		await synced(meddler);
		await eventually(() => texts(meddler.doc)[id] !== undefined, 'the editor has it');
		reservationText(meddler.doc, id).insert(0, 'ÄNDRAT: ');
		await eventually(() => meddler.permissionDenied.includes('not-author'), 'editor told: not the author');
		const remover = client(app, voices, editor.cookie);
		await synced(remover);
		removeReservation(remover.doc, id);
		await eventually(() => remover.permissionDenied.includes('not-author'), 'removal refused');

		// A reservation with the editor's own id but the contributor's name and agency: forged.
		const poser = client(app, voices, editor.cookie);
		await synced(poser);
		const them = await authorOf(app, contributor.user);
		addReservation(poser.doc, target, { ...(await authorOf(app, editor.user)), name: them.name, agencyName: them.agencyName }, 'Låtsas');
		await eventually(() => poser.permissionDenied.includes('forged-identity'), 'forged identity refused');
		// One in the contributor's id outright: not theirs to write.
		const impostor = client(app, voices, editor.cookie);
		await synced(impostor);
		addReservation(impostor.doc, target, them, 'I någon annans namn');
		await eventually(() => impostor.permissionDenied.includes('not-author'), 'someone else’s entry refused');
		await settle();

		for (const doc of [serverDoc(app, voices), await storedDoc(app, voices)]) {
			expect(texts(doc)).toEqual({ [id]: 'Vi står inte bakom beslutet.' });
			expect(listReservations(doc)[0]).toMatchObject({ authorId: contributor.user.id, authorName: them.name, agencyName: them.agencyName, decisionId: target.decisionId });
		}
		// The author may change and remove their own.
		reservationText(mine.doc, id).insert(0, 'Reservation: ');
		await eventually(() => texts(serverDoc(app, voices))[id] === 'Reservation: Vi står inte bakom beslutet.', 'author edits their own');
		removeReservation(mine.doc, id);
		await eventually(() => texts(serverDoc(app, voices))[id] === undefined, 'author removes their own');
		expect(mine.permissionDenied).toEqual([]);
	});

	it('refuses a reservation nested 4,000 levels deep and one too large for a frame; the honest author stays connected', async () => {
		const app = await start({ COLLAB_MAX_FRAME_BYTES: String(256 * 1024) });
		const { contributor, voices, target } = await setup(app);
		const honest = client(app, voices, contributor.cookie);
		await synced(honest);
		const author = await authorOf(app, contributor.user);

		const deep = await raw(app, voices, contributor.cookie);
		deep.sendUpdate(nestedMapUpdate('reservations', 4000).update);
		expect(await closeCode(deep), 'deep nesting').toBe(CloseCode.refusedUpdate);

		// Deep inside an honest-looking entry: the entry's text replaced by nested maps.
		const inside = await raw(app, voices, contributor.cookie);
		const [entry] = updatesOf((doc) => doc.transact(() => {
			const map = new Y.Map<unknown>();
			for (const [k, v] of Object.entries({ id: 'r-deep', itemId: target.itemId, decisionId: target.decisionId, authorId: author.id, authorName: author.name, agencyId: author.agencyId, agencyName: author.agencyName, createdAt: '' })) map.set(k, v);
			let level = new Y.Map<unknown>();
			map.set('text', level);
			doc.getMap('reservations').set('r-deep', map);
			for (let i = 0; i < 50; i++) {
				const next = new Y.Map<unknown>();
				level.set('x', next);
				level = next;
			}
		}));
		inside.sendUpdate(entry);
		expect(await closeCode(inside), 'nesting inside an entry').toBe(CloseCode.refusedUpdate);

		const huge = await raw(app, voices, contributor.cookie);
		const [big] = updatesOf((doc) => addReservation(doc, target, author, 'x'.repeat(400 * 1024), new Date(), 'r-huge'));
		huge.sendUpdate(big);
		expect(await closeCode(huge), 'huge text').toBe(CloseCode.frameTooLarge);

		const id = addReservation(honest.doc, target, author, 'Kort och ärlig.');
		await eventually(() => texts(serverDoc(app, voices))[id] === 'Kort och ärlig.', 'the honest reservation still goes through');
		expect(honest.closes).toEqual([]);
		const stored = await storedDoc(app, voices);
		expect(Object.keys(texts(stored))).toEqual([id]);
		expect(stored.getMap('reservations').has('r-deep')).toBe(false);
		expect(stored.getMap('reservations').has('x')).toBe(false);
	});

	it('a viewer may not record a reservation', async () => {
		const app = await start();
		const { owner, voices, target } = await setup(app);
		const viewer = await makeUser(app.runtime.store, 'Viewer');
		const boardId = (await app.runtime.store.meetings.get(voices.split(':')[1]))!.boardId;
		await app.runtime.store.boards.addMember(boardId, viewer.user.id, 'viewer');
		const c = client(app, voices, viewer.cookie);
		await synced(c);
		addReservation(c.doc, target, await authorOf(app, viewer.user), 'Jag får inte');
		await settle();
		expect(texts(serverDoc(app, voices))).toEqual({});
		void owner;
	});
});
