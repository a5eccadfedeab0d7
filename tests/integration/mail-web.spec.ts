import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { fetchPage as page, postForm as post, startBuiltServerOn, type BuiltServer } from './built-server';
import { makeMeeting, makeUser, startTestApp, withStoppedDatabase } from './helpers';
import { linkIn, smtpError, startSmtp, type TestSmtp, toAddress } from './mail-harness';

/**
 * E-mail through the production build against a real SMTP server (issue 14, points 6–8): what a
 * person does on the pages (invite by address, plan, change, cancel a meeting) arrives once, in
 * each recipient's own language, with links that work on the server; unsubscribing asks first
 * (a link alone changes nothing), one-click works without a page; with e-mail off the pages say so.
 */
type Person = Awaited<ReturnType<typeof makeUser>>;

describe('e-mail over the built server', () => {
	let smtp: TestSmtp;
	let server: BuiltServer;
	let dataDir: string;
	let owner: Person;
	let dana: Person;
	let erik: Person;
	let boardId: string;

	beforeAll(async () => {
		const setup = await startTestApp();
		const store = setup.runtime.store;
		owner = await makeUser(store, 'Olle');
		dana = await makeUser(store, 'Dana');
		erik = await makeUser(store, 'Erik');
		boardId = (await makeMeeting(store, owner.user)).boardId;
		await store.boards.addMember(boardId, erik.user.id, 'editor');
		// The languages they use the app in (kept by sign-up, sign-in and the language switch).
		await store.mailPrefs.setLanguage(dana.user.id, 'da');
		await store.mailPrefs.setLanguage(erik.user.id, 'en');
		dataDir = setup.dataDir;
		await setup.close();
		smtp = await startSmtp();
		server = await startBuiltServerOn(dataDir, { ...smtp.env, MAIL_POLL_MS: '200', MAIL_LEASE_MS: '2000' });
	});
	afterAll(async () => {
		await server?.stop();
		await smtp?.close();
	});

	let danaInvite: ParsedMail;

	it('an invitation sent from the invite form arrives once, in Danish for a Danish reader, and its link opens the invitation', async () => {
		const response = await post(server, `/boards/${boardId}?/createInvite`, { role: 'editor', days: '', uses: 'unlimited', maxUses: '', email: dana.user.email.toUpperCase() }, owner.cookie);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('data-testid="invite-mailed"');
		const token = /\/invite\/([a-z2-7]{32})/.exec(html)![1];
		[danaInvite] = await smtp.waitFor(1);
		expect(toAddress(danaInvite)).toBe(dana.user.email);
		expect(danaInvite.subject).toBe('Invitation til Ledningsgrupp för utveckling i Samtavla');
		expect(danaInvite.text).toContain(`Hej ${dana.user.displayName}!`);
		expect(danaInvite.text).toContain('inviterer dig');
		const link = linkIn(danaInvite.text!, `${server.url}/invite/`);
		expect(link).toBe(`${server.url}/invite/${token}`);
		expect(danaInvite.html).toContain(`<a href="${link}">Åbn invitationen</a>`);
		expect(danaInvite.html).toContain('<html lang="da-DK">');
		const opened = await page(server, new URL(link).pathname, dana.cookie);
		expect(opened.status).toBe(200);
		expect(opened.html).toContain('Ledningsgrupp för utveckling');
	});

	it('an invitation to an address without an account is written in the board’s language, and a wrong address creates no link', async () => {
		const bad = await post(server, `/boards/${boardId}?/createInvite`, { role: 'editor', days: '', uses: 'unlimited', maxUses: '', email: 'inte en adress' }, owner.cookie);
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('e-postadress');
		const response = await post(server, `/boards/${boardId}?/createInvite`, { role: 'contributor', days: '', uses: 'unlimited', maxUses: '', email: 'ny.person@example.org' }, owner.cookie);
		expect(response.status).toBe(200);
		const [, second] = await smtp.waitFor(2);
		expect(toAddress(second)).toBe('ny.person@example.org');
		expect(second.subject).toBe('Inbjudan till Ledningsgrupp för utveckling i Samtavla');
		expect(second.text).toContain('Hej!');
		expect(smtp.received).toHaveLength(2);
	});

	it('the unsubscribe link asks first (opening it changes nothing); the button stops that kind; /account shows and changes the choice', async () => {
		const link = linkIn(danaInvite.text!, `${server.url}/unsubscribe/`);
		const path = new URL(link).pathname;
		const shown = await page(server, path, undefined, 'da');
		expect(shown.status).toBe(200);
		expect(shown.html).toContain(`Stop med at sende invitationer til ${dana.user.email}?`);
		expect(shown.html).toContain('data-testid="unsubscribe-confirm"');
		// A scanner opening the link did not unsubscribe anyone.
		expect((await page(server, '/account', dana.cookie)).html).toMatch(/id="mail-kind-invitation"[^>]*checked/);

		const done = await post(server, path, {}, undefined, 'da');
		expect(done.status).toBe(200);
		expect(await done.text()).toContain(`${dana.user.email} får ikke længere invitationer`);
		const account = (await page(server, '/account', dana.cookie)).html;
		expect(account).not.toMatch(/id="mail-kind-invitation"[^>]*checked/);
		expect(account).toMatch(/id="mail-kind-meetingCreated"[^>]*checked/);

		// Another invitation to Dana is not sent, and the owner is told so.
		const again = await post(server, `/boards/${boardId}?/createInvite`, { role: 'editor', days: '', uses: 'unlimited', maxUses: '', email: dana.user.email }, owner.cookie);
		expect(await again.text()).toContain('data-testid="invite-not-mailed"');

		// Back on from /account: the ticked kinds are the ones kept.
		const saved = await post(server, '/account?/mailPrefs', { kind: 'invitation' }, dana.cookie);
		expect(saved.status).toBe(200);
		const after = (await page(server, '/account', dana.cookie)).html;
		expect(after).toMatch(/id="mail-kind-invitation"[^>]*checked/);
		expect(after).not.toMatch(/id="mail-kind-meetingCreated"[^>]*checked/);
		expect((await page(server, '/unsubscribe/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', undefined, 'en')).html).toContain('This link is not recognised');
	});

	let meetingId: string;

	it('a meeting planned, changed, then cancelled: the other member gets each in English with the iCal event, the planner gets none', async () => {
		const before = smtp.received.length;
		const created = await post(server, `/boards/${boardId}?/createMeeting`, { title: 'Vårens uppföljning', startsAt: '2031-03-04T09:30', tzOffset: '60', place: 'Stadshuset', venueChoice: 'typed' }, owner.cookie);
		expect(created.status).toBe(303);
		meetingId = /\/meetings\/([^/]+)$/.exec(created.headers.get('location')!)![1];
		const [notice] = (await smtp.waitFor(before + 1)).slice(before);
		expect(toAddress(notice)).toBe(erik.user.email);
		expect(notice.subject).toMatch(/^New meeting: Vårens uppföljning /);
		expect(notice.text).toContain('Where: Stadshuset');
		const ics = notice.attachments.find((a) => a.contentType === 'text/calendar')!;
		const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics.content.toString('utf8'))).getFirstSubcomponent('vevent')!);
		expect(event.uid).toBe(`meeting-${meetingId}@samtavla`);
		expect(event.summary).toBe('Vårens uppföljning');
		expect(event.startDate.toJSDate().toISOString()).toBe('2031-03-04T08:30:00.000Z');
		const link = linkIn(notice.text!, `${server.url}/meetings/`);
		expect((await page(server, new URL(link).pathname, erik.cookie)).status).toBe(200);

		// Moved an hour later from the edit form: a changed-meeting notice with the new time, same UID, higher SEQUENCE.
		const form = (await page(server, `/meetings/${meetingId}/edit`, owner.cookie)).html;
		const revision = /name="revision" value="(\d+)"/.exec(form)![1];
		const edited = await post(
			server,
			`/meetings/${meetingId}/edit`,
			{ title: 'Vårens uppföljning', startsAt: '2031-03-04T10:30', tzOffset: '60', place: 'Stadshuset', venueChoice: 'typed', accessibilityNotes: '', onlineUrl: '', revision },
			owner.cookie
		);
		expect(edited.status).toBe(303);
		const [change] = (await smtp.waitFor(before + 2)).slice(before + 1);
		expect(toAddress(change)).toBe(erik.user.email);
		expect(change.subject).toMatch(/^Meeting changed: Vårens uppföljning /);
		const changedIcs = change.attachments.find((a) => a.contentType === 'text/calendar')!.content.toString('utf8');
		expect(changedIcs).toContain(`UID:meeting-${meetingId}@samtavla`);
		expect(changedIcs).toContain('DTSTART:20310304T093000Z');
		expect(changedIcs).toMatch(/SEQUENCE:[1-9]/);

		const cancelled = await post(server, `/meetings/${meetingId}?/move`, { to: 'cancelled', reason: 'Lokalen är upptagen' }, owner.cookie);
		expect(cancelled.status).toBe(200);
		const [cancel] = (await smtp.waitFor(before + 3)).slice(before + 2);
		expect(toAddress(cancel)).toBe(erik.user.email);
		expect(cancel.subject).toMatch(/^Meeting cancelled: Vårens uppföljning /);
		expect(cancel.text).toContain('Lokalen är upptagen');
		const cancelledIcs = cancel.attachments.find((a) => a.contentType === 'text/calendar')!.content.toString('utf8');
		expect(cancelledIcs).toContain('STATUS:CANCELLED');
		expect(cancelledIcs).toMatch(/SEQUENCE:[1-9]/);
		expect(smtp.received.slice(before).map(toAddress)).toEqual([erik.user.email, erik.user.email, erik.user.email]);

		// RFC 8058: the provider's one-click POST, from its own servers (no Origin), works without a page.
		const header = cancel.headerLines.find((h) => h.key === 'list-unsubscribe')!.line.replace(/\r\n\s+/g, ' ');
		const oneClick = /<([^>]+)>/.exec(header)![1];
		const response = await fetch(oneClick, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
		expect(response.status).toBe(204);
		expect((await page(server, '/account', erik.cookie)).html).not.toMatch(/id="mail-kind-meetingCancelled"[^>]*checked/);
	});

	it('with e-mail off the invite form and the account page say so', async () => {
		await server.stop();
		const off = await startBuiltServerOn(dataDir);
		try {
			const board = await page(off, `/boards/${boardId}`, owner.cookie, 'en');
			expect(board.html).toContain('E-mail is off on this server');
			expect(board.html).not.toContain('data-testid="invite-email"');
			expect((await page(off, '/account', owner.cookie, 'da')).html).toContain('E-mail er slået fra');
		} finally {
			await off.stop();
		}
	});
});

