import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docName } from '../../src/lib/domain/doc-names';
import { addAgendaItem } from '../../src/lib/domain/meeting-doc';
import { fetchPage as page, postForm as post, startBuiltServerOn, type BuiltServer } from './built-server';
import { makeMeeting, makeUser, startTestApp, withStoppedDatabase } from './helpers';
import { linkIn, startSmtp, type TestSmtp, toAddress } from './mail-harness';

/**
 * "Agenda published" and "ask answered" (issue 14, point 7) through the production build against a
 * real SMTP server: an owner sends the agenda from the meeting page's plain form, every member gets
 * it once in their own language with time, place and each §, and its link opens the meeting; a
 * second sending of the same agenda sends nothing, a changed one says it is updated. An answered
 * ask tells the person who asked, in their language, with a link to the board.
 */
type Person = Awaited<ReturnType<typeof makeUser>>;

describe('agenda and answered asks by e-mail over the built server', () => {
	let smtp: TestSmtp;
	let server: BuiltServer;
	let dataDir: string;
	let owner: Person;
	let dana: Person;
	let erik: Person;
	let viewer: Person;
	let boardId: string;
	let meetingId: string;

	beforeAll(async () => {
		const setup = await startTestApp();
		const store = setup.runtime.store;
		owner = await makeUser(store, 'Olle');
		dana = await makeUser(store, 'Dana');
		erik = await makeUser(store, 'Erik');
		viewer = await makeUser(store, 'Vera');
		({ boardId, meetingId } = await makeMeeting(store, owner.user));
		await store.boards.addMember(boardId, dana.user.id, 'contributor');
		await store.boards.addMember(boardId, erik.user.id, 'editor');
		await store.boards.addMember(boardId, viewer.user.id, 'viewer');
		await store.mailPrefs.setLanguage(dana.user.id, 'da');
		await store.mailPrefs.setLanguage(erik.user.id, 'en');
		// Vera does not want agendas: she gets none.
		await store.mailPrefs.setOptOut(viewer.user.email, 'agendaPublished', true, new Date());
		await setup.runtime.live.changeDoc(docName({ kind: 'meeting', meetingId }), { userId: owner.user.id, agencyId: owner.user.agencyId }, (doc) => {
			addAgendaItem(doc, { title: 'Mötets öppnande' });
			addAgendaItem(doc, { title: 'Boende först: läget' });
			addAgendaItem(doc, { title: 'Familjen Svensson: vräkningen', internal: true, internalReason: 'personal_data' });
		});
		dataDir = setup.dataDir;
		await setup.close();
		smtp = await startSmtp();
		server = await startBuiltServerOn(dataDir, { ...smtp.env, MAIL_POLL_MS: '200', MAIL_LEASE_MS: '2000' });
	});
	afterAll(async () => {
		await server?.stop();
		await smtp?.close();
	});

	it('the owner sends the agenda: each member once, in their language, with time, place and every §; the link opens the meeting', async () => {
		const before = await page(server, `/meetings/${meetingId}`, owner.cookie);
		expect(before.html).toContain('data-testid="agenda-send"');
		expect(before.html).toContain('Skicka dagordningen till medlemmarna');
		// A viewer sees no button, and posting anyway is refused.
		expect((await page(server, `/meetings/${meetingId}`, viewer.cookie)).html).not.toContain('data-testid="agenda-send"');
		const refused = await post(server, `/meetings/${meetingId}?/sendAgenda`, {}, viewer.cookie);
		expect(refused.status).toBe(400);

		const response = await post(server, `/meetings/${meetingId}?/sendAgenda`, {}, owner.cookie);
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('Dagordningen skickades till 3 medlemmar.');
		const got = await smtp.waitFor(3);
		expect(got.map(toAddress).sort()).toEqual([owner.user.email, dana.user.email, erik.user.email].sort());
		const english = got.find((m) => toAddress(m) === erik.user.email)!;
		expect(english.subject).toMatch(/^Agenda: Möte /);
		expect(english.text).toContain('sends the agenda of the meeting Möte of Ledningsgrupp för utveckling');
		expect(english.text).toContain('When: Tuesday, 1 December 2026');
		expect(english.text).toContain('Agenda:\n• § 1 Mötets öppnande\n• § 2 Boende först: läget\n• § 3 (an internal item: its title is in Samtavla)');
		// An internal § is internal for a reason (here personal data): its title never leaves by e-mail.
		for (const message of got) expect(`${message.subject} ${message.text} ${message.html}`).not.toContain('Svensson');
		expect(english.html).toContain('<html lang="en-GB">');
		const link = linkIn(english.text!, `${server.url}/meetings/`);
		expect(link).toBe(`${server.url}/meetings/${meetingId}`);
		const opened = await page(server, new URL(link).pathname, erik.cookie, 'en');
		expect(opened.status).toBe(200);
		expect(opened.html).toContain('Möte');
		const danish = got.find((m) => toAddress(m) === dana.user.email)!;
		expect(danish.subject).toMatch(/^Dagsorden: Möte /);
		expect(danish.text).toContain('Dagsorden:\n• § 1 Mötets öppnande');

		// The page shows when it was sent; the same agenda again sends nothing.
		const after = await page(server, `/meetings/${meetingId}`, owner.cookie);
		expect(after.html).toContain('data-testid="agenda-last-sent"');
		expect(after.html).toContain('Skicka den uppdaterade dagordningen till medlemmarna');
		const again = await post(server, `/meetings/${meetingId}?/sendAgenda`, {}, owner.cookie);
		expect(await again.text()).toContain('inget skickades');
		await new Promise((r) => setTimeout(r, 600));
		expect(smtp.received).toHaveLength(3);
	});

	it('a changed meeting sent again is an updated agenda', async () => {
		const form = (await page(server, `/meetings/${meetingId}/edit`, owner.cookie)).html;
		const revision = /name="revision" value="(\d+)"/.exec(form)![1];
		const edited = await post(
			server,
			`/meetings/${meetingId}/edit`,
			{ title: 'Möte', startsAt: '2026-12-01T13:00', tzOffset: '60', place: 'Stadshuset, sal 2', venueChoice: 'typed', accessibilityNotes: '', onlineUrl: '', revision },
			owner.cookie
		);
		expect(edited.status).toBe(303);
		const before = smtp.received.length;
		const response = await post(server, `/meetings/${meetingId}?/sendAgenda`, {}, erik.cookie, 'en');
		expect(await response.text()).toContain('The agenda was sent to 3 members.');
		// Three changed-meeting notices (everyone but the owner, who edited) and three agendas.
		const updated = (await smtp.waitFor(before + 6)).slice(before).filter((m) => /agenda|dagordning|dagsorden/i.test(m.subject ?? ''));
		expect(updated).toHaveLength(3);
		const danish = updated.find((m) => toAddress(m) === dana.user.email)!;
		expect(danish.subject).toMatch(/^Opdateret dagsorden: Möte /);
		expect(danish.text).toContain('Hvor: Stadshuset, sal 2');
		expect(danish.text).toContain('erstatter den, der blev sendt tidligere');
	});

	it('an answered ask tells the person who asked, once, in their language, with a link to the board', async () => {
		const asked = await post(server, `/boards/${boardId}?/propose`, { kind: 'item', text: 'Hur går det med boendet?', meetingId: '', toAgencyId: '' }, dana.cookie, 'da');
		expect(asked.status).toBe(200);
		const board = (await page(server, `/boards/${boardId}`, owner.cookie)).html;
		const askId = /name="askId" value="([^"]+)"/.exec(board)![1];
		const before = smtp.received.length;
		const answered = await post(server, `/boards/${boardId}?/answer`, { askId, outcome: 'scheduled', meetingId, agencyId: '', reason: '' }, owner.cookie);
		expect(answered.status).toBe(200);
		const [mail] = (await smtp.waitFor(before + 1)).slice(before);
		expect(toAddress(mail)).toBe(dana.user.email);
		expect(mail.subject).toBe('Dit ønske er besvaret');
		expect(mail.text).toContain('“Hur går det med boendet?”');
		expect(mail.text).toContain('Det er på dagsordenen for mødet Möte');
		expect(mail.text).toContain('som punkt 4.'); // after the three §§ sent with the agenda
		const link = linkIn(mail.text!, `${server.url}/boards/`);
		expect(link).toBe(`${server.url}/boards/${boardId}`);
		expect((await page(server, new URL(link).pathname, dana.cookie, 'da')).status).toBe(200);

		// Declined, to an English reader, with the reason; then the owner's own ask answered by the owner sends nothing.
		const openAsk = async () => [...(await page(server, `/boards/${boardId}`, owner.cookie)).html.matchAll(/name="askId" value="([^"]+)"/g)].map((m) => m[1]);
		await post(server, `/boards/${boardId}?/propose`, { kind: 'action', text: 'Fler språk i broschyren', meetingId: '', toAgencyId: owner.user.agencyId }, erik.cookie, 'en');
		const [erikAsk] = new Set(await openAsk());
		expect((await post(server, `/boards/${boardId}?/answer`, { askId: erikAsk, outcome: 'declined', meetingId: '', agencyId: '', reason: 'Broschyren trycks om först nästa år.' }, owner.cookie)).status).toBe(200);
		await post(server, `/boards/${boardId}?/propose`, { kind: 'item', text: 'Min egen fråga', meetingId: '', toAgencyId: '' }, owner.cookie);
		const [ownAsk] = new Set(await openAsk());
		expect(ownAsk).not.toBe(erikAsk);
		expect((await post(server, `/boards/${boardId}?/answer`, { askId: ownAsk, outcome: 'declined', meetingId: '', agencyId: '', reason: 'Tas upp i vår.' }, owner.cookie)).status).toBe(200);
		const [declined] = (await smtp.waitFor(before + 2)).slice(before + 1);
		expect(toAddress(declined)).toBe(erik.user.email);
		expect(declined.subject).toBe('Your ask has been answered');
		expect(declined.text).toContain('It was declined. Reason: Broschyren trycks om först nästa år.');
		await new Promise((r) => setTimeout(r, 600));
		expect(smtp.received.length).toBe(before + 2);
	});

	it('with e-mail off the meeting page says the agenda cannot be sent, and posting sends nothing', async () => {
		await server.stop();
		const off = await startBuiltServerOn(dataDir);
		try {
			const shown = await page(off, `/meetings/${meetingId}`, owner.cookie, 'en');
			expect(shown.html).toContain('data-testid="agenda-mail-off"');
			expect(shown.html).toContain('E-mail is off on this server: the agenda cannot be sent by e-mail.');
			expect(shown.html).not.toContain('data-testid="agenda-send"');
			const posted = await post(off, `/meetings/${meetingId}?/sendAgenda`, {}, owner.cookie, 'en');
			expect(posted.status).toBe(200);
			expect(await posted.text()).toContain('E-mail is off on this server');
		} finally {
			await off.stop();
		}
		// The log has each sending that sent something: how many, whether updated, by whom; not to whom.
		const logged = await withStoppedDatabase(dataDir, (sql) => sql("select actor_id, meeting_id, details from audit_log where kind = 'agenda-sent' order by at"));
		expect(logged).toEqual([
			{ actor_id: owner.user.id, meeting_id: meetingId, details: { sent: 3, updated: false } },
			{ actor_id: erik.user.id, meeting_id: meetingId, details: { sent: 3, updated: true } }
		]);
	});
});
