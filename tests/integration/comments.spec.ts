import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../src/lib/domain/collab-protocol';
import { addComment, addThread, editComment, listThreads, setResolved, withdrawComment, type CommentAnchor } from '../../src/lib/domain/comments-doc';
import { docName } from '../../src/lib/domain/doc-names';
import type { Author } from '../../src/lib/domain/voices-doc';
import type { User } from '../../src/lib/server/store/types';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { nestedMapUpdate, openRaw, updatesOf, type RawClient } from './raw-collab';
import { connectClient, eventually, synced, type TestClient } from './yclient';

/**
 * Comments on the minutes (issue 12, point 4), enforced by the collab server over real websockets
 * with a stock y-websocket client: every member comments (viewers too), each comment is its
 * author's, only owners and editors resolve, and hostile updates are refused without a crash.
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
	return { owner, editor, contributor, viewer, meetingId, comments: docName({ kind: 'comments', meetingId }) };
}

async function storedDoc(app: App, name: string): Promise<Y.Doc> {
	await app.collab.registry.peek(name)?.flush();
	const stored = await app.runtime.store.docs.load(name);
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const u of stored.updates) Y.applyUpdate(doc, u);
	return doc;
}
const serverDoc = (app: App, name: string) => app.collab.registry.peek(name)!.doc;
const anchor: CommentAnchor = { kind: 'decision', decisionId: 'd1' };
const texts = (doc: Y.Doc) => listThreads(doc).flatMap((t) => t.comments.map((c) => c.text));
/** Long enough for a frame to reach the server and an answer to come back, on a loaded machine. */
const settle = () => new Promise((r) => setTimeout(r, 300));

