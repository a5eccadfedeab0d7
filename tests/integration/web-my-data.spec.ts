import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createAction } from '../../src/lib/domain/board-doc';
import { addAgendaItem } from '../../src/lib/domain/meeting-doc';
import { addPerspective, setText, summaryText } from '../../src/lib/domain/voices-doc';
import { addComment, addThread } from '../../src/lib/domain/comments-doc';
import { addAsk, withdrawAsk } from '../../src/lib/domain/board-voices-doc';
import { startBuiltServerOn, type BuiltServer } from './built-server';
import { makeMeeting, makeUser, startTestApp } from './helpers';

/**
 * "My data" over HTTP against the production build (issue 11, point 10): everything held about
 * the person signed in, as JSON and as a page; nobody else's perspectives, summaries or actions.
 */
describe('My data over HTTP', () => {
	let server: BuiltServer;
	let anna: Awaited<ReturnType<typeof makeUser>>;
	let bo: Awaited<ReturnType<typeof makeUser>>;
	let boardId: string;
	let meetingId: string;

	beforeAll(async () => {
		const setup = await startTestApp();
		const store = setup.runtime.store;
		anna = await makeUser(store, 'Anna');
		bo = await makeUser(store, 'Bo');
		const made = await makeMeeting(store, anna.user);
		boardId = made.boardId;
		meetingId = made.meetingId;
		await store.boards.addMember(boardId, bo.user.id, 'contributor');
		const meeting = new Y.Doc();
		const item = addAgendaItem(meeting, { title: 'Bostad först' }, 'item1');
		const voices = new Y.Doc();
		const author = (u: typeof anna) => ({ id: u.user.id, name: u.user.displayName, agencyId: u.user.agencyId, agencyName: 'Förvaltning' });
		addPerspective(voices, item, author(anna), 'Annas perspektiv: vi behöver nycklar snabbare.');
		addPerspective(voices, item, author(bo), 'Bos perspektiv ska inte följa med.');
		setText(summaryText(voices, author(anna)), 'Annas sammanfattning av mötet.');
		const board = new Y.Doc();
		createAction(board, { title: 'Boka lokal', agencyId: bo.user.agencyId, raisedByAgencyId: bo.user.agencyId, createdBy: bo.user.id, assigneeId: anna.user.id });
		createAction(board, { title: 'Skriv rapport', agencyId: anna.user.agencyId, raisedByAgencyId: anna.user.agencyId, createdBy: anna.user.id });
		createAction(board, { title: 'Bos egen åtgärd', agencyId: bo.user.agencyId, raisedByAgencyId: bo.user.agencyId, createdBy: bo.user.id });
		await store.docs.append(`meeting:${made.meetingId}`, [Y.encodeStateAsUpdate(meeting)]);
		await store.docs.append(`meeting:${made.meetingId}:voices`, [Y.encodeStateAsUpdate(voices)]);
		await store.docs.append(`board:${boardId}`, [Y.encodeStateAsUpdate(board)]);
		// Issue 12: a thread Bo opened with Anna's reply, and an ask of each.
		const comments = new Y.Doc();
		const thread = addThread(comments, author(bo), { itemId: item, anchor: { kind: 'decision', decisionId: 'd1' }, quote: 'Beslut 1', text: 'Bos fråga om beslutet.' });
		addComment(comments, thread, author(anna), 'Annas svar i tråden.');
		const asks = new Y.Doc();
		addAsk(asks, author(anna), { kind: 'item', text: 'Annas önskemål: ta upp nycklarna.' }, new Date('2026-11-10T10:00:00Z'));
		// One she took back: her data says so, rather than reading as still unanswered.
		const taken = addAsk(asks, author(anna), { kind: 'item', text: 'Annas tillbakatagna önskemål.' }, new Date('2026-11-12T10:00:00Z'));
		withdrawAsk(asks, taken, new Date('2026-11-20T10:00:00Z'));
		addAsk(asks, author(bo), { kind: 'item', text: 'Bos önskemål.' });
		await store.docs.append(`meeting:${made.meetingId}:comments`, [Y.encodeStateAsUpdate(comments)]);
		await store.docs.append(`board:${boardId}:voices`, [Y.encodeStateAsUpdate(asks)]);
		await setup.close();
		server = await startBuiltServerOn(setup.dataDir);
	}, 120_000);

	afterAll(async () => {
		await server?.stop();
	});

	const get = (path: string, cookie?: string) => fetch(server.url + path, { redirect: 'manual', headers: cookie ? { cookie } : {} });

	it('the JSON download has the account, memberships, sessions, own perspectives, summaries and actions, and no one else’s', async () => {
		// Opening the internal print view is logged; the entry is hers.
		expect((await get(`/meetings/${meetingId}/protocol`, anna.cookie)).status).toBe(200);
		const response = await get('/account/data.json', anna.cookie);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="samtavla-\d{4}-\d{2}-\d{2}\.json"$/);
		expect(response.headers.get('cache-control')).toContain('no-store');
		const data = await response.json();
		expect(data.format).toBe('samtavla-my-data/1');
		expect(data.account).toMatchObject({ id: anna.user.id, email: anna.user.email, displayName: anna.user.displayName });
		expect(data.memberships).toEqual([{ boardId, boardName: 'Ledningsgrupp för utveckling', role: 'owner' }]);
		expect(data.sessions).toHaveLength(1);
		expect(data.perspectives).toMatchObject([{ item: { number: 1, title: 'Bostad först' }, text: 'Annas perspektiv: vi behöver nycklar snabbare.', meetingTitle: 'Möte' }]);
		expect(data.summaries).toMatchObject([{ text: 'Annas sammanfattning av mötet.' }]);
		expect(data.actions.map((a: { title: string; relation: string[] }) => [a.title, a.relation])).toEqual([
			['Boka lokal', ['assigned']],
			['Skriv rapport', ['created']]
		]);
		expect(data.comments).toMatchObject([{ item: { number: 1, title: 'Bostad först' }, quote: 'Beslut 1', text: 'Annas svar i tråden.' }]);
		expect(data.asks).toMatchObject([
			{ kind: 'item', text: 'Annas önskemål: ta upp nycklarna.', answer: null, withdrawnAt: null },
			{ kind: 'item', text: 'Annas tillbakatagna önskemål.', answer: null, withdrawnAt: '2026-11-20T10:00:00.000Z' }
		]);
		const text = JSON.stringify(data);
		expect(text).not.toContain('Bos fråga om beslutet');
		expect(text).not.toContain('Bos önskemål');
		expect(text).not.toContain('Bos perspektiv');
		expect(text).not.toContain('Bos egen åtgärd');
		expect(text).not.toContain('password');
		// Her own log entries: the print view she opened.
		expect(data.auditEntries).toMatchObject([{ kind: 'internal-export', actorName: anna.user.displayName, meetingId, details: { format: 'print' } }]);
	});

	it('the page shows the same, and each person sees only their own', async () => {
		const page = await (await get('/account/data', anna.cookie)).text();
		expect(page).toContain('Annas perspektiv: vi behöver nycklar snabbare.');
		expect(page).toContain('Annas sammanfattning av mötet.');
		expect(page).toContain('Boka lokal');
		expect(page).toContain('Annas svar i tråden.');
		expect(page).toContain('Annas önskemål: ta upp nycklarna.');
		expect(page).toContain('data-testid="my-ask-withdrawn"');
		// Each copy taken is in the person's own log (after this page, the JSON above).
		const again = await (await get('/account/data.json', anna.cookie)).json();
		expect(again.auditEntries.filter((e: { kind: string }) => e.kind === 'data-exported').map((e: { details: { format: string } }) => e.details.format)).toEqual(['html', 'json']);
		const bos = await (await get('/account/data.json', bo.cookie)).json();
		expect(bos.perspectives.map((p: { text: string }) => p.text)).toEqual(['Bos perspektiv ska inte följa med.']);
		expect(bos.summaries).toEqual([]);
	});

	it('"sign out everywhere else" ends the other sessions, keeps this one, and is in the log', async () => {
		// A second sign-in, as on another device.
		const signIn = await fetch(`${server.url}/signin`, {
			method: 'POST',
			body: new URLSearchParams({ email: anna.user.email, password: 'grön-tavla-som-håller' }),
			redirect: 'manual',
			headers: { origin: server.url, accept: 'text/html' }
		});
		expect(signIn.status).toBe(303);
		const otherCookie = /samtavla_session=[^;]+/.exec(signIn.headers.get('set-cookie') ?? '')![0];
		expect((await get('/account', otherCookie)).status).toBe(200);
		expect(await (await get('/account', anna.cookie)).text()).toContain('Inloggningar just nu: 2');
		const response = await fetch(`${server.url}/account?/signOutElsewhere`, {
			method: 'POST',
			body: new URLSearchParams(),
			redirect: 'manual',
			headers: { cookie: anna.cookie, origin: server.url, accept: 'text/html' }
		});
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('Avslutade inloggningar på andra ställen: 1.');
		expect((await get('/account', otherCookie)).status).toBe(303);
		expect((await get('/account', anna.cookie)).status).toBe(200);
		const log = await (await get('/account/data.json', anna.cookie)).json();
		expect(log.auditEntries.find((e: { kind: string }) => e.kind === 'session-revoked')).toMatchObject({ details: { count: 1 } });
	});

	it('signed out, it asks to sign in', async () => {
		const response = await get('/account/data.json');
		expect(response.status).toBeGreaterThanOrEqual(300);
		expect(response.status).toBeLessThan(400);
		expect(response.headers.get('location')).toMatch(/^\/signin/);
	});
});