describe('e-mail across a crash', () => {
	it('the server killed while the SMTP server holds a message: after the restart it arrives once', async () => {
		const setup = await startTestApp();
		const owner = await makeUser(setup.runtime.store, 'Olle');
		const { boardId } = await makeMeeting(setup.runtime.store, owner.user);
		const dataDir = setup.dataDir;
		await setup.close();

		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		const smtp = await startSmtp(async (attempt) => {
			if (attempt === 1) {
				await held;
				throw smtpError(421, 'closing');
			}
		});
		const env = { ...smtp.env, MAIL_POLL_MS: '200', MAIL_LEASE_MS: '1000' };
		let server = await startBuiltServerOn(dataDir, env);
		try {
			const invited = await post(server, `/boards/${boardId}?/createInvite`, { role: 'editor', days: '', uses: 'unlimited', maxUses: '', email: 'ny@example.org' }, owner.cookie);
			expect(invited.status).toBe(200);
			while (smtp.attempts() < 1) await new Promise((r) => setTimeout(r, 20));
			// A crash mid-send: no shutdown, nothing marked.
			await server.stop('SIGKILL');
			release();
			server = await startBuiltServerOn(dataDir, env);
			const [got] = await smtp.waitFor(1);
			expect(toAddress(got)).toBe('ny@example.org');
			await server.stop();
			const rows = await withStoppedDatabase(dataDir, (sql) => sql('select state, attempts from mail_outbox'));
			expect(rows).toEqual([{ state: 'sent', attempts: 2 }]);
			expect(smtp.received).toHaveLength(1);
		} finally {
			await server.stop();
			await smtp.close();
		}
	});
});
