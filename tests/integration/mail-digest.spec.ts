import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { docName } from '../../src/lib/domain/doc-names';
import * as mail from '../../src/lib/server/services/mail';
import { boardUpkeepOnce } from '../../server/board-upkeep';
import { startBuiltServerOn } from './built-server';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { linkIn, startSmtp, type TestSmtp } from './mail-harness';
import { projectedAction } from './store-contract-actions';

/**
 * The weekly digest per agency and the outbox's retention (issue 14, point 7), against a real SMTP
 * server: on a Monday each member whose agency owes or is owed something on a board gets one
 * message for that board, in their language, never twice in a week; the daily upkeep then removes
 * sent messages after MAIL_RETENTION_DAYS, and the unsubscribe link in a removed message still
 * works on the built server, as does the digest's own link.
 */
const DAY = 86_400_000;

describe('the weekly digest and the outbox retention', () => {
	let smtp: TestSmtp;
	let app: Awaited<ReturnType<typeof startTestApp>>;
	let owner: Awaited<ReturnType<typeof makeUser>>;
	let erik: Awaited<ReturnType<typeof makeUser>>;
	let erikDigest: ParsedMail;
	const origin = 'https://samtavla.example';

	beforeAll(async () => {
		smtp = await startSmtp();
		app = await startTestApp({ env: { ...smtp.env, MAIL_POLL_MS: '200', MAIL_LEASE_MS: '2000' } });
	});
	afterAll(async () => {
		await app?.close();
		await smtp?.close();
	});

	const to = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? m.to.value[0].address : undefined);

	it('on a Monday: one digest per member and board about their agency, in their language; none twice a week, none on other days, none with nothing to say', async () => {
		const store = app.runtime.store;
		owner = await makeUser(store, 'Olle');
		erik = await makeUser(store, 'Erik');
		const sara = await makeUser(store, 'Sara');
		const { boardId } = await makeMeeting(store, owner.user);
		await store.boards.addMember(boardId, erik.user.id, 'editor');
		await store.boards.addMember(boardId, sara.user.id, 'editor');
		await store.mailPrefs.setLanguage(erik.user.id, 'en');
		const ours = owner.user.agencyId;
		const theirs = erik.user.agencyId;
		const rows = [
			projectedAction({ title: 'Samordnad plan', agencyId: ours, raisedByAgencyId: theirs, dueDate: '2031-05-20' }),
			projectedAction({ title: 'Praktikplatser', agencyId: theirs, raisedByAgencyId: ours, dueDate: '2031-05-01', status: 'in_progress' }),
			projectedAction({ title: 'Redan klar', agencyId: ours, raisedByAgencyId: theirs, dueDate: '2031-05-02', status: 'done' })
		];
		await store.projections.replaceBoardActions(boardId, docName({ kind: 'board', boardId }), rows, 1);
		const deps = { store, config: app.runtime.config };

		expect(await mail.weeklyDigests(deps, origin, '2031-05-13')).toEqual([]);
		// Olle and Erik; Sara's agency neither owes nor is owed anything.
		expect(await mail.weeklyDigests(deps, origin, '2031-05-12')).toEqual(['queued', 'queued']);
		// The hourly job runs again that Monday, and on Sunday of the same week: nothing new.
		expect(await mail.weeklyDigests(deps, origin, '2031-05-12')).toEqual(['duplicate', 'duplicate']);
		const got = await smtp.waitFor(2);
		erikDigest = got.find((m) => to(m) === erik.user.email)!;
		const theirName = (await store.agencies.get(theirs))!.name;
		const ourName = (await store.agencies.get(ours))!.name;
		expect(erikDigest.subject).toBe(`This week for ${theirName} on Ledningsgrupp för utveckling`);
		expect(erikDigest.text).toContain(`Overdue:\n• Praktikplatser, due 1 May 2031, by ${theirName}`);
		expect(erikDigest.text).toContain(`What we owe:\n• Praktikplatser, due 1 May 2031, for ${ourName}`);
		expect(erikDigest.text).toContain(`What is owed to us:\n• Samordnad plan, due 20 May 2031, by ${ourName}`);
		expect(erikDigest.text).toContain(`Who waits on us:\n• ${ourName}: 1`);
		expect(erikDigest.text).toContain(`Whom we wait on:\n• ${ourName}: 1`);
		expect(erikDigest.text).not.toContain('Redan klar');
		expect(linkIn(erikDigest.text!, origin)).toBe(`${origin}/actions?who=agency`);
		const swedish = got.find((m) => to(m) === owner.user.email)!;
		expect(swedish.subject).toBe(`Veckan för ${ourName} i Ledningsgrupp för utveckling`);
		expect(swedish.text).toContain(`Det vi har lovat:\n• Samordnad plan, klart 20 maj 2031, till ${theirName}`);
		expect(swedish.text).toContain(`Försenat:\n• Praktikplatser, klart 1 maj 2031, av ${theirName}`);
		expect(smtp.received.map(to)).not.toContain(sara.user.email);
		// The next week is a new digest.
		expect(await mail.weeklyDigests(deps, origin, '2031-05-19')).toEqual(['queued', 'queued']);
		await smtp.waitFor(4);
	});

	it('an answered ask is not e-mailed to someone removed from the board since, nor to the one who answered their own', async () => {
		const store = app.runtime.store;
		const chair = await makeUser(store, 'Chris');
		const gone = await makeUser(store, 'Gunnar');
		const { boardId } = await makeMeeting(store, chair.user);
		await store.boards.addMember(boardId, gone.user.id, 'contributor');
		const answer = { boardId, askText: 'Fråga', outcome: 'declined' as const, meetingId: null, number: null, agencyId: null, reason: 'Nej.', answerer: chair.user };
		const deps = { store, config: app.runtime.config };
		expect(await mail.askAnswered(deps, origin, { ...answer, askId: 'a1', askerId: chair.user.id })).toEqual([]);
		expect(await store.boards.removeMember(boardId, gone.user.id, new Date())).toBe('changed');
		expect(await mail.askAnswered(deps, origin, { ...answer, askId: 'a2', askerId: gone.user.id })).toEqual([]);
		const queued = [...(await store.outbox.list('pending')), ...(await store.outbox.list('sending')), ...(await store.outbox.list('sent'))];
		expect(queued.filter((row) => row.kind === 'askAnswered')).toEqual([]);
	});

	it('the daily upkeep removes sent messages after MAIL_RETENTION_DAYS, not before; their unsubscribe links keep working', async () => {
		const store = app.runtime.store;
		while ((await store.outbox.list('sent')).length < 4) await new Promise((r) => setTimeout(r, 50));
		const options = { historyRetentionDays: 90, auditRetentionDays: null, mailRetentionDays: 30 };
		const early = await boardUpkeepOnce(store, null, options, new Date(Date.now() + 29 * DAY));
		expect(early.mailPruned).toEqual({ sent: 0, failed: 0, links: 0 });
		expect(await store.outbox.list('sent')).toHaveLength(4);
		const late = await boardUpkeepOnce(store, null, options, new Date(Date.now() + 31 * DAY));
		expect(late.mailPruned).toEqual({ sent: 4, failed: 0, links: 0 });
		expect(await store.outbox.list('sent')).toEqual([]);
		const token = new URL(linkIn(erikDigest.text!, `${origin}/unsubscribe/`)).pathname.split('/').pop()!;
		expect(await mail.unsubscribeTarget(store, token)).toEqual({ address: erik.user.email.toLowerCase(), kind: 'weeklyDigest' });
	});

	it('on the built server the digest’s link opens the agency’s register, and the removed message’s unsubscribe link still unsubscribes', async () => {
		const dataDir = app.dataDir;
		await app.close();
		const server = await startBuiltServerOn(dataDir);
		try {
			const link = new URL(linkIn(erikDigest.text!, `${origin}/actions`));
			const register = await fetch(server.url + link.pathname + link.search, { headers: { cookie: erik.cookie, 'accept-language': 'en' } });
			expect(register.status).toBe(200);
			expect(await register.text()).toContain('Praktikplatser');
			const unsubscribe = new URL(linkIn(erikDigest.text!, `${origin}/unsubscribe/`)).pathname;
			const shown = await (await fetch(server.url + unsubscribe, { headers: { 'accept-language': 'en' } })).text();
			expect(shown).toContain(`to ${erik.user.email.toLowerCase()}?`);
			const done = await fetch(server.url + unsubscribe, { method: 'POST', body: new URLSearchParams({}), headers: { origin: server.url, accept: 'text/html', 'accept-language': 'en' } });
			expect(done.status).toBe(200);
			const account = await (await fetch(server.url + '/account', { headers: { cookie: erik.cookie } })).text();
			expect(account).not.toMatch(/id="mail-kind-weeklyDigest"[^>]*checked/);
			expect(account).toMatch(/id="mail-kind-askAnswered"[^>]*checked/);
		} finally {
			await server.stop();
		}
	});
});
