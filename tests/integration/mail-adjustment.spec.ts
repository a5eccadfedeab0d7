import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { newAdjustment } from '../../src/lib/domain/adjustment';
import * as mail from '../../src/lib/server/services/mail';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { linkIn, startSmtp, type TestSmtp } from './mail-harness';

/**
 * The minutes sent for adjustment (to the chair and the adjusters) and adjusted (to every member),
 * through the mail service against a real SMTP server (issue 14, point 7): each person once, in
 * their own language, never the one who acted. The routes call the same service after a move to
 * `in_adjustment` and after the last approval.
 */
describe('e-mail for adjustment', () => {
	let smtp: TestSmtp;
	let app: Awaited<ReturnType<typeof startTestApp>>;

	beforeAll(async () => {
		smtp = await startSmtp();
		app = await startTestApp({ env: { ...smtp.env, MAIL_POLL_MS: '200', MAIL_LEASE_MS: '2000' } });
	});
	afterAll(async () => {
		await app?.close();
		await smtp?.close();
	});

	const to = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? m.to.value[0].address : undefined);

	it('sent for adjustment: the chair (who sent it) is not asked, each adjuster is, in their language; adjusted: every other member is told', async () => {
		const store = app.runtime.store;
		const chair = await makeUser(store, 'Olle');
		const dana = await makeUser(store, 'Dana');
		const erik = await makeUser(store, 'Erik');
		const sara = await makeUser(store, 'Sara');
		const { boardId, meetingId } = await makeMeeting(store, chair.user);
		for (const p of [dana, erik, sara]) await store.boards.addMember(boardId, p.user.id, 'editor');
		await store.mailPrefs.setLanguage(dana.user.id, 'da');
		await store.mailPrefs.setLanguage(erik.user.id, 'en');
		const meeting = (await store.meetings.get(meetingId))!;
		const adjustment = {
			...newAdjustment({ chairId: chair.user.id, secretaryId: sara.user.id }),
			appointment: { adjusterIds: [dana.user.id, erik.user.id], dueDate: '2026-12-20', by: chair.user.id, at: new Date().toISOString() }
		};
		const at = new Date();
		expect(await store.meetings.change(meetingId, { revision: meeting.revision, adjustment, bumpSequence: false, event: { kind: 'appointed', actorId: chair.user.id, at, detail: {} } })).not.toBeNull();

		const origin = 'https://samtavla.example';
		const asked = await mail.adjustmentNotice({ store, config: app.runtime.config }, origin, { kind: 'adjustmentRequested', meetingId, actorId: chair.user.id });
		expect(asked).toEqual(['queued', 'queued']);
		// The same request again (a double click) sends nothing more.
		expect(await mail.adjustmentNotice({ store, config: app.runtime.config }, origin, { kind: 'adjustmentRequested', meetingId, actorId: chair.user.id })).toEqual(['duplicate', 'duplicate']);
		const requests = await smtp.waitFor(2);
		const byAddress = new Map(requests.map((m) => [to(m), m]));
		expect([...byAddress.keys()].sort()).toEqual([dana.user.email, erik.user.email].sort());
		expect(byAddress.get(dana.user.email)!.subject).toMatch(/^Godkend referatet: Möte /);
		expect(byAddress.get(erik.user.email)!.subject).toMatch(/^Please adjust the minutes: Möte /);
		expect(linkIn(byAddress.get(erik.user.email)!.text!, origin)).toBe(`${origin}/meetings/${meetingId}`);

		const told = await mail.adjustmentNotice({ store, config: app.runtime.config }, origin, { kind: 'protocolAdjusted', meetingId, actorId: erik.user.id });
		expect(told).toEqual(['queued', 'queued', 'queued']);
		const adjusted = (await smtp.waitFor(5)).slice(2);
		expect(adjusted.map(to).sort()).toEqual([chair.user.email, dana.user.email, sara.user.email].sort());
		const swedish = adjusted.find((m) => to(m) === sara.user.email)!;
		expect(swedish.subject).toMatch(/^Protokollet är justerat: Möte /);
		expect(swedish.text).toContain('är justerat och låst');
	});

	it('with e-mail off nothing is queued', async () => {
		const off = { store: app.runtime.store, config: { smtp: undefined } };
		expect(await mail.adjustmentNotice(off, 'https://x.example', { kind: 'protocolAdjusted', meetingId: 'any', actorId: 'any' })).toEqual(['off']);
		expect(mail.inviteAddress({ smtp: undefined }, 'a@b.se')).toEqual({ ok: true, value: null });
	});
});
