import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../src/lib/domain/collab-protocol';
import { docName } from '../../src/lib/domain/doc-names';
import { listActions } from '../../src/lib/domain/board-doc';
import { addAsk, answerAsk, askState, giveFeedback, listAsks, listFeedback, removeAsk, withdrawAsk } from '../../src/lib/domain/board-voices-doc';
import { listAgenda } from '../../src/lib/domain/meeting-doc';
import type { Author } from '../../src/lib/domain/voices-doc';
import { createSession } from '../../src/lib/server/auth/sessions';
import { signUp } from '../../src/lib/server/services/accounts';
import * as asks from '../../src/lib/server/services/asks';
import { addSuggestion, suggestionsFor } from '../../src/lib/server/services/agenda-suggestions';
import type { User } from '../../src/lib/server/store/types';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { deleteUpdate, nestedMapUpdate, openRaw, updatesOf, type RawClient } from './raw-collab';
import { connectClient, eventually, synced, type TestClient } from './yclient';

/**
 * Issue 12: asks, answers and feedback in `board:<id>:voices`, enforced by the collab server over
 * real websockets with a stock y-websocket client (and a raw one for hostile frames), and the
 * answer's server-side writes into the meeting and board documents.
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

let n = 0;
/** A member of a user association (the people who ask and tell the effect). */
async function makeAssociationMember(app: App, name: string) {
	n++;
	const result = await signUp(app.runtime.store, {
		displayName: `${name} ${n}`,
		email: `assoc${n}-${Date.now()}@example.se`,
		password: 'grön-tavla-som-håller',
		agencyChoice: 'new',
		newAgencyName: `Brukarföreningen ${n}`,
		newAgencyKind: 'user_association'
	});
	if (!result.ok) throw new Error('sign-up failed');
	const { token } = await createSession(app.runtime.store, result.value.id);
	return { user: result.value, cookie: `samtavla_session=${token}` };
}

async function authorOf(app: App, u: User): Promise<Author> {
	const agency = await app.runtime.store.agencies.get(u.agencyId);
	return { id: u.id, name: u.displayName, agencyId: u.agencyId, agencyName: agency?.name ?? '' };
}

async function board(app: App) {
	const store = app.runtime.store;
	const owner = await makeUser(store, 'Owner');
	const editor = await makeUser(store, 'Editor');
	const contributor = await makeAssociationMember(app, 'Reporter');
	const viewer = await makeUser(store, 'Viewer');
	const { boardId, meetingId } = await makeMeeting(store, owner.user);
	await store.boards.addMember(boardId, editor.user.id, 'editor');
	await store.boards.addMember(boardId, contributor.user.id, 'contributor');
	await store.boards.addMember(boardId, viewer.user.id, 'viewer');
	return { owner, editor, contributor, viewer, boardId, meetingId, voices: docName({ kind: 'boardVoices', boardId }) };
}

const settle = () => new Promise((r) => setTimeout(r, 300));
const serverDoc = (app: App, name: string) => app.collab.registry.peek(name)!.doc;

