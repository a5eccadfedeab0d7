import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../src/lib/domain/collab-protocol';
import { docName } from '../../src/lib/domain/doc-names';
import { addAgendaItem, listAgenda } from '../../src/lib/domain/meeting-doc';
import { addPerspective, listPerspectives, listSummaries, perspectiveText, removePerspective, summaryText, type Author } from '../../src/lib/domain/voices-doc';
import { changeRole, removeMember } from '../../src/lib/server/services/members';
import type { User } from '../../src/lib/server/store/types';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { connectClient, eventually, synced, type TestClient } from './yclient';

type App = Awaited<ReturnType<typeof startTestApp>>;
const apps: App[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	for (const app of apps.splice(0)) await app.close();
});

async function start() {
	const app = await startTestApp();
	apps.push(app);
	return app;
}

function client(app: App, name: string, cookie: string) {
	const c = connectClient(app.url, name, cookie);
	clients.push(c);
	return c;
}

/** The identity a member's page writes with: their name and agency as the server records them. */
async function authorOf(app: App, u: User): Promise<Author> {
	const agency = await app.runtime.store.agencies.get(u.agencyId);
	return { id: u.id, name: u.displayName, agencyId: u.agencyId, agencyName: agency?.name ?? '' };
}

/** A board with a meeting, its owner and one member of each other role. */
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
	return {
		owner,
		editor,
		contributor,
		viewer,
		boardId,
		meetingId,
		meeting: docName({ kind: 'meeting', meetingId }),
		voices: docName({ kind: 'voices', meetingId })
	};
}

/** The document as stored (snapshot + log), after flushing what the server holds. */
async function storedDoc(app: App, name: string): Promise<Y.Doc> {
	await app.collab.registry.peek(name)?.flush();
	const stored = await app.runtime.store.docs.load(name);
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const u of stored.updates) Y.applyUpdate(doc, u);
	return doc;
}

const serverDoc = (app: App, name: string) => app.collab.registry.peek(name)!.doc;
const texts = (doc: Y.Doc) => Object.fromEntries(listPerspectives(doc).map((p) => [p.id, p.text]));
/** Long enough for a frame to reach the server and an answer to come back, on a loaded machine. */
const settle = () => new Promise((r) => setTimeout(r, 300));

