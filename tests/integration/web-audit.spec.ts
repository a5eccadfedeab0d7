import { resolve } from 'node:path';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docName } from '../../src/lib/domain/doc-names';
import { addAgendaItem, setMeetingRole, updateAgendaItem } from '../../src/lib/domain/meeting-doc';
import { createMeeting } from '../../src/lib/server/services/boards';
import type { AuditRecord } from '../../src/lib/domain/audit-chain';
import { checkAuditChain } from '../../src/lib/server/audit/check';
import { createStore } from '../../src/lib/server/store/index';
import { startBuiltServerOn, type BuiltServer } from './built-server';
import { makeMeeting, makeUser, startTestApp } from './helpers';

/**
 * The audit log written by the actions themselves (issue 11, point 8): every kind below is caused
 * through the real pages and forms of the production build (issue 12's follow-on actions too),
 * behind a "proxy" (ADDRESS_HEADER, XFF_DEPTH), and then read from the database: who, what,
 * which board and meeting, from which address; never a password or what someone wrote; and the
 * chain intact.
 */
const ADDRESS = '198.51.100.23';
const PASSWORD = 'grön-tavla-som-håller';

describe('Audit log over HTTP', () => {
	let server: BuiltServer;
	let dataDir: string;
	let chair: Awaited<ReturnType<typeof makeUser>>;
	let secretary: Awaited<ReturnType<typeof makeUser>>;
	let adjuster: Awaited<ReturnType<typeof makeUser>>;
	let boardId: string;
	let meetingId: string;
	let itemId: string;
	/** A planned meeting with two postponed §, to carry over (issue 12). */
	let followId: string;
	let entries: AuditRecord[] = [];

	beforeAll(async () => {
		const setup = await startTestApp();
		const store = setup.runtime.store;
		chair = await makeUser(store, 'Chair');
		secretary = await makeUser(store, 'Secretary');
		adjuster = await makeUser(store, 'Adjuster');
		({ boardId, meetingId } = await makeMeeting(store, chair.user));
		await store.boards.addMember(boardId, secretary.user.id, 'editor');
		await store.boards.addMember(boardId, adjuster.user.id, 'contributor');
		const doc = new Y.Doc();
		setMeetingRole(doc, 'chairId', chair.user.id);
		setMeetingRole(doc, 'secretaryId', secretary.user.id);
		itemId = addAgendaItem(doc, { title: 'Boende först' });
		await store.docs.append(docName({ kind: 'meeting', meetingId }), [Y.encodeStateAsUpdate(doc)]);
		const follow = await createMeeting(store, chair.user, boardId, { title: 'Uppföljning', startsAt: '2027-01-10T10:00', tzOffset: '60' });
		if (!follow.ok) throw new Error('meeting failed');
		followId = follow.value.id;
		const followDoc = new Y.Doc();
		for (const id of ['postponed-1', 'postponed-2']) {
			addAgendaItem(followDoc, { title: `Bordlagd ${id}` }, id);
			updateAgendaItem(followDoc, id, { status: 'postponed' });
		}
		await store.docs.append(docName({ kind: 'meeting', meetingId: followId }), [Y.encodeStateAsUpdate(followDoc)]);
		await setup.close();
		dataDir = setup.dataDir;
		server = await startBuiltServerOn(dataDir, { ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' });
	}, 120_000);

	afterAll(async () => {
		await server?.stop();
	});

	const headers = (cookie?: string) => ({ 'x-forwarded-for': ADDRESS, ...(cookie ? { cookie } : {}) });
	const get = (path: string, cookie?: string) => fetch(server.url + path, { redirect: 'manual', headers: headers(cookie) });
	const post = (path: string, fields: Record<string, string | string[]>, cookie?: string) => {
		const body = new URLSearchParams();
		for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
		return fetch(server.url + path, { method: 'POST', body, redirect: 'manual', headers: { origin: server.url, accept: 'text/html', ...headers(cookie) } });
	};
	/** A form action's answer: 200/303, else the test says what the page said. */
	async function act(path: string, fields: Record<string, string | string[]>, cookie?: string): Promise<Response> {
		const response = await post(path, fields, cookie);
		if (response.status !== 200 && response.status !== 303) expect.fail(`${path}: ${response.status} ${(await response.text()).slice(0, 500)}`);
		return response;
	}
	const count = (html: string) => (html.match(/data-testid="audit-entry"/g) ?? []).length;

	/** The owner's board log (filters, CSV) and each person's own entries, while the server runs. */
	async function pagesShowTheLog(otherId: string) {
		// The board's owners only; the chair's other session (the signed-out one no longer works).
		expect((await get(`/boards/${boardId}/log`, secretary.cookie)).status).toBe(403);
		expect((await get(`/boards/${boardId}/log.csv`, secretary.cookie)).status).toBe(403);
		const full = await get(`/boards/${boardId}/log`, chair.cookie);
		expect(full.status).toBe(200);
		expect(full.headers.get('cache-control')).toBe('no-store');
		const html = await full.text();
		// This board's entries only: no sign-ins, not the other board's creation.
		expect(count(html)).toBe(41);
		expect(html).toContain('Önskemål besvarat');
		expect(html).toContain('Mötesserie skapad');
		expect(html).toContain('data-kind="protocol-approved"');
		expect(html).not.toContain('data-kind="sign-in"');
		expect(html).toContain('Intern version hämtad');
		expect(html).toContain(ADDRESS);
		expect(html).toContain(`href="/meetings/${otherId}"`);

		expect(count(await (await get(`/boards/${boardId}/log?kind=internal-export`, chair.cookie)).text())).toBe(4);
		// A person: what they did and what was about them.
		const adjusterOnly = await (await get(`/boards/${boardId}/log?person=${adjuster.user.id}`, chair.cookie)).text();
		expect(count(adjusterOnly)).toBe(2);
		const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
		const day = (n: number) => new Date(Date.parse(today) + n * 86_400_000).toISOString().slice(0, 10);
		expect(count(await (await get(`/boards/${boardId}/log?from=${day(-1)}&to=${day(1)}`, chair.cookie)).text())).toBe(41);
		expect(count(await (await get(`/boards/${boardId}/log?kind=item-carried`, chair.cookie)).text())).toBe(2);
		expect(await (await get(`/boards/${boardId}/log?from=${day(2)}`, chair.cookie)).text()).toContain('data-testid="audit-none"');
		// Nonsense in the query is ignored, not an error.
		expect((await get(`/boards/${boardId}/log?kind=x&from=2026-02-31&before=abc`, chair.cookie)).status).toBe(200);

		const csv = await get(`/boards/${boardId}/log.csv?kind=internal-export`, chair.cookie);
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="samtavla-log-/);
		const lines = (await csv.text()).replace(/^\ufeff/, '').trim().split('\r\n');
		expect(lines[0]).toBe('id,at,actor_id,actor_name,actor_agency,kind,board_id,meeting_id,subject,details,address,prev_hash,hash');
		expect(lines).toHaveLength(5);
		for (const line of lines.slice(1)) expect(line).toContain(`,internal-export,${boardId},${meetingId},`);

		// Everyone's own entries: the chair sees the failed sign-in to their account, not the unknown one.
		const mine = await (await get('/account/log', chair.cookie)).text();
		expect(mine).toContain('data-kind="sign-in-failed"');
		expect(count(await (await get('/account/log?kind=sign-in-failed', chair.cookie)).text())).toBe(1);
		const adjusterMine = await (await get('/account/log', adjuster.cookie)).text();
		expect(count(adjusterMine)).toBe(2);
		expect(adjusterMine).not.toContain('data-kind="sign-in-failed"');
		const myCsv = await (await get('/account/log.csv', adjuster.cookie)).text();
		expect(myCsv.trim().split('\r\n')).toHaveLength(3);
		expect((await get('/account/log')).status).toBe(303);
	}

	const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1];

	it('every action writes its entry', async () => {
		// Sign-in: a wrong password for an account, an unknown email, then the right password.
		expect((await post('/signin', { email: chair.user.email, password: 'fel-lösenord-helt' })).status).toBe(400);
		expect((await post('/signin', { email: 'ingen@example.se', password: 'fel-lösenord-helt' })).status).toBe(400);
		const signedIn = await act('/signin', { email: chair.user.email, password: PASSWORD });
		expect(signedIn.status).toBe(303);
		const cookie = /samtavla_session=[^;]+/.exec(signedIn.headers.get('set-cookie') ?? '')![0];

		// An account, a board, invites (one used, one revoked), a role change and a removal.
		const signedUp = await act('/signup', {
			displayName: 'Nya Nilsson',
			email: `nya-${Date.now()}@example.se`,
			password: PASSWORD,
			agencyChoice: 'new',
			newAgencyName: 'Brukarföreningen Ängen',
			newAgencyKind: 'user_association'
		});
		const newcomer = /samtavla_session=[^;]+/.exec(signedUp.headers.get('set-cookie') ?? '')![0];
		await act('/boards?/create', { name: 'Styrgruppen', description: '' }, cookie);
		const invited = await (await act(`/boards/${boardId}?/createInvite`, { role: 'editor', days: '', uses: 'unlimited', maxUses: '' }, cookie)).text();
		const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(invited)![1];
		expect((await act(`/invite/${token}?/join`, {}, newcomer)).status).toBe(303);
		await act(`/boards/${boardId}?/createInvite`, { role: 'viewer', days: '3', uses: 'unlimited', maxUses: '' }, cookie);
		const boardPage = await (await get(`/boards/${boardId}`, cookie)).text();
		const inviteIds = [...boardPage.matchAll(/name="inviteId" value="([^"]+)"/g)].map((m) => m[1]);
		expect(inviteIds.length).toBeGreaterThan(0);
		await act(`/boards/${boardId}?/revokeInvite`, { inviteId: inviteIds[0] }, cookie);
		const newcomerId = await userIdOnBoard(boardPage, 'Nya Nilsson');
		await act(`/boards/${boardId}?/changeRole`, { userId: newcomerId, role: 'viewer' }, cookie);
		await act(`/boards/${boardId}?/removeMember`, { userId: newcomerId }, cookie);

		// A meeting made, changed, cancelled and taken up again.
		const created = await act(`/boards/${boardId}?/createMeeting`, { title: 'Extramöte', startsAt: '2026-12-20T10:00', tzOffset: '60', place: '', accessibilityNotes: '', onlineUrl: '' }, cookie);
		const otherId = /\/meetings\/([^/?#]+)/.exec(created.headers.get('location') ?? '')![1];
		await act(`/meetings/${otherId}/edit`, { title: 'Extramöte om boende', startsAt: '2026-12-20T10:00', tzOffset: '60', place: 'Sal 3', accessibilityNotes: '', onlineUrl: '', revision: '0' }, cookie);
		await act(`/meetings/${otherId}?/move`, { to: 'cancelled', reason: 'Lokalen är stängd' }, cookie);
		await act(`/meetings/${otherId}?/move`, { to: 'planned', reason: '' }, cookie);

		// Issue 12: three asks answered three ways; a board venue saved, changed, archived and
		// restored; the template; a postponed § carried to a meeting and one to the backlog, and that
		// one added back from the suggestions; a series of two.
		for (const [kind, text] of [['item', 'Vi vill prata om boendet.'], ['action', 'Ring oss om lokalen.'], ['item', 'Fika på mötet.']]) {
			await act(`/boards/${boardId}?/propose`, { kind, text, meetingId: '', toAgencyId: kind === 'action' ? chair.user.agencyId : '' }, adjuster.cookie);
		}
		const askIds = [...new Set([...(await (await get(`/boards/${boardId}`, cookie)).text()).matchAll(/name="askId" value="([^"]+)"/g)].map((m) => m[1]))];
		expect(askIds).toHaveLength(3);
		await act(`/boards/${boardId}?/answer`, { askId: askIds[0], outcome: 'scheduled', meetingId: otherId, agencyId: '', reason: '' }, cookie);
		await act(`/boards/${boardId}?/answer`, { askId: askIds[1], outcome: 'action', meetingId: '', agencyId: chair.user.agencyId, reason: '' }, cookie);
		await act(`/boards/${boardId}?/answer`, { askId: askIds[2], outcome: 'declined', meetingId: '', agencyId: '', reason: 'Inte en fråga för gruppen.' }, cookie);

		const venue = { name: 'Föreningens lokal', hostAgency: 'Brukarföreningen', address: 'Storgatan 1', interpretingLanguages: '', notes: '' };
		await act(`/boards/${boardId}/venues?/add`, venue, cookie);
		const venueId = hidden(await (await get(`/boards/${boardId}/venues`, cookie)).text(), 'venueId')!;
		expect(venueId).toBeTruthy();
		await act(`/boards/${boardId}/venues?/edit`, { ...venue, venueId, address: 'Storgatan 3', features: ['stepFree', 'lift'] }, cookie);
		await act(`/boards/${boardId}/venues?/archive`, { venueId, archived: 'true' }, cookie);
		await act(`/boards/${boardId}/venues?/archive`, { venueId, archived: 'false' }, cookie);

		await act(`/boards/${boardId}/template`, { standingItems: 'Mötets öppnande\nNästa möte', lengthMinutes: '90' }, cookie);

		await act(`/meetings/${followId}?/carryOver`, { itemId: 'postponed-1', to: otherId }, cookie);
		await act(`/meetings/${followId}?/carryOver`, { itemId: 'postponed-2', to: 'backlog' }, cookie);
		const offered = await (await get(`/meetings/${otherId}`, cookie)).text();
		const backlogKey = /name="key" value="([^"]+)"/.exec(offered.slice(offered.indexOf('data-source="backlog"')))![1];
		await act(`/meetings/${otherId}?/addSuggestion`, { source: 'backlog', key: backlogKey }, cookie);
		// An item written straight onto the board's backlog, then taken off it.
		await act(`/boards/${boardId}?/addBacklog`, { title: 'Lokalfrågan i vår', description: '' }, cookie);
		const boardHtml = await (await get(`/boards/${boardId}`, cookie)).text();
		const entryId = /name="entryId" value="([^"]+)"/.exec(boardHtml.slice(boardHtml.indexOf('Lokalfrågan i vår')))![1];
		await act(`/boards/${boardId}?/removeBacklog`, { entryId }, cookie);

		const series = await act(
			`/boards/${boardId}?/createMeeting`,
			{ title: 'Vinterserien', startsAt: '2027-02-01T10:00', tzOffset: '60', place: '', accessibilityNotes: '', onlineUrl: '', repeat: 'on', everyWeeks: '1', until: '2027-02-08' },
			cookie
		);
		const seriesFirst = /\/meetings\/([^/?#]+)/.exec(series.headers.get('location') ?? '')![1];

		// The justering, to the end, with an objection answered, then an addendum approved.
		await act(`/meetings/${meetingId}?/move`, { to: 'held', reason: '' }, cookie);
		await act(`/meetings/${meetingId}?/appoint`, { adjusterIds: [adjuster.user.id], dueDate: '2026-12-17' }, cookie);
		await act(`/meetings/${meetingId}?/move`, { to: 'in_adjustment', reason: '' }, secretary.cookie);
		let version = hidden(await (await get(`/meetings/${meetingId}`, adjuster.cookie)).text(), 'version')!;
		expect(version).toMatch(/^[0-9a-f]{64}$/);
		await act(`/meetings/${meetingId}?/object`, { version, itemId, problem: 'Beslutet saknar datum.', suggestion: '' }, adjuster.cookie);
		const objectionId = hidden(await (await get(`/meetings/${meetingId}`, secretary.cookie)).text(), 'objectionId')!;
		await act(`/meetings/${meetingId}?/answer`, { objectionId, outcome: 'not_changed', reason: 'Datumet står i bilagan.' }, secretary.cookie);
		version = hidden(await (await get(`/meetings/${meetingId}`, adjuster.cookie)).text(), 'version')!;
		await act(`/meetings/${meetingId}?/approve`, { version }, adjuster.cookie);
		await act(`/meetings/${meetingId}?/approve`, { version }, cookie);
		await act(`/meetings/${meetingId}?/addendum`, { text: 'Rättelse: datumet är den 17 december.' }, secretary.cookie);
		await act(`/meetings/${meetingId}?/approveAddendum`, { number: '1' }, cookie);

		// Copies of the internal version (three downloads and the print view); the public one is not logged.
		for (const path of ['protocol.md', 'protocol.pdf', 'protocol.docx', 'protocol']) expect((await get(`/meetings/${meetingId}/${path}`, cookie)).status).toBe(200);
		expect((await get(`/meetings/${meetingId}/protocol.md?version=public`, cookie)).status).toBe(200);

		// Published and taken down.
		await act(`/boards/${boardId}/public-address`, { slug: `styrgrupp-${Date.now().toString(36)}` }, cookie);
		await act(`/meetings/${meetingId}/publication?/publish`, {}, cookie);
		await act(`/meetings/${meetingId}/publication?/unpublish`, {}, cookie);

		await act('/signout', {}, cookie);
		await pagesShowTheLog(otherId);

		await server.stop();
		const { store } = await createStore({ dataDir, databaseUrl: undefined }, { migrationsDir: resolve('supabase/migrations'), schema: 'check' });
		try {
			entries = (await store.audit.list({})).reverse();
			expect(await checkAuditChain(store)).toMatchObject({ entries: entries.length, breaks: [] });
		} finally {
			await store.close();
		}

		const kinds = entries.map((e) => e.kind);
		expect(kinds).toEqual([
			'sign-in-failed',
			'sign-in-failed',
			'sign-in',
			'account-created',
			'board-created',
			'invite-created',
			'invite-used',
			'invite-created',
			'invite-revoked',
			'role-changed',
			'member-removed',
			'meeting-created',
			'meeting-changed',
			'meeting-cancelled',
			'meeting-moved',
			'ask-answered',
			'ask-answered',
			'ask-answered',
			'venue-saved',
			'venue-changed',
			'venue-removed',
			'venue-restored',
			'template-saved',
			'item-carried',
			'item-carried',
			'suggestion-added',
			'backlog-added',
			'backlog-removed',
			'meeting-created',
			'meeting-created',
			'series-created',
			'meeting-moved',
			'adjusters-appointed',
			'meeting-moved',
			'protocol-objected',
			'objection-answered',
			'protocol-approved',
			'protocol-approved',
			'addendum-written',
			'addendum-approved',
			'internal-export',
			'internal-export',
			'internal-export',
			'internal-export',
			'published',
			'unpublished',
			'sign-out'
		]);
		const of = (kind: string) => entries.filter((e) => e.kind === kind);
		for (const e of entries) expect(e.address, e.kind).toBe(ADDRESS);

		const [wrongPassword, unknown] = of('sign-in-failed');
		expect(wrongPassword).toMatchObject({ actorId: null, actorName: '', subject: chair.user.id, details: { reason: 'credentials', account: 'known' } });
		expect(unknown).toMatchObject({ actorId: null, subject: null, details: { reason: 'credentials', account: 'unknown' } });
		expect(of('sign-in')[0]).toMatchObject({ actorId: chair.user.id, actorName: chair.user.displayName, subject: chair.user.id });
		expect(of('sign-in')[0].actorAgency).toMatch(/^Förvaltning /);
		expect(of('sign-out')[0]).toMatchObject({ actorId: chair.user.id, subject: chair.user.id });
		expect(of('account-created')[0]).toMatchObject({ actorName: 'Nya Nilsson', actorAgency: 'Brukarföreningen Ängen' });
		expect(of('invite-used')[0]).toMatchObject({ actorName: 'Nya Nilsson', boardId, details: { role: 'editor' } });
		expect(of('invite-used')[0].subject).toBe(of('invite-created')[0].subject);
		expect(of('role-changed')[0]).toMatchObject({ actorId: chair.user.id, boardId, subject: newcomerId, details: { from: 'editor', to: 'viewer' } });
		expect(of('member-removed')[0]).toMatchObject({ boardId, subject: newcomerId, details: { role: 'viewer' } });
		expect(of('meeting-created')[0]).toMatchObject({ boardId, meetingId: otherId });
		expect(of('meeting-changed')[0]).toMatchObject({ meetingId: otherId, details: { changed: expect.arrayContaining(['title', 'place']) } });
		expect(of('meeting-cancelled')[0]).toMatchObject({ meetingId: otherId, details: { from: 'planned', to: 'cancelled' } });
		expect(of('meeting-moved').map((e) => e.details.to)).toEqual(['planned', 'held', 'in_adjustment']);
		expect(of('meeting-moved')[2]).toMatchObject({ actorId: secretary.user.id, meetingId });
		expect(of('adjusters-appointed')[0]).toMatchObject({ meetingId, details: { adjusterIds: [adjuster.user.id], dueDate: '2026-12-17' } });
		expect(of('protocol-objected')[0]).toMatchObject({ actorId: adjuster.user.id, details: { itemId } });
		expect(of('objection-answered')[0]).toMatchObject({ actorId: secretary.user.id, subject: objectionId, details: { outcome: 'not_changed' } });
		expect(of('protocol-approved').map((e) => [e.actorId, e.details.adjusted])).toEqual([
			[adjuster.user.id, false],
			[chair.user.id, true]
		]);
		expect(of('addendum-written')[0]).toMatchObject({ actorId: secretary.user.id, details: { number: 1 } });
		expect(of('addendum-approved')[0]).toMatchObject({ actorId: chair.user.id, details: { number: 1 } });
		expect(of('internal-export').map((e) => e.details.format)).toEqual(['md', 'pdf', 'docx', 'print']);
		for (const e of [...of('internal-export'), ...of('published'), ...of('unpublished')]) expect(e).toMatchObject({ boardId, meetingId, actorId: chair.user.id });

		// Issue 12: which ask, how it was answered and what it made; which venue and which of its fields.
		expect(of('ask-answered').map((e) => [e.subject, e.details.outcome])).toEqual([
			[askIds[0], 'scheduled'],
			[askIds[1], 'action'],
			[askIds[2], 'declined']
		]);
		expect(of('ask-answered')[0]).toMatchObject({ boardId, meetingId: otherId, actorId: chair.user.id, details: { itemId: expect.any(String) } });
		expect(of('ask-answered')[1]).toMatchObject({ meetingId: null, details: { actionId: expect.any(String) } });
		expect(of('ask-answered')[2].details).toEqual({ outcome: 'declined' });
		for (const kind of ['venue-saved', 'venue-changed', 'venue-removed', 'venue-restored']) expect(of(kind)[0], kind).toMatchObject({ boardId, subject: venueId, meetingId: null });
		expect(of('venue-changed')[0].details).toEqual({ changed: ['address', 'features'] });
		expect(of('template-saved')[0]).toMatchObject({ boardId, details: { standingItems: 2, lengthMinutes: 90 } });
		expect(of('item-carried').map((e) => [e.meetingId, e.subject, e.details.to])).toEqual([
			[followId, 'postponed-1', 'meeting'],
			[followId, 'postponed-2', 'backlog']
		]);
		expect(of('item-carried')[0].details).toMatchObject({ targetMeetingId: otherId, targetItemId: expect.any(String) });
		expect(of('item-carried')[1].details).toMatchObject({ backlogId: backlogKey });
		expect(of('suggestion-added')[0]).toMatchObject({ boardId, meetingId: otherId, subject: backlogKey, details: { source: 'backlog' } });
		expect(of('backlog-removed')[0]).toMatchObject({ boardId, subject: of('backlog-added')[0].subject });
		expect(of('meeting-created').slice(1)[0].meetingId).toBe(seriesFirst);
		expect(of('series-created')[0]).toMatchObject({ boardId, meetingId: seriesFirst, subject: expect.any(String), details: { meetings: 2, everyWeeks: 1, until: '2027-02-08' } });

		// Never a password, and never what people wrote (objection, answer, cancel reason, addendum).
		const all = JSON.stringify(entries);
		for (const secret of [PASSWORD, 'fel-lösenord-helt', 'ingen@example.se', 'Beslutet saknar datum', 'Datumet står i bilagan', 'Lokalen är stängd', 'Rättelse: datumet', token]) expect(all).not.toContain(secret);
		// Nor what the asks, the answer, the venue, the template or the carried § say.
		for (const words of ['prata om boendet', 'Ring oss', 'Inte en fråga för gruppen', 'Storgatan', 'Föreningens lokal', 'Mötets öppnande', 'Bordlagd postponed', 'Vinterserien', 'Lokalfrågan']) expect(all).not.toContain(words);
	}, 180_000);
});

/** The member's id from the board page's member list (its forms carry it). */
async function userIdOnBoard(html: string, name: string): Promise<string> {
	const at = html.indexOf(name);
	expect(at, `${name} on the board page`).toBeGreaterThan(-1);
	const id = /name="userId" value="([^"]+)"/.exec(html.slice(at))?.[1];
	expect(id).toBeTruthy();
	return id!;
}