describe('asks over real websockets (issue 12)', () => {
	it('a viewer and a contributor write their own asks; someone else’s ask, a forged name and a contributor’s answer are refused', async () => {
		const app = await start();
		const { editor, contributor, viewer, voices } = await board(app);
		const reporter = stock(app, voices, contributor.cookie);
		const watcher = stock(app, voices, viewer.cookie);
		await Promise.all([synced(reporter), synced(watcher)]);

		const hers = addAsk(reporter.doc, await authorOf(app, contributor.user), { kind: 'item', text: 'Boendestöd på helger' });
		addAsk(watcher.doc, await authorOf(app, viewer.user), { kind: 'action', text: 'Fler praktikplatser', toAgencyId: viewer.user.agencyId });
		// …and the viewer's copy has hers (else removing it below would change nothing, and send nothing).
		await eventually(() => listAsks(serverDoc(app, voices)).length === 2 && watcher.doc.getMap('asks').has(hers), 'both asks stored and seen');

		// The viewer changes the reporter's ask: refused, and the honest text stays.
		removeAsk(watcher.doc, hers);
		await eventually(() => watcher.permissionDenied.includes('not-author'), 'viewer told: not the author');
		expect(listAsks(serverDoc(app, voices)).map((a) => a.id)).toContain(hers);

		// An ask in the reporter's name, written by the viewer: refused.
		const poser = stock(app, voices, viewer.cookie);
		await synced(poser);
		addAsk(poser.doc, { ...(await authorOf(app, viewer.user)), name: 'Someone Else' }, { kind: 'item', text: 'posing' });
		await eventually(() => poser.permissionDenied.includes('forged-identity'), 'forged name refused');

		// A contributor answers (their own ask, even): refused; an editor's answer goes through.
		const answering = stock(app, voices, contributor.cookie);
		await synced(answering);
		answerAsk(answering.doc, await authorOf(app, contributor.user), { askId: hers, outcome: 'declined', reason: 'själv' });
		await eventually(() => answering.permissionDenied.includes('not-answerer'), 'contributor told: not an answerer');
		const editorClient = stock(app, voices, editor.cookie);
		await synced(editorClient);
		answerAsk(editorClient.doc, await authorOf(app, editor.user), { askId: hers, outcome: 'declined', reason: 'Hör till regionen' });
		await eventually(() => listAsks(serverDoc(app, voices)).find((a) => a.id === hers)?.answer?.reason === 'Hör till regionen', 'editor’s answer stored');
		await settle();
		expect(listAsks(serverDoc(app, voices)).find((a) => a.id === hers)?.answer?.authorId).toBe(editor.user.id);
		expect(listAsks(serverDoc(app, voices)).map((a) => a.text)).not.toContain('posing');
	});

	it('only the asker withdraws her ask: the owner’s withdrawal is refused, hers goes through, and an answer to it afterwards is refused', async () => {
		const app = await start();
		const { owner, editor, contributor, voices } = await board(app);
		const reporter = stock(app, voices, contributor.cookie);
		const ownerClient = stock(app, voices, owner.cookie);
		await Promise.all([synced(reporter), synced(ownerClient)]);
		const hers = addAsk(reporter.doc, await authorOf(app, contributor.user), { kind: 'item', text: 'Boendestöd på helger' });
		await eventually(() => listAsks(serverDoc(app, voices)).length === 1 && !!ownerClient.doc.getMap('asks').get(hers), 'ask stored and seen');

		// The owner may remove anyone's ask, but not take it back in the asker's name.
		withdrawAsk(ownerClient.doc, hers);
		await eventually(() => ownerClient.permissionDenied.includes('not-author'), 'owner told: not the author');
		await settle();
		expect(askState(listAsks(serverDoc(app, voices))[0])).toBe('open');

		withdrawAsk(reporter.doc, hers);
		await eventually(() => askState(listAsks(serverDoc(app, voices))[0]) === 'withdrawn', 'her withdrawal stored');
		expect(reporter.permissionDenied).toEqual([]);

		// Taken back stays taken back; and an editor's answer to it is refused.
		(reporter.doc.getMap('asks').get(hers) as Y.Map<unknown>).delete('withdrawnAt');
		await eventually(() => reporter.permissionDenied.includes('invalid-entry'), 'un-withdrawing refused');
		const editorClient = stock(app, voices, editor.cookie);
		await synced(editorClient);
		answerAsk(editorClient.doc, await authorOf(app, editor.user), { askId: hers, outcome: 'declined', reason: 'för sent' });
		await eventually(() => editorClient.permissionDenied.includes('invalid-entry'), 'answer to a withdrawn ask refused');
		await settle();
		const [stored] = listAsks(serverDoc(app, voices));
		expect([askState(stored), stored.answer]).toEqual(['withdrawn', null]);
	});

	it('feedback on an effect: a user association member’s goes through; a social worker’s (the owner’s) is refused', async () => {
		const app = await start();
		const { owner, contributor, voices } = await board(app);
		const ownerClient = stock(app, voices, owner.cookie);
		const reporter = stock(app, voices, contributor.cookie);
		await Promise.all([synced(ownerClient), synced(reporter)]);
		giveFeedback(ownerClient.doc, await authorOf(app, owner.user), { actionId: 'a1', effect: 'worked', comment: 'bra' });
		await eventually(() => ownerClient.permissionDenied.includes('not-user-association'), 'owner told: not a user association');
		giveFeedback(reporter.doc, await authorOf(app, contributor.user), { actionId: 'a1', effect: 'partly', comment: 'Bättre, inte bra' });
		await eventually(() => listFeedback(serverDoc(app, voices)).length === 1, 'reporter’s feedback stored');
		await settle();
		expect(listFeedback(serverDoc(app, voices))).toMatchObject([{ authorId: contributor.user.id, effect: 'partly' }]);
	});

	it('hostile frames: deep nesting and an unknown root are refused and close that connection; a huge value is refused by the frame limit; unresolvable dependencies are dropped', async () => {
		const app = await start({ env: { COLLAB_MAX_PENDING_MS: '300' } });
		const { owner, viewer, contributor, voices } = await board(app);
		const honest = stock(app, voices, owner.cookie);
		await synced(honest);
		const hers = addAsk(honest.doc, await authorOf(app, owner.user), { kind: 'item', text: 'Ärlig' });
		await eventually(() => listAsks(serverDoc(app, voices)).length === 1, 'honest ask stored');

		const nester = await raw(app, voices, viewer.cookie);
		const { update, client } = nestedMapUpdate('asks', 4000);
		nester.sendUpdate(update);
		nester.sendUpdate(deleteUpdate(client, 0, 1));
		expect((await nester.closed).code).toBe(CloseCode.refusedUpdate);

		const stranger = await raw(app, voices, viewer.cookie);
		stranger.sendUpdate(updatesOf((d) => d.getMap('minutes').set('x', 'y'))[0]);
		expect((await stranger.closed).code).toBe(CloseCode.refusedUpdate);

		const huge = await raw(app, voices, contributor.cookie);
		const author = await authorOf(app, contributor.user);
		huge.sendUpdate(updatesOf((d) => addAsk(d, author, { kind: 'item', text: 'x'.repeat(3 * 1024 * 1024) }))[0]);
		expect((await huge.closed).code).toBe(CloseCode.frameTooLarge);

		// Builds on content the server never gets: waits, then is dropped with its connection.
		const gapped = await raw(app, voices, contributor.cookie);
		const first = updatesOf((d) => addAsk(d, author, { kind: 'item', text: 'a' }, new Date(), 'g1'), undefined, 4242);
		const base = new Y.Doc();
		Y.applyUpdate(base, first[0]);
		const second = updatesOf((d) => ((d.getMap('asks').get('g1') as Y.Map<unknown>).get('text') as Y.Text).insert(1, 'b'), Y.encodeStateAsUpdate(base), 4242);
		gapped.sendUpdate(second[0]);
		expect((await gapped.closed).code).toBe(CloseCode.pendingOverflow);

		const live = serverDoc(app, voices);
		expect(listAsks(live).map((a) => a.id)).toEqual([hers]);
		expect(live.share.has('minutes')).toBe(false);
		expect(honest.closes).toEqual([]);
		addAsk(honest.doc, await authorOf(app, owner.user), { kind: 'item', text: 'Fortfarande här' });
		await eventually(() => listAsks(serverDoc(app, voices)).length === 2, 'the honest client still writes');

		honest.destroy();
		clients.splice(0);
		await app.close();
		apps.splice(0);
		const again = await start({ dataDir: app.dataDir });
		const reader = stock(again, voices, owner.cookie);
		await synced(reader);
		expect(listAsks(reader.doc).map((a) => a.text)).toEqual(['Ärlig', 'Fortfarande här']);
	});
});