describe('roles and user perspectives, enforced by the collab server', () => {
	it("refuses a contributor's writes to the minutes document while their perspective goes through", async () => {
		const app = await start();
		const { owner, contributor, meeting, voices } = await board(app);
		const ownerMeeting = client(app, meeting, owner.cookie);
		const ownerVoices = client(app, voices, owner.cookie);
		const minutes = client(app, meeting, contributor.cookie);
		const own = client(app, voices, contributor.cookie);
		await Promise.all([ownerMeeting, ownerVoices, minutes, own].map((c) => synced(c)));

		const itemId = addAgendaItem(ownerMeeting.doc, { title: 'Boendestöd' });
		await eventually(() => listAgenda(minutes.doc).length === 1, 'contributor reads the agenda');
		addAgendaItem(minutes.doc, { title: 'Smugglad punkt' });
		minutes.doc.getXmlFragment('minutes').insert(0, [new Y.XmlText('inte mitt protokoll')]);
		// The socket takes a contributor's own asks for the floor (issue 14, point 5), nothing else.
		await eventually(() => minutes.permissionDenied.includes('not-author'), 'contributor told the minutes are not theirs');

		const perspectiveId = addPerspective(own.doc, itemId, await authorOf(app, contributor.user), 'Vi som bor här vill bli tillfrågade');
		await eventually(() => texts(ownerVoices.doc)[perspectiveId] === 'Vi som bor här vill bli tillfrågade', 'owner sees the perspective');
		await settle();

		expect(listAgenda(serverDoc(app, meeting)).map((i) => i.title)).toEqual(['Boendestöd']);
		expect(listAgenda(ownerMeeting.doc).map((i) => i.title)).toEqual(['Boendestöd']);
		const storedMeeting = await storedDoc(app, meeting);
		expect(listAgenda(storedMeeting).map((i) => i.title)).toEqual(['Boendestöd']);
		expect(storedMeeting.getXmlFragment('minutes').length).toBe(0);
		expect(texts(await storedDoc(app, voices))).toEqual({ [perspectiveId]: 'Vi som bor här vill bli tillfrågade' });
		expect(own.permissionDenied).toEqual([]);
	});

	it("refuses a contributor's change or removal of another member's perspective; the owner may do both", async () => {
		const app = await start();
		const { owner, editor, contributor, voices } = await board(app);
		const eds = client(app, voices, editor.cookie);
		await synced(eds);
		const edsId = addPerspective(eds.doc, 'item1', await authorOf(app, editor.user), 'Redaktörens ord');

		const meddler = client(app, voices, contributor.cookie);
		await synced(meddler);
		await eventually(() => texts(meddler.doc)[edsId] === 'Redaktörens ord', 'contributor has the perspective');
		perspectiveText(meddler.doc, edsId).insert(0, 'ÄNDRAT: ');
		await eventually(() => meddler.permissionDenied.includes('not-author'), 'contributor told: not the author');

		// A fresh client (the refused edit is still in the first one) tries to remove it.
		const remover = client(app, voices, contributor.cookie);
		await synced(remover);
		removePerspective(remover.doc, edsId);
		await eventually(() => remover.permissionDenied.includes('not-author'), 'removal refused too');
		await settle();
		expect(texts(serverDoc(app, voices))).toEqual({ [edsId]: 'Redaktörens ord' });
		expect(texts(eds.doc)).toEqual({ [edsId]: 'Redaktörens ord' });
		expect(texts(await storedDoc(app, voices))).toEqual({ [edsId]: 'Redaktörens ord' });

		// An editor cannot either: only the author or the owner.
		const other = addPerspective(eds.doc, 'item1', await authorOf(app, editor.user), 'Andra');
		const ownerClient = client(app, voices, owner.cookie);
		await synced(ownerClient);
		await eventually(() => texts(ownerClient.doc)[other] === 'Andra', 'owner has both');
		perspectiveText(ownerClient.doc, edsId).insert(perspectiveText(ownerClient.doc, edsId).length, ' (förtydligat)');
		await eventually(() => texts(eds.doc)[edsId] === 'Redaktörens ord (förtydligat)', 'owner’s edit reaches the author');
		removePerspective(ownerClient.doc, other);
		await eventually(() => texts(eds.doc)[other] === undefined, 'owner’s removal reaches the author');
		expect(ownerClient.permissionDenied).toEqual([]);
		expect(texts(await storedDoc(app, voices))).toEqual({ [edsId]: 'Redaktörens ord (förtydligat)' });
	});

	it("refuses a perspective or summary showing another member's name or agency: not stored, not broadcast; an honest one is", async () => {
		const app = await start();
		const { owner, editor, contributor, voices } = await board(app);
		const watcher = client(app, voices, owner.cookie);
		const poser = client(app, voices, contributor.cookie);
		await Promise.all([synced(watcher), synced(poser)]);
		const honest = await authorOf(app, contributor.user);
		const other = await authorOf(app, editor.user);

		// Their own id (so authorship passes), someone else's name and agency.
		const forgedId = addPerspective(poser.doc, 'item1', { ...honest, name: other.name, agencyId: other.agencyId, agencyName: other.agencyName }, 'Jag låtsas vara redaktören');
		await eventually(() => poser.permissionDenied.includes('forged-identity'), 'contributor told the name is not theirs');
		// A fresh client (the refused entry stays in the first one) writes in its own name.
		const again = client(app, voices, contributor.cookie);
		await synced(again);
		const honestId = addPerspective(again.doc, 'item1', honest, 'Med mitt eget namn');
		await eventually(() => texts(watcher.doc)[honestId] === 'Med mitt eget namn', 'the honest perspective reaches the owner');
		// A summary in the same forged name, from a third client.
		const summarising = client(app, voices, contributor.cookie);
		await synced(summarising);
		summaryText(summarising.doc, { ...honest, name: 'Kommundirektören' }).insert(0, 'Falsk sammanfattning');
		await eventually(() => summarising.permissionDenied.includes('forged-identity'), 'forged summary refused');
		await settle();

		for (const doc of [serverDoc(app, voices), watcher.doc, await storedDoc(app, voices)]) {
			expect(texts(doc)).toEqual({ [honestId]: 'Med mitt eget namn' });
			expect(listPerspectives(doc).map((p) => [p.authorName, p.agencyName])).toEqual([[honest.name, honest.agencyName]]);
			expect(listSummaries(doc)).toEqual([]);
		}
		expect(texts(poser.doc)[forgedId]).toBe('Jag låtsas vara redaktören');
		expect(again.permissionDenied).toEqual([]);
	});

	it('a role lowered with changeRole downgrades a live connection without reconnecting', async () => {
		const app = await start();
		const { owner, editor, boardId, meeting } = await board(app);
		const ownerClient = client(app, meeting, owner.cookie);
		const ed = client(app, meeting, editor.cookie);
		await Promise.all([synced(ownerClient), synced(ed)]);
		ed.doc.getText('minutes').insert(0, 'före');
		await eventually(() => serverDoc(app, meeting).getText('minutes').toString() === 'före', 'editor writes');

		const result = await changeRole(app.runtime.store, app.runtime.live, owner.user, boardId, editor.user.id, 'viewer');
		expect(result.ok).toBe(true);
		await eventually(() => ed.permissionDenied.includes('read-only'), 'editor told at once that it is read-only now');

		ed.doc.getText('minutes').insert(4, ' EFTER');
		ownerClient.doc.getText('minutes').insert(0, 'Ägaren: ');
		await eventually(() => ed.doc.getText('minutes').toString().startsWith('Ägaren: '), 'the viewer still receives updates');
		await settle();
		expect(serverDoc(app, meeting).getText('minutes').toString()).toBe('Ägaren: före');
		expect(ownerClient.doc.getText('minutes').toString()).toBe('Ägaren: före');
		expect((await storedDoc(app, meeting)).getText('minutes').toString()).toBe('Ägaren: före');
		expect(ed.closes).toEqual([]);
		expect(ed.provider.wsconnected).toBe(true);
	});

	it('a role raised with changeRole lets a live connection write at once, and tells the client', async () => {
		const app = await start();
		const { owner, viewer, boardId, meeting } = await board(app);
		const v = client(app, meeting, viewer.cookie);
		await synced(v);
		v.doc.getText('minutes').insert(0, 'läsaren försöker');
		await eventually(() => v.permissionDenied.includes('read-only'), 'viewer told it is read-only');
		expect(serverDoc(app, meeting).getText('minutes').toString()).toBe('');

		expect((await changeRole(app.runtime.store, app.runtime.live, owner.user, boardId, viewer.user.id, 'editor')).ok).toBe(true);
		await eventually(() => v.memberships.some(([role, access]) => role === 'editor' && access === 'write'), 'client told of its new role');
		v.doc.getText('minutes').insert(0, 'Nu redaktör: ');
		await eventually(() => serverDoc(app, meeting).getText('minutes').toString().startsWith('Nu redaktör: '), 'the raised member writes without reconnecting');
		expect(v.closes).toEqual([]);
	});

	it("an owner demoted while connected loses the right to change others' perspectives at once", async () => {
		const app = await start();
		const { owner, editor, contributor, boardId, voices } = await board(app);
		const authorClient = client(app, voices, contributor.cookie);
		await synced(authorClient);
		const id = addPerspective(authorClient.doc, 'item1', await authorOf(app, contributor.user), 'Brukarens ord');
		const ownerClient = client(app, voices, owner.cookie);
		await synced(ownerClient);
		await eventually(() => texts(ownerClient.doc)[id] === 'Brukarens ord', 'owner has the perspective');
		perspectiveText(ownerClient.doc, id).insert(0, 'Ägaren: ');
		await eventually(() => texts(authorClient.doc)[id] === 'Ägaren: Brukarens ord', 'owner may edit');

		expect((await changeRole(app.runtime.store, app.runtime.live, owner.user, boardId, editor.user.id, 'owner')).ok).toBe(true);
		expect((await changeRole(app.runtime.store, app.runtime.live, editor.user, boardId, owner.user.id, 'editor')).ok).toBe(true);
		perspectiveText(ownerClient.doc, id).insert(0, 'Inte längre: ');
		await eventually(() => ownerClient.permissionDenied.includes('not-author'), 'former owner refused');
		await settle();
		expect(texts(serverDoc(app, voices))[id]).toBe('Ägaren: Brukarens ord');
		expect(ownerClient.provider.wsconnected).toBe(true);
	});

	it("removing a member closes their sockets with 4403; they stay closed; others' do not", async () => {
		const app = await start();
		const { owner, contributor, viewer, boardId, meeting, voices } = await board(app);
		const a = client(app, meeting, contributor.cookie);
		const b = client(app, voices, contributor.cookie);
		const c = client(app, meeting, viewer.cookie);
		await Promise.all([a, b, c].map((x) => synced(x)));
		expect((await removeMember(app.runtime.store, app.runtime.live, owner.user, boardId, contributor.user.id)).ok).toBe(true);
		await eventually(() => a.closes.some((e) => e.code === CloseCode.forbidden) && b.closes.some((e) => e.code === CloseCode.forbidden), 'both sockets closed with 4403');
		await settle();
		expect(a.provider.shouldConnect).toBe(false); // 44xx: y-websocket does not hammer the server
		expect(b.provider.wsconnected).toBe(false);
		expect(c.closes).toEqual([]);
		expect(c.provider.wsconnected).toBe(true);
	});
});