describe('comments on the minutes, enforced by the collab server', () => {
	it('a viewer and a contributor comment; nobody changes another’s comment; only an editor resolves', async () => {
		const app = await start();
		const { editor, contributor, viewer, comments } = await board(app);
		const ed = client(app, comments, editor.cookie);
		const con = client(app, comments, contributor.cookie);
		const view = client(app, comments, viewer.cookie);
		await Promise.all([ed, con, view].map((c) => synced(c)));

		// A viewer, who only reads the minutes, comments; the contributor replies.
		const threadId = addThread(view.doc, await authorOf(app, viewer.user), { itemId: 'i1', anchor, quote: 'Beslut 1', text: 'Varför?' });
		await eventually(() => listThreads(con.doc).length === 1, 'the contributor sees the viewer’s thread');
		addComment(con.doc, threadId, await authorOf(app, contributor.user), 'Därför.');
		await eventually(() => texts(ed.doc).length === 2, 'the editor sees both');
		expect(view.permissionDenied).toEqual([]);
		expect(con.permissionDenied).toEqual([]);

		// The contributor edits the viewer's comment: refused. Then tries to resolve: refused.
		const viewersComment = listThreads(con.doc)[0].comments[0].id;
		(con.doc.getMap('comments').get(viewersComment) as Y.Map<Y.Text>).get('text')!.insert(0, 'ÄNDRAT ');
		await eventually(() => con.permissionDenied.includes('not-author'), 'contributor told: not the author');
		const resolver = client(app, comments, contributor.cookie);
		await synced(resolver);
		setResolved(resolver.doc, threadId, { id: contributor.user.id, name: contributor.user.displayName });
		await eventually(() => resolver.permissionDenied.includes('not-editor'), 'contributor told: only editors resolve');
		await settle();
		expect(listThreads(serverDoc(app, comments))[0].resolved).toBeNull();
		expect(texts(serverDoc(app, comments))).toEqual(['Varför?', 'Därför.']);

		// The editor resolves in their own name: everyone sees it, and it is stored.
		setResolved(ed.doc, threadId, { id: editor.user.id, name: editor.user.displayName });
		await eventually(() => listThreads(view.doc)[0]?.resolved?.byId === editor.user.id, 'the viewer sees it resolved');
		expect(ed.permissionDenied).toEqual([]);
		const stored = await storedDoc(app, comments);
		expect(texts(stored)).toEqual(['Varför?', 'Därför.']);
		expect(listThreads(stored)[0].resolved?.byName).toBe(editor.user.displayName);
	});

	it('refuses forged authors, huge values, deep nesting and updates that never resolve; the honest client goes on', async () => {
		const app = await start({ env: { COLLAB_MAX_PENDING_MS: '300' } });
		const { owner, editor, contributor, comments } = await board(app);
		const honest = client(app, comments, owner.cookie);
		await synced(honest);
		const threadId = addThread(honest.doc, await authorOf(app, owner.user), { itemId: 'i1', anchor, quote: 'q', text: 'Ärlig' });
		await eventually(() => listThreads(serverDoc(app, comments)).length === 1, 'honest thread on the server');

		// A comment in the owner's name, from the contributor.
		const poser = client(app, comments, contributor.cookie);
		await synced(poser);
		addComment(poser.doc, threadId, { ...(await authorOf(app, owner.user)), id: contributor.user.id }, 'Jag är ägaren');
		await eventually(() => poser.permissionDenied.includes('forged-identity'), 'forged name refused');

		// A huge comment, and a huge quote.
		const bulky = client(app, comments, contributor.cookie);
		await synced(bulky);
		addComment(bulky.doc, threadId, await authorOf(app, contributor.user), 'x'.repeat(200_000));
		await eventually(() => bulky.permissionDenied.includes('invalid-entry'), 'huge comment refused');
		const quoting = client(app, comments, contributor.cookie);
		await synced(quoting);
		const big = quoting.doc.getMap('threads');
		quoting.doc.transact(() => {
			const thread = new Y.Map<unknown>();
			const me = { authorId: contributor.user.id, authorName: contributor.user.displayName };
			for (const [k, v] of Object.entries(me)) thread.set(k, v);
			thread.set('id', 'big');
			thread.set('quote', 'q'.repeat(100_000));
			big.set('big', thread);
		});
		await eventually(() => quoting.permissionDenied.includes('invalid-entry'), 'huge quote refused');

		// A map nested thousands of levels deep: refused and that connection closed.
		const nester = await raw(app, comments, editor.cookie);
		nester.sendUpdate(nestedMapUpdate('threads', 4000).update);
		expect((await nester.closed).code).toBe(CloseCode.refusedUpdate);

		// An update whose dependency never comes: dropped, its connection closed.
		const gapped = updatesOf((d) => {
			d.getMap('threads').set('a', 'först');
			d.getMap('threads').set('b', 'sedan');
		});
		const waiter = await raw(app, comments, editor.cookie);
		waiter.sendUpdate(gapped[1]);
		expect((await waiter.closed).code).toBe(CloseCode.pendingOverflow);

		await settle();
		const live = serverDoc(app, comments);
		expect(texts(live)).toEqual(['Ärlig']);
		expect(live.getMap('threads').has('big')).toBe(false);
		expect(live.store.pendingStructs).toBeNull();
		// Still serving: the honest client writes on, and a restart loads what was kept.
		addComment(honest.doc, threadId, await authorOf(app, owner.user), 'Fortfarande här');
		await eventually(() => texts(serverDoc(app, comments)).includes('Fortfarande här'), 'honest reply applied');
		expect(honest.closes).toEqual([]);
		expect(texts(await storedDoc(app, comments))).toEqual(['Ärlig', 'Fortfarande här']);
	});

	it('lets an author edit and withdraw their own comment, and nobody else', async () => {
		const app = await start();
		const { editor, contributor, comments } = await board(app);
		const con = client(app, comments, contributor.cookie);
		const ed = client(app, comments, editor.cookie);
		await Promise.all([con, ed].map((c) => synced(c)));
		const threadId = addThread(con.doc, await authorOf(app, contributor.user), { itemId: 'i1', anchor, quote: 'q', text: 'Från när?' });
		await eventually(() => listThreads(ed.doc).length === 1, 'the editor sees the thread');
		addComment(ed.doc, threadId, await authorOf(app, editor.user), 'Från januari.');
		await eventually(() => texts(con.doc).length === 2, 'the contributor sees the reply');
		const [opening, reply] = listThreads(con.doc)[0].comments.map((c) => c.id);

		// The contributor edits their comment: applied, stamped, and kept.
		editComment(con.doc, opening, 'Från när gäller det?');
		await eventually(() => listThreads(ed.doc)[0]?.comments[0].text === 'Från när gäller det?', 'the editor sees the edit');
		expect(listThreads(ed.doc)[0].comments[0].editedAt).not.toBeNull();

		// The editor tries to edit and withdraw the contributor's: refused both times.
		const meddler = client(app, comments, editor.cookie);
		await synced(meddler);
		editComment(meddler.doc, opening, 'Ändrad av någon annan');
		await eventually(() => meddler.permissionDenied.includes('not-author'), 'editing another’s refused');
		const remover = client(app, comments, editor.cookie);
		await synced(remover);
		withdrawComment(remover.doc, opening, editor.user.id);
		await eventually(() => remover.permissionDenied.includes('not-author'), 'withdrawing another’s refused');

		// The contributor withdraws theirs: a mark stays where the reply follows it.
		withdrawComment(con.doc, opening, contributor.user.id);
		await eventually(() => listThreads(ed.doc)[0]?.comments[0].removed === true, 'the editor sees the mark');
		await settle();
		expect(con.permissionDenied).toEqual([]);
		const stored = await storedDoc(app, comments);
		expect(listThreads(stored)[0].comments.map((c) => [c.id, c.removed, c.text])).toEqual([
			[opening, true, ''],
			[reply, false, 'Från januari.']
		]);
	});

	it('takes no comment once the meeting is adjusted', async () => {
		const app = await start();
		const { owner, contributor, meetingId, comments } = await board(app);
		// The lifecycle is the meeting services' (tested elsewhere): here only the status it ends in.
		const meeting = (await app.runtime.store.meetings.get(meetingId))!;
		const event = { kind: 'moved', actorId: owner.user.id, at: new Date(), detail: { from: meeting.status, to: 'adjusted' } };
		expect(await app.runtime.store.meetings.change(meetingId, { revision: meeting.revision, status: 'adjusted', bumpSequence: false, event })).not.toBeNull();
		const late = client(app, comments, contributor.cookie);
		await synced(late);
		addThread(late.doc, await authorOf(app, contributor.user), { itemId: 'i1', anchor, quote: 'q', text: 'För sent' });
		await eventually(() => late.permissionDenied.includes('read-only'), 'told the comments are read-only');
		await settle();
		expect(listThreads(serverDoc(app, comments))).toEqual([]);
	});
});