describe('answering asks through the service (issue 12)', () => {
	it('schedules an item on a coming meeting, turns an ask into an action owed to the asker’s agency, declines with a reason; only owners and editors', async () => {
		const app = await start();
		const { owner, contributor, viewer, boardId, meetingId } = await board(app);
		const store = app.runtime.store;
		const live = app.runtime.live;
		const deps = { store, live };
		const boardOf = async () => (await store.boards.get(boardId))!;
		const as = async (u: { user: User }) => ({ user: u.user, board: await boardOf(), role: (await store.boards.role(boardId, u.user.id))! });

		const item = await asks.propose(deps, await as(contributor), { kind: 'item', text: 'Boendestöd på helger', meetingId, toAgencyId: '' });
		const action = await asks.propose(deps, await as(contributor), { kind: 'action', text: 'Öppna mötesplatsen på kvällar', meetingId: '', toAgencyId: owner.user.agencyId });
		const declined = await asks.propose(deps, await as(viewer), { kind: 'item', text: 'Parkering', meetingId: '', toAgencyId: '' });
		expect([item.ok, action.ok, declined.ok]).toEqual([true, true, true]);
		expect(await asks.propose(deps, await as(viewer), { kind: 'action', text: 'x', meetingId: '', toAgencyId: '' })).toMatchObject({ ok: false, errors: { toAgencyId: 'asks_error_agency_required' } });
		expect(await asks.propose(deps, await as(viewer), { kind: 'item', text: ' ', meetingId: '', toAgencyId: '' })).toMatchObject({ ok: false, errors: { text: 'asks_error_text_required' } });
		const id = (r: typeof item) => (r.ok ? r.value.id : '');

		const form = (askId: string, outcome: string, extra: Partial<asks.AnswerForm> = {}) => ({ askId, outcome, meetingId: '', agencyId: '', reason: '', ...extra });
		expect(await asks.answer(deps, await as(contributor), form(id(item), 'scheduled', { meetingId }))).toMatchObject({ ok: false, errors: { _form: 'asks_error_not_allowed' } });

		const scheduled = await asks.answer(deps, await as(owner), form(id(item), 'scheduled'));
		expect(scheduled).toMatchObject({ ok: true, value: { outcome: 'scheduled', meetingId } });
		const agenda = listAgenda(await live.readDoc(docName({ kind: 'meeting', meetingId })));
		expect(agenda.map((i) => i.title)).toEqual(['Boendestöd på helger']);
		expect(agenda[0].presenterAgencyId).toBe(contributor.user.agencyId);
		expect(await asks.answer(deps, await as(owner), form(id(item), 'declined', { reason: 'igen' }))).toMatchObject({ ok: false, errors: { _form: 'asks_error_already_answered' } });

		const turned = await asks.answer(deps, await as(owner), form(id(action), 'action'));
		expect(turned.ok).toBe(true);
		const actions = listActions(await live.readDoc(docName({ kind: 'board', boardId })));
		expect(actions).toMatchObject([{ title: 'Öppna mötesplatsen på kvällar', agencyId: owner.user.agencyId, raisedByAgencyId: contributor.user.agencyId, createdBy: owner.user.id }]);

		expect(await asks.answer(deps, await as(owner), form(id(declined), 'declined'))).toMatchObject({ ok: false, errors: { reason: 'asks_error_reason_required' } });
		expect((await asks.answer(deps, await as(owner), form(id(declined), 'declined', { reason: 'Hör till fastighetsägaren' }))).ok).toBe(true);

		const page = await asks.asksPage(deps, await as(contributor));
		expect(page.asks.map((a) => a.answer?.outcome)).toEqual(['scheduled', 'action', 'declined']);
		expect(page.asks[1].answer?.actionId).toBe(actions[0].id);
		expect(page.mayGiveFeedback).toBe(true);
		expect((await asks.asksPage(deps, await as(viewer))).mayGiveFeedback).toBe(false);

		// "Owed to my agency" in the register now finds the action for the association.
		await eventually(async () => (await store.actions.listForUser(contributor.user.id, { today: '2026-11-30', owedToMyAgency: true })).length === 1, 'projected and owed');

		// Feedback: only once done, only from a user association.
		expect(await asks.feedback(deps, await as(contributor), { actionId: actions[0].id, effect: 'worked', comment: '' })).toMatchObject({ ok: false, errors: { _form: 'asks_error_action_not_done' } });
		await live.changeDoc(docName({ kind: 'board', boardId }), null, (doc) => {
			const map = doc.getMap<Y.Map<unknown>>('actions').get(actions[0].id)!;
			map.set('status', 'done');
		});
		expect(await asks.feedback(deps, await as(owner), { actionId: actions[0].id, effect: 'worked', comment: '' })).toMatchObject({ ok: false, errors: { _form: 'asks_error_not_user_association' } });
		expect((await asks.feedback(deps, await as(contributor), { actionId: actions[0].id, effect: 'partly', comment: 'Bättre' })).ok).toBe(true);
		expect((await asks.asksPage(deps, await as(owner))).feedback).toMatchObject([{ authorId: contributor.user.id, effect: 'partly', comment: 'Bättre' }]);
	});
});

