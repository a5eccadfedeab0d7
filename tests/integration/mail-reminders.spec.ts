import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { docName } from '../../src/lib/domain/doc-names';
import * as mail from '../../src/lib/server/services/mail';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { linkIn, startSmtp, type TestSmtp } from './mail-harness';
import { projectedAction } from './store-contract-actions';

/**
 * Action reminders (issue 14, point 7): due in three days and overdue, to the assignee, in their
 * language, once per action and due date however often the hourly job runs. Done actions and
 * actions without an assignee are left alone, and so is backlog overdue by more than a week.
 */
describe('e-mail reminders for actions', () => {
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

	it('due in three days and overdue arrive once each, in the assignee’s language; the rest send nothing', async () => {
		const store = app.runtime.store;
		const owner = await makeUser(store, 'Olle');
		const erik = await makeUser(store, 'Erik');
		const { boardId } = await makeMeeting(store, owner.user);
		await store.mailPrefs.setLanguage(erik.user.id, 'en');
		const today = '2031-05-10';
		const rows = [
			projectedAction({ title: 'Snart klar', assigneeId: erik.user.id, dueDate: '2031-05-13' }),
			projectedAction({ title: 'Försenad', assigneeId: owner.user.id, dueDate: '2031-05-08', status: 'in_progress' }),
			projectedAction({ title: 'Redan klar', assigneeId: erik.user.id, dueDate: '2031-05-13', status: 'done' }),
			projectedAction({ title: 'Utan ansvarig', assigneeId: null, dueDate: '2031-05-13' }),
			projectedAction({ title: 'Gammal', assigneeId: erik.user.id, dueDate: '2031-04-01' }),
			projectedAction({ title: 'Om fyra dagar', assigneeId: erik.user.id, dueDate: '2031-05-14' })
		];
		await store.projections.replaceBoardActions(boardId, docName({ kind: 'board', boardId }), rows, 1);

		const origin = 'https://samtavla.example';
		expect(await mail.actionReminders({ store, config: app.runtime.config }, origin, today)).toEqual(['queued', 'queued']);
		// The next hourly run the same day: nothing new.
		expect(await mail.actionReminders({ store, config: app.runtime.config }, origin, today)).toEqual(['duplicate', 'duplicate']);
		const got = await smtp.waitFor(2);
		const soon = got.find((m) => to(m) === erik.user.email)!;
		expect(soon.subject).toBe('Due in three days: Snart klar');
		expect(soon.text).toContain('is due on 13 May 2031');
		expect(linkIn(soon.text!, origin)).toBe(`${origin}/actions`);
		const late = got.find((m) => to(m) === owner.user.email)!;
		expect(late.subject).toBe('Försenad: Försenad');
		expect(late.text).toContain('skulle ha varit klar 8 maj 2031');
		expect(smtp.received).toHaveLength(2);
	});
});
