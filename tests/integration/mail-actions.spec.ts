import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { createAction, updateAction } from '../../src/lib/domain/board-doc';
import { docName } from '../../src/lib/domain/doc-names';
import { registerMailHooks } from '../../src/lib/server/mail/hooks';
import { liveMailHooks } from '../../src/lib/server/web/mail-hooks';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { linkIn, startSmtp, type TestSmtp } from './mail-harness';
import { connectClient, synced, type TestClient } from './yclient';

/**
 * "An action assigned to you" (issue 14, point 7): the assignment is made in the live board
 * document by a stock y-websocket client; the action projection sees the new assignee and the
 * assignee gets one message in their own language. SvelteKit's bundle registers the hooks that
 * write it (hooks.server.ts); this in-process server has no bundle, so the test registers them.
 */
describe('e-mail for actions assigned in the live board document', () => {
	let smtp: TestSmtp;
	let app: Awaited<ReturnType<typeof startTestApp>>;
	let client: TestClient;

	beforeAll(async () => {
		smtp = await startSmtp();
		app = await startTestApp({ env: { ...smtp.env, MAIL_POLL_MS: '200', MAIL_LEASE_MS: '2000' } });
		registerMailHooks(liveMailHooks);
	});
	afterAll(async () => {
		client?.destroy();
		registerMailHooks(undefined);
		await app?.close();
		await smtp?.close();
	});

	const to = (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : undefined);

	it('the assignee is told once, in English for an English reader; self-assigned and edited actions send nothing more', async () => {
		const store = app.runtime.store;
		const owner = await makeUser(store, 'Olle');
		const erik = await makeUser(store, 'Erik');
		const { boardId, meetingId } = await makeMeeting(store, owner.user);
		await store.boards.addMember(boardId, erik.user.id, 'editor');
		await store.mailPrefs.setLanguage(erik.user.id, 'en');
		client = connectClient(app.url, docName({ kind: 'board', boardId }), owner.cookie);
		await synced(client);

		const base = { description: '', agencyId: erik.user.agencyId, raisedByAgencyId: owner.user.agencyId, createdBy: owner.user.id, dueDate: '2031-02-03', meetingId, itemId: 'item1' };
		const first = createAction(client.doc, { ...base, title: 'Gemensam rutin för SIP', assigneeId: erik.user.id });
		const [mail] = await smtp.waitFor(1);
		expect(to(mail)).toBe(erik.user.email);
		expect(mail.subject).toBe('New action item for you: Gemensam rutin för SIP');
		expect(mail.text).toContain('Due: 3 February 2031');
		expect(linkIn(mail.text!, app.url)).toBe(`${app.url}/actions`);

		// Edited (same assignee), and one the owner takes on themselves: nothing to tell.
		updateAction(client.doc, first, { title: 'Gemensam rutin för SIP, version 2' });
		createAction(client.doc, { ...base, title: 'Boka lokal', assigneeId: owner.user.id });
		// Then one more for Erik: it is the next message, so nothing came in between.
		createAction(client.doc, { ...base, title: 'Bjud in vården', assigneeId: erik.user.id });
		const [, second] = await smtp.waitFor(2);
		expect(second.subject).toBe('New action item for you: Bjud in vården');
		expect(to(second)).toBe(erik.user.email);
	});
});