describe('withdrawing an ask through the service (issue 12)', () => {
	it('the asker withdraws her open ask: it leaves the suggestions and cannot be answered; nobody else may withdraw it, nor she an answered one', async () => {
		const app = await start();
		const { owner, contributor, viewer, boardId, meetingId } = await board(app);
		const store = app.runtime.store;
		const deps = { store, live: app.runtime.live };
		const as = async (u: { user: User }) => ({ user: u.user, board: (await store.boards.get(boardId))!, role: (await store.boards.role(boardId, u.user.id))! });
		const id = (r: { ok: boolean; value?: { id: string } }) => r.value!.id;
		const proposal = id(await asks.propose(deps, await as(contributor), { kind: 'item', text: 'Boendestöd på helger', meetingId: '', toAgencyId: '' }));
		const answered = id(await asks.propose(deps, await as(contributor), { kind: 'item', text: 'Parkering', meetingId: '', toAgencyId: '' }));
		expect((await asks.answer(deps, await as(owner), { askId: answered, outcome: 'declined', meetingId: '', agencyId: '', reason: 'Hör till fastighetsägaren' })).ok).toBe(true);
		const meeting = (await store.meetings.get(meetingId))!;
		const offered = async () => (await suggestionsFor(deps, owner.user, 'owner', meeting))!.filter((s) => s.source === 'ask').map((s) => s.key);
		expect(await offered()).toEqual([proposal]);

		expect(await asks.withdraw(deps, await as(owner), { askId: proposal })).toEqual({ ok: false, errors: { _form: 'asks_error_not_yours' } });
		expect(await asks.withdraw(deps, await as(viewer), { askId: proposal })).toEqual({ ok: false, errors: { _form: 'asks_error_not_yours' } });
		expect(await asks.withdraw(deps, await as(contributor), { askId: 'nope' })).toEqual({ ok: false, errors: { _form: 'asks_error_not_found' } });
		expect(await asks.withdraw(deps, await as(contributor), { askId: answered })).toEqual({ ok: false, errors: { _form: 'asks_error_already_answered' } });

		expect(await asks.withdraw(deps, await as(contributor), { askId: proposal })).toEqual({ ok: true, value: { id: proposal } });
		expect(await asks.withdraw(deps, await as(contributor), { askId: proposal })).toEqual({ ok: false, errors: { _form: 'asks_error_withdrawn' } });
		const page = await asks.asksPage(deps, await as(contributor));
		expect(page.asks.find((a) => a.id === proposal)).toMatchObject({ withdrawnAt: expect.any(String), answer: null });
		expect(await offered()).toEqual([]);
		expect(await addSuggestion(deps, owner.user, meeting, { source: 'ask', key: proposal })).toMatchObject({ ok: false, errors: { _form: 'error_suggestion_gone' } });
		expect(await asks.answer(deps, await as(owner), { askId: proposal, outcome: 'scheduled', meetingId, agencyId: '', reason: '' })).toMatchObject({ ok: false, errors: { _form: 'asks_error_withdrawn' } });
		expect(listAgenda(await app.runtime.live.readDoc(docName({ kind: 'meeting', meetingId }))).map((i) => i.title)).not.toContain('Boendestöd på helger');
	});
});

