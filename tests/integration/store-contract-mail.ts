import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/domain/ids';
import type { NewMail } from '../../src/lib/server/store/mail-types';
import { projectedAction, type ContractContext } from './store-contract-actions';

/**
 * The store contract for the e-mail outbox (issue 14, points 6 and 8): queueing once per key,
 * opt-outs, claims that two instances never share, retries, giving up without deleting, and a
 * holder that died (its lease ends, the row is sent again with the same id, so the same
 * Message-ID). Leases of 0 ms end at once, so nothing here waits for a clock.
 */
export function mailContract(ctx: ContractContext) {
	const AT = new Date('2026-12-02T11:00:00.000Z');

	function mail(overrides: Partial<NewMail> = {}): NewMail {
		const id = newId();
		return {
			id,
			kind: 'invitation',
			recipient: `person-${id}@example.org`,
			userId: null,
			dedupeKey: `invite:${id}`,
			content: {
				to: 'x@example.org',
				subject: 'Inbjudan — "Ledningsgrupp" <åäö>',
				text: 'Hej!\nVälkommen.',
				html: '<p>Hej!</p>',
				headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
				attachments: [{ filename: 'm.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }]
			},
			unsubscribeHash: `hash-${id}`,
			createdAt: AT,
			...overrides
		};
	}

	/** Leaves nothing due from earlier tests: what is due now is claimed and marked sent. */
	async function drain(): Promise<void> {
		const store = ctx.store();
		for (const row of await store.outbox.claim('drain', 60_000, 1000)) await store.outbox.markSent(row.id, 'drain');
	}

	describe('mail outbox', () => {
		it('queues once per dedupe key, keeps the rendered content, and skips an address that opted out of the kind', async () => {
			const store = ctx.store();
			await drain();
			const m = mail();
			expect(await store.outbox.enqueue(m)).toBe('queued');
			expect(await store.outbox.enqueue({ ...mail(), dedupeKey: m.dedupeKey })).toBe('duplicate');
			const stored = await store.outbox.get(m.id);
			expect(stored).toMatchObject({ id: m.id, kind: 'invitation', recipient: m.recipient, state: 'pending', attempts: 0, leaseHolder: null, sentAt: null });
			expect(stored?.content).toEqual(m.content);
			expect(stored?.createdAt).toEqual(AT);
			expect(await store.outbox.get('no-such-row')).toBeNull();

			const address = `Opted-${newId()}@Example.org`;
			await store.mailPrefs.setOptOut(address, 'meetingChanged', true, AT);
			await store.mailPrefs.setOptOut(address.toLowerCase(), 'meetingChanged', true, AT); // twice: still one choice
			expect(await store.mailPrefs.optOuts(address.toUpperCase())).toEqual(['meetingChanged']);
			expect(await store.outbox.enqueue(mail({ recipient: address, kind: 'meetingChanged' }))).toBe('opted-out');
			expect(await store.outbox.enqueue(mail({ recipient: address, kind: 'meetingCreated' }))).toBe('queued');
			await store.mailPrefs.setOptOut(address, 'meetingChanged', false, AT);
			expect(await store.mailPrefs.optOuts(address)).toEqual([]);
			expect(await store.outbox.enqueue(mail({ recipient: address, kind: 'meetingChanged' }))).toBe('queued');
			// Without a key, every queueing is a message of its own.
			expect(await store.outbox.enqueue(mail({ dedupeKey: null }))).toBe('queued');
			expect(await store.outbox.enqueue(mail({ dedupeKey: null }))).toBe('queued');
			await drain();
		});

		it('the unsubscribe token finds the address and kind it was sent for', async () => {
			const store = ctx.store();
			const m = mail({ kind: 'actionAssigned', unsubscribeHash: `h-${newId()}` });
			await store.outbox.enqueue(m);
			expect(await store.mailPrefs.unsubscribeTarget(m.unsubscribeHash!)).toEqual({ address: m.recipient, kind: 'actionAssigned' });
			expect(await store.mailPrefs.unsubscribeTarget('unknown')).toBeNull();
			await drain();
		});

		it('a claim holds a row for its holder; a second claimer never gets it while the lease lasts; sent is final', async () => {
			const store = ctx.store();
			await drain();
			const m = mail();
			await store.outbox.enqueue(m);
			const [first, second] = await Promise.all([store.outbox.claim('a', 60_000, 10), store.outbox.claim('b', 60_000, 10)]);
			const claimed = [...first, ...second];
			expect(claimed.map((r) => r.id)).toEqual([m.id]);
			const holder = first.length === 1 ? 'a' : 'b';
			expect(claimed[0]).toMatchObject({ state: 'sending', attempts: 1, leaseHolder: holder });
			expect(await store.outbox.claim('c', 60_000, 10)).toEqual([]);
			// Only the holder marks it.
			expect(await store.outbox.markSent(m.id, holder === 'a' ? 'b' : 'a')).toBe(false);
			expect(await store.outbox.markSent(m.id, holder)).toBe(true);
			expect(await store.outbox.markSent(m.id, holder)).toBe(false);
			const sent = await store.outbox.get(m.id);
			expect(sent).toMatchObject({ state: 'sent', attempts: 1, leaseHolder: null });
			expect(sent?.sentAt).toBeInstanceOf(Date);
			expect(await store.outbox.claim('c', 0, 10)).toEqual([]);
			expect((await store.outbox.list('sent')).map((r) => r.id)).toContain(m.id);
		});

		it('many rows claimed by two instances at once: each row by exactly one', async () => {
			const store = ctx.store();
			await drain();
			const ids = new Set<string>();
			for (let i = 0; i < 12; i++) {
				const m = mail();
				ids.add(m.id);
				await store.outbox.enqueue(m);
			}
			const batches = await Promise.all([store.outbox.claim('a', 60_000, 5), store.outbox.claim('b', 60_000, 5), store.outbox.claim('c', 60_000, 5)]);
			const got = batches.flat().map((r) => r.id);
			expect(new Set(got).size).toBe(got.length);
			expect(got.length).toBe(12);
			expect(new Set(got)).toEqual(ids);
			for (const [i, holder] of ['a', 'b', 'c'].entries()) for (const row of batches[i]) expect(await store.outbox.markSent(row.id, holder)).toBe(true);
		});

		it('a failure is retried after the wait given, then given up after the last attempt and kept', async () => {
			const store = ctx.store();
			await drain();
			const m = mail();
			await store.outbox.enqueue(m);
			const failure = (retryMs: number) => ({ error: '421 try later', retryMs, maxAttempts: 2, permanent: false });
			let [row] = await store.outbox.claim('w', 60_000, 10);
			expect(row.id).toBe(m.id);
			// Waiting an hour: not due now.
			expect(await store.outbox.markFailed(m.id, 'w', failure(3_600_000))).toBe('pending');
			expect(await store.outbox.claim('w', 60_000, 10)).toEqual([]);
			const waiting = await store.outbox.get(m.id);
			expect(waiting).toMatchObject({ state: 'pending', attempts: 1, lastError: '421 try later', leaseHolder: null });
			expect(waiting!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 3_000_000);

			const again = mail();
			await store.outbox.enqueue(again);
			[row] = await store.outbox.claim('w', 60_000, 10);
			expect(row.id).toBe(again.id);
			expect(await store.outbox.markFailed(again.id, 'w', failure(0))).toBe('pending');
			[row] = await store.outbox.claim('w', 60_000, 10);
			expect(row).toMatchObject({ id: again.id, attempts: 2 });
			expect(await store.outbox.markFailed(again.id, 'other', failure(0))).toBeNull();
			expect(await store.outbox.markFailed(again.id, 'w', failure(0))).toBe('failed');
			expect(await store.outbox.claim('w', 60_000, 10)).toEqual([]);
			expect(await store.outbox.get(again.id)).toMatchObject({ state: 'failed', attempts: 2, lastError: '421 try later' });
			expect((await store.outbox.list('failed')).map((r) => r.id)).toContain(again.id);

			// A refused address is given up at once.
			const refused = mail();
			await store.outbox.enqueue(refused);
			await store.outbox.claim('w', 60_000, 10);
			expect(await store.outbox.markFailed(refused.id, 'w', { error: '550 no such user', retryMs: 0, maxAttempts: 8, permanent: true })).toBe('failed');
		});

		it('a holder that died mid-send: when its lease ends the row is claimed again, the same row, and the late holder cannot mark it', async () => {
			const store = ctx.store();
			await drain();
			const m = mail();
			await store.outbox.enqueue(m);
			const [claimed] = await store.outbox.claim('dead', 0, 10);
			expect(claimed.id).toBe(m.id);
			const [reclaimed] = await store.outbox.claim('alive', 60_000, 10);
			expect(reclaimed).toMatchObject({ id: m.id, attempts: 2, leaseHolder: 'alive', content: m.content });
			expect(await store.outbox.markSent(m.id, 'dead')).toBe(false);
			expect(await store.outbox.markSent(m.id, 'alive')).toBe(true);
			expect(await store.outbox.claim('any', 0, 10)).toEqual([]);
		});

		it('recipients: address and language of each user; the language is kept when set', async () => {
			const store = ctx.store();
			const u = await ctx.user();
			const other = await ctx.user();
			expect(await store.mailPrefs.recipients([])).toEqual([]);
			expect(await store.mailPrefs.recipients([u.id, 'no-such-user'])).toEqual([{ userId: u.id, email: u.email, language: 'sv' }]);
			await store.mailPrefs.setLanguage(u.id, 'da');
			const both = await store.mailPrefs.recipients([u.id, other.id]);
			expect(both.sort((a, b) => (a.userId === u.id ? -1 : b.userId === u.id ? 1 : 0))).toEqual([
				{ userId: u.id, email: u.email, language: 'da' },
				{ userId: other.id, email: other.email, language: 'sv' }
			]);
		});

		it('forget: the messages of an erased account (by id or address, any case) and the choices of its address go; others stay', async () => {
			const store = ctx.store();
			await drain();
			const u = await ctx.user();
			const mine = mail({ userId: u.id, recipient: u.email });
			const byAddress = mail({ recipient: u.email.toUpperCase() });
			const other = mail();
			for (const m of [mine, byAddress, other]) await store.outbox.enqueue(m);
			await store.mailPrefs.setOptOut(u.email, 'invitation', true, AT);
			expect(await store.mailPrefs.forget(u.id, u.email)).toBe(2);
			expect(await store.outbox.get(mine.id)).toBeNull();
			expect(await store.outbox.get(byAddress.id)).toBeNull();
			expect(await store.outbox.get(other.id)).not.toBeNull();
			expect(await store.mailPrefs.optOuts(u.email)).toEqual([]);
			await drain();
		});

		it('prune (MAIL_RETENTION_DAYS): sent rows and old given-up rows go, pending ones stay; their unsubscribe links keep working until they expire or the account is erased', async () => {
			const store = ctx.store();
			await drain();
			const sent = mail({ recipient: `Sent-${newId()}@Example.org`, kind: 'meetingCreated' });
			const pending = mail({ createdAt: new Date('2025-01-01T00:00:00Z') });
			const oldFailed = mail({ createdAt: new Date('2026-01-01T00:00:00Z'), kind: 'actionOverdue' });
			const newFailed = mail({ createdAt: new Date() });
			for (const m of [sent, oldFailed, newFailed]) {
				await store.outbox.enqueue(m);
				const [row] = await store.outbox.claim('w', 60_000, 1);
				expect(row.id).toBe(m.id);
				if (m === sent) expect(await store.outbox.markSent(m.id, 'w')).toBe(true);
				else expect(await store.outbox.markFailed(m.id, 'w', { error: '550 no', retryMs: 0, maxAttempts: 8, permanent: true })).toBe('failed');
			}
			// Queued last, due at once, never claimed here: still pending.
			await store.outbox.enqueue(pending);
			const soon = new Date(Date.now() + 60_000);
			const pruned = await store.outbox.prune({ sentBefore: soon, failedBefore: new Date('2026-06-01T00:00:00Z'), linksBefore: new Date('2025-06-01T00:00:00Z') });
			expect(pruned.sent).toBeGreaterThanOrEqual(1);
			expect(pruned.failed).toBeGreaterThanOrEqual(1);
			expect(await store.outbox.get(sent.id)).toBeNull();
			expect(await store.outbox.get(oldFailed.id)).toBeNull();
			expect(await store.outbox.get(newFailed.id)).toMatchObject({ state: 'failed' });
			expect(await store.outbox.get(pending.id)).toMatchObject({ state: 'pending' });
			// The message went; its unsubscribe link did not.
			expect(await store.mailPrefs.unsubscribeTarget(sent.unsubscribeHash!)).toEqual({ address: sent.recipient.toLowerCase(), kind: 'meetingCreated' });
			expect(await store.mailPrefs.unsubscribeTarget(oldFailed.unsubscribeHash!)).toEqual({ address: oldFailed.recipient, kind: 'actionOverdue' });
			// Erasing the account takes its kept links too.
			await store.mailPrefs.forget('no-such-user', sent.recipient.toUpperCase());
			expect(await store.mailPrefs.unsubscribeTarget(sent.unsubscribeHash!)).toBeNull();
			// Links expire: oldFailed's (queued 2026-01-01) goes with a later cut-off.
			const later = await store.outbox.prune({ sentBefore: soon, failedBefore: new Date('2026-06-01T00:00:00Z'), linksBefore: new Date('2026-02-01T00:00:00Z') });
			expect(later.links).toBeGreaterThanOrEqual(1);
			expect(await store.mailPrefs.unsubscribeTarget(oldFailed.unsubscribeHash!)).toBeNull();
			await drain();
		});

		it('markAgendaSent: the first sending has no previous one, a later one returns the earlier time; a missing meeting gives undefined', async () => {
			const store = ctx.store();
			const owner = await ctx.user();
			const b = await ctx.board(owner);
			const meetingId = newId();
			await store.meetings.create({ id: meetingId, boardId: b.id, title: 'Möte', startsAt: AT, place: '', accessibilityNotes: '', onlineUrl: '', createdBy: owner.id, createdAt: AT });
			expect((await store.meetings.get(meetingId))?.agendaSentAt).toBeNull();
			const first = new Date('2026-12-01T08:00:00.000Z');
			expect(await store.meetings.markAgendaSent(meetingId, first)).toEqual({ previous: null });
			expect((await store.meetings.get(meetingId))?.agendaSentAt).toEqual(first);
			expect(await store.meetings.markAgendaSent(meetingId, new Date('2026-12-02T08:00:00.000Z'))).toEqual({ previous: first });
			expect(await store.meetings.markAgendaSent('no-such-meeting', first)).toBeUndefined();
		});

		it('actionsDue: open actions with an assignee due in the range, by due date', async () => {
			const store = ctx.store();
			const owner = await ctx.user();
			const b = await ctx.board(owner);
			const rows = [
				projectedAction({ assigneeId: owner.id, dueDate: '2040-01-03', title: 'b' }),
				projectedAction({ assigneeId: owner.id, dueDate: '2040-01-01', title: 'a' }),
				projectedAction({ assigneeId: owner.id, dueDate: '2040-01-02', status: 'done' }),
				projectedAction({ assigneeId: null, dueDate: '2040-01-02' }),
				projectedAction({ assigneeId: owner.id, dueDate: '2040-01-04' })
			];
			await store.projections.replaceBoardActions(b.id, `board:${b.id}`, rows, 1);
			expect(await store.mailPrefs.actionsDue('2040-01-01', '2040-01-03')).toEqual([
				{ boardId: b.id, actionId: rows[1].id, title: 'a', dueDate: '2040-01-01', assigneeId: owner.id },
				{ boardId: b.id, actionId: rows[0].id, title: 'b', dueDate: '2040-01-03', assigneeId: owner.id }
			]);
		});
	});
}
