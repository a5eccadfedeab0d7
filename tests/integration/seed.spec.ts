import { afterEach, describe, expect, it } from 'vitest';
import { docName } from '../../src/lib/domain/doc-names';
import { attendanceOf, itemMinutes, listAgenda, listDecisions, meetingRoles } from '../../src/lib/domain/meeting-doc';
import { itemsWithoutPerspective, listPerspectives, listReservations, listSummaries } from '../../src/lib/domain/voices-doc';
import * as Y from 'yjs';
import { listAsks, listFeedback } from '../../src/lib/domain/board-voices-doc';
import { missingNeeds } from '../../src/lib/domain/venue';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { DEMO_PASSWORD, DEMO_PEOPLE } from '../../src/lib/server/demo/demo-data';
import { createSession } from '../../src/lib/server/auth/sessions';
import { signIn } from '../../src/lib/server/services/accounts';
import { startTestApp } from './helpers';
import { connectClient, synced, type TestClient } from './yclient';

type App = Awaited<ReturnType<typeof startTestApp>>;
let app: App | undefined;
let client: TestClient | undefined;
afterEach(async () => {
	client?.destroy();
	await app?.close();
	app = undefined;
	client = undefined;
});

describe('npm run seed (demo data)', () => {
	it('fills an empty database with a board, members of several agencies and a meeting whose minutes open live', async () => {
		app = await startTestApp();
		const { store } = app.runtime;
		const outcome = await seedDemo(store);
		expect(outcome.seeded).toBe(true);
		if (!outcome.seeded) return;

		const kinds = new Set((await store.boards.members(outcome.boardId)).map((m) => m.agency.kind));
		expect(kinds).toEqual(new Set(['social_services', 'employment_services', 'user_association', 'housing']));

		const karin = DEMO_PEOPLE.find((p) => p.role === 'owner')!;
		const signedIn = await signIn(store, { email: karin.email, password: DEMO_PASSWORD }, '127.0.0.1');
		expect(signedIn.ok).toBe(true);
		if (!signedIn.ok) return;

		const meetings = await store.meetings.listForBoard(outcome.boardId);
		expect(meetings.length).toBe(2);
		const held = meetings.find((m) => m.startsAt.getTime() < Date.now())!;
		const { token } = await createSession(store, signedIn.value.id);
		client = connectClient(app.url, docName({ kind: 'meeting', meetingId: held.id }), `samtavla_session=${token}`);
		await synced(client);
		const agenda = listAgenda(client.doc);
		expect(agenda.map((item) => `§ ${item.number} ${item.title}`)).toContain('§ 2 Lägesbild: boende först');
		const housing = agenda.find((item) => item.title === 'Lägesbild: boende först')!;
		expect(itemMinutes(client.doc, housing.id)!.toString()).toContain('fyra lägenheter');
		expect(listDecisions(client.doc).map((d) => `${d.number} (§ ${d.itemNumber})`)).toEqual(['1 (§ 1)', '2 (§ 2)', '3 (§ 2)', '4 (§ 3)', '5 (§ 4)']);
		// Decision kinds, a pilot with its review date, and the association's reservation (issue 12, point 5).
		expect(listDecisions(client.doc).map((d) => d.kind ?? null)).toEqual(['consensus', 'consensus', 'consensus', 'majority', null]);
		expect(listDecisions(client.doc)[2].reviewDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		// The status is the server's (SQL), not the document's.
		expect(held.status).toBe('held');
		expect(meetingRoles(client.doc).chairId).toBe(signedIn.value.id);
		expect([...attendanceOf(client.doc).values()].sort()).toEqual(['excused', 'present_on_site', 'present_on_site', 'present_online', 'present_phone']);

		// Maria's perspectives and summary, in the voices document she may write.
		const voices = connectClient(app.url, docName({ kind: 'voices', meetingId: held.id }), `samtavla_session=${token}`);
		try {
			await synced(voices);
			const perspectives = listPerspectives(voices.doc);
			expect(perspectives.length).toBe(2);
			expect(new Set(perspectives.map((p) => p.authorName))).toEqual(new Set(['Maria Johansson']));
			expect(perspectives.every((p) => p.agencyName === 'Brukarföreningen Vägen')).toBe(true);
			expect(listSummaries(voices.doc).map((s) => s.authorName)).toEqual(['Maria Johansson']);
			const [reservation] = listReservations(voices.doc);
			expect(reservation).toMatchObject({ authorName: 'Maria Johansson', decisionId: listDecisions(client.doc)[3].id });
			// § 1 and § 4 are left without a perspective: the page shows them at a glance.
			expect(itemsWithoutPerspective(voices.doc, agenda.map((i) => i.id))).toEqual([agenda[0].id, agenda[3].id]);
		} finally {
			voices.destroy();
		}
	});

	it('seeds the board’s actions, which reach the register once the server starts on that database', async () => {
		app = await startTestApp();
		const { dataDir } = app;
		expect((await seedDemo(app.runtime.store)).seeded).toBe(true);
		await app.close();
		// The seed writes documents only; the start-up rebuild projects the stale board.
		app = await startTestApp({ dataDir });
		const { store } = app.runtime;
		const karin = (await store.users.findByEmail('karin@demo.samtavla.se'))!;
		const today = new Date().toISOString().slice(0, 10);
		const all = await store.actions.listForUser(karin.id, { today });
		expect(all.map((a) => a.title)).toContain('Boka lokal med hörslinga för januari');
		expect(all).toHaveLength(5);
		const overdue = await store.actions.listForUser(karin.id, { today, overdue: true });
		expect(overdue.map((a) => a.title)).toEqual(['Boka lokal med hörslinga för januari']);
		const owedToSocial = await store.actions.listForUser(karin.id, { today, owedToMyAgency: true });
		expect(owedToSocial.map((a) => a.agencyName).sort()).toEqual(['Arbetsförmedlingen Åsby', 'Åsbyhem, sociala teamet']);
	});

	it('seeds what issue 12 added: venues with a gap the chair is told of, the template, waiting asks, an outcome and its feedback', async () => {
		app = await startTestApp();
		const { store } = app.runtime;
		const outcome = await seedDemo(store);
		if (!outcome.seeded) return expect.fail('not seeded');
		const boardId = outcome.boardId;
		expect((await store.venues.listForBoard(boardId)).map((v) => v.name)).toEqual(['Brukarföreningen Vägens lokal', 'Stadshuset, sal Ljuset']);
		const meetings = await store.meetings.listForBoard(boardId);
		const planned = meetings.find((m) => m.status === 'planned')!;
		const venue = (await store.venues.forMeeting(planned.id))!;
		expect(venue.hostAgency).toBe('Brukarföreningen Vägen');
		const [needs] = await store.accessNeeds.forBoard(boardId);
		expect(missingNeeds(needs, venue).map((n) => n.need)).toEqual(['hearingLoop']);
		expect((await store.templates.get(boardId))?.standingItems).toContain('Brukarperspektivet');

		const voices = new Y.Doc();
		const stored = await store.docs.load(docName({ kind: 'boardVoices', boardId }));
		for (const update of [stored.snapshot, ...stored.updates]) if (update) Y.applyUpdate(voices, update);
		const asks = listAsks(voices);
		expect(asks.map((a) => [a.kind, a.authorName, a.answer])).toEqual([
			['item', 'Maria Johansson', null],
			['action', 'Maria Johansson', null]
		]);
		expect(asks[0].meetingId).toBe(planned.id);
		expect(listFeedback(voices).map((f) => f.effect)).toEqual(['partly']);
	});

	it('refuses to touch a database that already has accounts', async () => {
		app = await startTestApp();
		expect((await seedDemo(app.runtime.store)).seeded).toBe(true);
		expect(await seedDemo(app.runtime.store)).toEqual({ seeded: false, reason: 'not-empty' });
	});
});