describe('asks on the meeting page (issue 12)', () => {
	it('lists the asks scheduled on the meeting with their §, and while it is planned how many proposals wait', async () => {
		const app = await start();
		const { owner, contributor, viewer, boardId, meetingId } = await board(app);
		const store = app.runtime.store;
		const deps = { store, live: app.runtime.live };
		const as = async (u: { user: User }) => ({ user: u.user, board: (await store.boards.get(boardId))!, role: (await store.boards.role(boardId, u.user.id))! });
		const id = (r: { ok: boolean; value?: { id: string } }) => r.value!.id;
		const scheduled = id(await asks.propose(deps, await as(contributor), { kind: 'item', text: 'Boendestöd på helger', meetingId, toAgencyId: '' }));
		const waitingHere = id(await asks.propose(deps, await as(viewer), { kind: 'item', text: 'Parkering', meetingId, toAgencyId: '' }));
		await asks.propose(deps, await as(viewer), { kind: 'item', text: 'Utan möte', meetingId: '', toAgencyId: '' });
		await asks.propose(deps, await as(viewer), { kind: 'action', text: 'Inte en punkt', meetingId: '', toAgencyId: owner.user.agencyId });
		expect((await asks.answer(deps, await as(owner), { askId: scheduled, outcome: 'scheduled', meetingId, agencyId: '', reason: '' })).ok).toBe(true);
		const meeting = async () => (await store.meetings.get(meetingId))!;

		const shown = await asks.meetingAsks(deps, await meeting());
		const itemId = listAgenda(await app.runtime.live.readDoc(docName({ kind: 'meeting', meetingId }))).find((i) => i.title === 'Boendestöd på helger')!.id;
		expect(shown).toEqual({
			scheduled: [{ askId: scheduled, text: 'Boendestöd på helger', authorName: contributor.user.displayName, agencyName: expect.stringContaining('Brukarföreningen'), itemId, number: 1 }],
			waiting: 2
		});
		// A withdrawn proposal no longer waits.
		expect((await asks.withdraw(deps, await as(viewer), { askId: waitingHere })).ok).toBe(true);
		expect((await asks.meetingAsks(deps, await meeting())).waiting).toBe(1);
		// Once the meeting is under way, nothing is said of waiting proposals.
		expect((await asks.meetingAsks(deps, { ...(await meeting()), status: 'in_progress' })).waiting).toBeNull();
	});
});

