import ICAL from 'ical.js';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgendaItem, itemMinutes, listAgenda, updateAgendaItem } from '../../src/lib/domain/meeting-doc';
import { carriedFrom, carriedTo, minutesText } from '../../src/lib/domain/carry-over';
import { createMeeting } from '../../src/lib/server/services/boards';
import { startBuiltServerOn, type BuiltServer } from './built-server';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { connectClient, eventually, synced, type TestClient } from './yclient';

/**
 * Meetings that follow on (issue 12, points 6 and 7) through the production build, as plain form
 * posts (no JavaScript): a postponed § carried to the next meeting and to the backlog (the target
 * document has it, the source is marked), a backlog item added from the suggestions, the board's
 * template, and a series whose meetings each have their own calendar entry. The protocol of the
 * meeting a § left says where it went.
 */
describe('Carry-over, backlog, template and series over HTTP', () => {
	let server: BuiltServer;
	let owner: Awaited<ReturnType<typeof makeUser>>;
	let editor: Awaited<ReturnType<typeof makeUser>>;
	let viewer: Awaited<ReturnType<typeof makeUser>>;
	let boardId: string;
	let first: string;
	let next: string;
	const clients: TestClient[] = [];

	beforeAll(async () => {
		const setup = await startTestApp();
		const store = setup.runtime.store;
		owner = await makeUser(store, 'Owner');
		editor = await makeUser(store, 'Editor');
		viewer = await makeUser(store, 'Viewer');
		({ boardId, meetingId: first } = await makeMeeting(store, owner.user));
		await store.boards.addMember(boardId, editor.user.id, 'editor');
		await store.boards.addMember(boardId, viewer.user.id, 'viewer');
		const later = await createMeeting(store, owner.user, boardId, { title: 'Decembermötet', startsAt: '2026-12-15T13:00', tzOffset: '60' });
		if (!later.ok) throw new Error('meeting failed');
		next = later.value.id;
		await setup.runtime.live.changeDoc(`meeting:${first}`, null, (doc) => {
			addAgendaItem(doc, { title: 'Öppnande' }, 'open');
			addAgendaItem(doc, { title: 'Boendestöd för unga', plannedMinutes: 20 }, 'housing');
			const p = new Y.XmlElement('paragraph');
			p.insert(0, [new Y.XmlText('Underlaget från bostadsbolaget saknas.')]);
			itemMinutes(doc, 'housing')!.insert(0, [p]);
			updateAgendaItem(doc, 'housing', { status: 'postponed' });
			addAgendaItem(doc, { title: 'Lokalfrågan' }, 'premises');
			updateAgendaItem(doc, 'premises', { status: 'postponed' });
		});
		await setup.close();
		server = await startBuiltServerOn(setup.dataDir);
	}, 180_000);

	afterAll(async () => {
		for (const c of clients) c.destroy();
		await server?.stop();
	});

	const post = (path: string, fields: Record<string, string>, cookie: string) =>
		fetch(`${server.url}${path}`, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual', headers: { origin: server.url, accept: 'text/html', cookie } });
	const html = async (path: string, cookie: string) => (await fetch(`${server.url}${path}`, { headers: { cookie } })).text();
	async function open(meetingId: string): Promise<Y.Doc> {
		const client = connectClient(server.url, `meeting:${meetingId}`, owner.cookie);
		clients.push(client);
		await synced(client);
		return client.doc;
	}

	it('an editor carries a postponed § to the next meeting with one post: the copy is there, the original says where it went', async () => {
		expect((await post(`/meetings/${first}?/carryOver`, { itemId: 'housing', to: 'next' }, viewer.cookie)).status).toBe(400);
		expect((await post(`/meetings/${first}?/carryOver`, { itemId: 'open', to: 'next' }, editor.cookie)).status).toBe(400);

		const moved = await post(`/meetings/${first}?/carryOver`, { itemId: 'housing', to: 'next' }, editor.cookie);
		expect(moved.status).toBe(200);

		const target = await open(next);
		await eventually(() => listAgenda(target).some((i) => i.title === 'Boendestöd för unga'), 'the copy in the next meeting');
		const copy = listAgenda(target).find((i) => i.title === 'Boendestöd för unga')!;
		expect(copy).toMatchObject({ status: 'pending', plannedMinutes: 20 });
		expect(minutesText(target, copy.id)).toBe('Underlaget från bostadsbolaget saknas.');
		expect(carriedFrom(target, copy.id)).toEqual({ meetingId: first, itemId: 'housing' });

		const source = await open(first);
		await eventually(() => carriedTo(source, 'housing') !== null, 'the mark on the original');
		expect(carriedTo(source, 'housing')).toMatchObject({ kind: 'meeting', meetingId: next, itemId: copy.id });
		expect(listAgenda(source).find((i) => i.id === 'housing')!.status).toBe('postponed');

		// Once is enough: a second post (a double click) changes nothing.
		expect((await post(`/meetings/${first}?/carryOver`, { itemId: 'housing', to: 'next' }, editor.cookie)).status).toBe(400);
		expect(listAgenda(target).filter((i) => i.title === 'Boendestöd för unga')).toHaveLength(1);
	});

	it('a postponed § goes to the backlog; the next meeting offers it under "Förslag till dagordningen" and adds it with one post', async () => {
		expect((await post(`/meetings/${first}?/carryOver`, { itemId: 'premises', to: 'backlog' }, editor.cookie)).status).toBe(200);
		const source = await open(first);
		await eventually(() => carriedTo(source, 'premises')?.kind === 'backlog', 'the backlog mark');

		const page = await html(`/meetings/${next}`, editor.cookie);
		expect(page).toContain('Förslag till dagordningen');
		expect(page).toContain('data-source="backlog"');
		expect(page).toContain('Lokalfrågan');
		// Viewers are not offered suggestions.
		expect(await html(`/meetings/${next}`, viewer.cookie)).not.toContain('data-testid="agenda-suggestions"');

		const key = /name="key" value="([^"]+)"/.exec(page.slice(page.indexOf('data-source="backlog"')))![1];
		expect((await post(`/meetings/${next}?/addSuggestion`, { source: 'backlog', key }, viewer.cookie)).status).toBe(400);
		expect((await post(`/meetings/${next}?/addSuggestion`, { source: 'backlog', key }, editor.cookie)).status).toBe(200);
		expect((await post(`/meetings/${next}?/addSuggestion`, { source: 'backlog', key }, editor.cookie)).status).toBe(400);

		const target = await open(next);
		await eventually(() => listAgenda(target).some((i) => i.title === 'Lokalfrågan'), 'the backlog item on the agenda');
		expect(await html(`/meetings/${next}`, editor.cookie)).not.toContain('data-source="backlog"');
	});

	it('the protocol of the meeting they left says where both postponed § went, on screen and in the Markdown, with the target resolved by the server', async () => {
		const md = await html(`/meetings/${first}/protocol.md`, viewer.cookie);
		expect(md).toContain('## § 2 Boendestöd för unga\n\n*Flyttad till mötet Decembermötet den 15 december 2026.*');
		expect(md).toContain('## § 3 Lokalfrågan\n\n*Flyttad till punkter att ta upp senare.*');
		expect(md).not.toMatch(/§ 1 Öppnande\n\n\*Flyttad/);
		const page = await html(`/meetings/${first}/protocol`, viewer.cookie);
		expect(page).toContain('data-testid="protocol-carried"');
		expect(page).toContain('Flyttad till mötet Decembermötet den 15 december 2026.');
	});

	it('the template gives new meetings their standing items and length; a series of three makes three meetings and three calendar entries', async () => {
		expect((await post(`/boards/${boardId}/template`, { standingItems: 'x', lengthMinutes: '5' }, owner.cookie)).status).toBe(400);
		expect((await fetch(`${server.url}/boards/${boardId}/template`, { headers: { cookie: viewer.cookie } })).status).toBe(403);
		const templatePage = await html(`/boards/${boardId}/template`, editor.cookie);
		expect(templatePage).toContain('Mötets öppnande'); // the defaults offered in the board's language
		const saved = await post(`/boards/${boardId}/template`, { standingItems: 'Mötets öppnande\nUppföljning av åtgärder\n\nNästa möte', lengthMinutes: '90' }, editor.cookie);
		expect(saved.status).toBe(303);

		const badSeries = await post(`/boards/${boardId}?/createMeeting`, { title: 'Serie', startsAt: '2027-03-16T09:30', tzOffset: '60', repeat: 'on', everyWeeks: '0', until: '2027-03-30' }, editor.cookie);
		expect(badSeries.status).toBe(400);

		const created = await post(
			`/boards/${boardId}?/createMeeting`,
			{ title: 'Vårens ledningsgrupp', startsAt: '2027-03-16T09:30', tzOffset: '60', repeat: 'on', everyWeeks: '1', until: '2027-03-30' },
			editor.cookie
		);
		expect(created.status).toBe(303);
		const firstId = /\/meetings\/([^/?#]+)/.exec(created.headers.get('location') ?? '')![1];

		const ics = await (await fetch(`${server.url}/calendar/mine.ics`, { headers: { cookie: editor.cookie } })).text();
		const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)).filter((e) => e.summary === 'Vårens ledningsgrupp');
		expect(events).toHaveLength(3);
		expect(new Set(events.map((e) => e.uid)).size).toBe(3);
		const starts = events.map((e) => e.startDate.toJSDate().toISOString()).sort();
		// 09:30 in Stockholm each week, across the switch to summer time on 28 March.
		expect(starts).toEqual(['2027-03-16T08:30:00.000Z', '2027-03-23T08:30:00.000Z', '2027-03-30T07:30:00.000Z']);
		for (const e of events) expect(e.endDate.toJSDate().getTime() - e.startDate.toJSDate().getTime()).toBe(90 * 60_000);

		const doc = await open(firstId);
		await eventually(() => listAgenda(doc).length === 3, 'the standing items');
		expect(listAgenda(doc).map((i) => i.title)).toEqual(['Mötets öppnande', 'Uppföljning av åtgärder', 'Nästa möte']);

		// Linked as a series: each page says which of three it is and links to its neighbours.
		const link = (page: string, rel: 'prev' | 'next') => new RegExp(`<a href="/meetings/([^"]+)" rel="${rel}"`).exec(page)?.[1] ?? null;
		const firstPage = await html(`/meetings/${firstId}`, viewer.cookie);
		expect(firstPage).toContain('Möte 1 av 3 i serien');
		expect(link(firstPage, 'prev')).toBeNull();
		const secondId = link(firstPage, 'next')!;
		const secondPage = await html(`/meetings/${secondId}`, viewer.cookie);
		expect(secondPage).toContain('Möte 2 av 3 i serien');
		expect(link(secondPage, 'prev')).toBe(firstId);
		const thirdPage = await html(`/meetings/${link(secondPage, 'next')!}`, viewer.cookie);
		expect(thirdPage).toContain('Möte 3 av 3 i serien');
		expect([link(thirdPage, 'prev'), link(thirdPage, 'next')]).toEqual([secondId, null]);
		// A meeting created on its own is no series.
		expect(await html(`/meetings/${next}`, viewer.cookie)).not.toContain('data-testid="series-nav"');
		// The board's list marks the three.
		const boardPage = await html(`/boards/${boardId}`, viewer.cookie);
		expect(boardPage.match(/data-testid="meeting-list-series"/g)).toHaveLength(3);
		expect(boardPage).toContain('Möte 2 av 3 i serien');
	});
});