describe('proposals on the draft agenda (issue 12, points 1 and 6)', () => {
	it('an open proposal is offered under "Förslag till dagordningen" of a planned meeting; adding it schedules the ask there', async () => {
		const app = await start();
		const { owner, contributor, viewer, boardId, meetingId } = await board(app);
		const store = app.runtime.store;
		const deps = { store, live: app.runtime.live };
		const as = async (u: { user: User }) => ({ user: u.user, board: (await store.boards.get(boardId))!, role: (await store.boards.role(boardId, u.user.id))! });
		const id = (r: { ok: boolean; value?: { id: string } }) => r.value!.id;
		const mine = id(await asks.propose(deps, await as(contributor), { kind: 'item', text: 'Boendestöd på helger', meetingId: '', toAgencyId: '' }));
		await asks.propose(deps, await as(viewer), { kind: 'action', text: 'Fler praktikplatser', meetingId: '', toAgencyId: owner.user.agencyId });
		const meeting = (await store.meetings.get(meetingId))!;

		const offered = (await suggestionsFor(deps, owner.user, 'owner', meeting))!.filter((s) => s.source === 'ask');
		// Only the proposal of an agenda item, with who proposed it; not the request for an action.
		expect(offered).toEqual([{ source: 'ask', key: mine, title: 'Boendestöd på helger', from: null, askedBy: { name: contributor.user.displayName, agency: expect.stringContaining('Brukarföreningen') } }]);
		// A contributor is offered nothing and may add nothing.
		expect(await suggestionsFor(deps, contributor.user, 'contributor', meeting)).toBeNull();
		expect(await addSuggestion(deps, contributor.user, meeting, { source: 'ask', key: mine })).toMatchObject({ ok: false });

		expect(await addSuggestion(deps, owner.user, meeting, { source: 'ask', key: mine })).toEqual({ ok: true, value: { title: 'Boendestöd på helger' } });
		const agenda = listAgenda(await app.runtime.live.readDoc(docName({ kind: 'meeting', meetingId })));
		expect(agenda.map((i) => i.title)).toContain('Boendestöd på helger');
		const page = await asks.asksPage(deps, await as(contributor));
		expect(page.asks.find((a) => a.id === mine)?.answer).toMatchObject({ outcome: 'scheduled', meetingId, itemId: agenda.find((i) => i.title === 'Boendestöd på helger')!.id });
		// Answered: no longer offered, and adding it again adds nothing.
		expect((await suggestionsFor(deps, owner.user, 'owner', meeting))!.filter((s) => s.source === 'ask')).toEqual([]);
		expect(await addSuggestion(deps, owner.user, meeting, { source: 'ask', key: mine })).toMatchObject({ ok: false, errors: { _form: 'error_suggestion_gone' } });
		expect(listAgenda(await app.runtime.live.readDoc(docName({ kind: 'meeting', meetingId }))).filter((i) => i.title === 'Boendestöd på helger')).toHaveLength(1);
	});
});
