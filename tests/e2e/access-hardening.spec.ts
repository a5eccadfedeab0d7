import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectConnected, open, personContext, signUp, uniqueEmail } from './support';

/**
 * Issue 8: old invite links cannot undo an owner's decision, links may be limited in uses, a NUL
 * in any field or address is a 400 with a message (never a 500), and controls that hide or
 * disable themselves leave keyboard focus somewhere meaningful.
 */

const memberRow = (page: Page, name: string) => page.getByTestId('member-list').getByRole('listitem').filter({ hasText: name });
const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);

async function ownerWithBoard(browser: Browser, tag: string) {
	const owner = await (await personContext(browser)).newPage();
	await open(owner, '/signup');
	await signUp(owner, { name: `Olga Ägare ${tag}`, email: uniqueEmail('olga'), agency: `Socialförvaltningen ${tag}`, kind: 'social_services' });
	await owner.locator('#board-name').fill(`Samverkan ${tag}`);
	await owner.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(owner).toHaveURL(/\/boards\/[a-z0-9]+$/);
	return { owner, boardUrl: owner.url() };
}

/** Creates an invite link on the owner's board page; `uses` picks the limit. */
async function createLink(owner: Page, boardUrl: string, role: 'Redaktör' | 'Läsare', uses: 'unlimited' | 'one' | number = 'unlimited') {
	await open(owner, boardUrl);
	await owner.getByRole('radio', { name: new RegExp(role) }).check();
	if (uses === 'one') await owner.getByTestId('invite-uses-one').check();
	else if (typeof uses === 'number') {
		await owner.getByTestId('invite-uses-several').check();
		await owner.getByTestId('invite-max-uses').fill(String(uses));
	}
	await owner.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	return new URL(await owner.getByTestId('invite-link').inputValue()).pathname;
}

async function newcomer(browser: Browser, link: string, name: string, agency: string) {
	const page = await (await personContext(browser)).newPage();
	await open(page, `/signup?redirectTo=${encodeURIComponent(link)}`);
	await signUp(page, { name, email: uniqueEmail('ny'), agency, kind: 'employment_services' });
	await expect(page).toHaveURL(/\/invite\//);
	return page;
}

test('an old invite link never undoes a demotion or a removal; a one-person link is used up', async ({ browser }) => {
	const { owner, boardUrl } = await ownerWithBoard(browser, 'L');
	const link = await createLink(owner, boardUrl, 'Redaktör');
	const editor = await newcomer(browser, link, 'Edvin Redaktör', 'Arbetsförmedlingen L');
	await editor.getByTestId('join-board').click();
	await expect(editor).toHaveURL(boardUrl);

	// Demoted to viewer, the editor opens the old link again: told they are a member, role unchanged.
	await open(owner, boardUrl);
	await memberRow(owner, 'Edvin Redaktör').getByTestId('member-role-select').selectOption({ label: 'Läsare' });
	await memberRow(owner, 'Edvin Redaktör').getByTestId('member-role-save').click();
	await expect(owner.getByTestId('member-notice')).toHaveText('Edvin Redaktör har nu rollen läsare.');
	await open(editor, link);
	await expect(editor.getByTestId('invite-already-member')).toHaveText('Du är redan med i ”Samverkan L” som läsare. Länken ändrar inte din roll.');
	await expect(editor.getByTestId('join-board')).toHaveCount(0);
	await editor.getByRole('link', { name: 'Gå till gruppen' }).click();
	await expect(editor).toHaveURL(boardUrl);
	await expect(editor.getByText('Din roll: Läsare')).toBeVisible();

	// Removed, they cannot come back with the old link.
	await open(owner, boardUrl);
	await owner.getByRole('button', { name: 'Fler val för Edvin Redaktör' }).click();
	await owner.getByRole('menuitem', { name: 'Ta bort Edvin Redaktör från gruppen' }).click();
	await owner.getByTestId('confirm-dialog').getByRole('button', { name: 'Ta bort', exact: true }).click();
	await expect(memberRow(owner, 'Edvin Redaktör')).toHaveCount(0);
	await open(editor, link);
	await expect(editor.getByTestId('invite-page')).toHaveAttribute('data-state', 'removed');
	await expect(editor.getByTestId('invite-refusal')).toContainText('Be gruppens ägare om en ny länk');
	await expect(editor.getByTestId('join-board')).toHaveCount(0);

	// A new link for one person lets them back in; the owner sees it used up.
	const single = await createLink(owner, boardUrl, 'Läsare', 'one');
	const listed = owner.getByTestId('invite-list').getByRole('listitem').first();
	await expect(listed.getByTestId('invite-uses-left')).toHaveText('1 av 1 platser kvar');
	await open(editor, single);
	await editor.getByTestId('join-board').click();
	await expect(editor).toHaveURL(boardUrl);
	await open(owner, boardUrl);
	await expect(memberRow(owner, 'Edvin Redaktör')).toContainText('Roll: Läsare');
	await expect(listed.getByTestId('invite-uses-left')).toHaveText('0 av 1 platser kvar');
	await expect(listed).toHaveAttribute('data-status', 'used-up');
	await expect(listed).toContainText('Förbrukad');

	const late = await newcomer(browser, single, 'Lena Sen', 'Bostadsbolaget L');
	await expect(late.getByTestId('invite-page')).toHaveAttribute('data-state', 'used-up');
	await expect(late.getByTestId('invite-refusal')).toContainText('Be den som bjöd in dig om en ny länk');

	// A link for a number of people, refused when the number is not one.
	await open(owner, boardUrl);
	await owner.getByTestId('invite-uses-several').check();
	await owner.getByTestId('invite-max-uses').fill('1');
	await owner.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	await expect(owner.getByTestId('error-summary')).toContainText('från 2 till 1000');
	await createLink(owner, boardUrl, 'Läsare', 5);
	await expect(owner.getByTestId('invite-list').getByRole('listitem').first().getByTestId('invite-uses-left')).toHaveText('5 av 5 platser kvar');

	for (const page of [owner, editor, late]) await page.context().close();
});

test('a NUL character in a form field or an address is a 400 with a message, never a 500', async ({ browser, baseURL }) => {
	const { owner, boardUrl } = await ownerWithBoard(browser, 'N');
	const request = owner.request;
	const origin = new URL(baseURL!).origin;
	// As a browser without JavaScript posts: the page comes back, with the action's status.
	const headers = { origin, accept: 'text/html' };
	const post = (path: string, form: Record<string, string>) => request.post(path, { form, headers, maxRedirects: 0 });
	const boardPath = new URL(boardUrl).pathname;
	const ownerId = await owner.getByTestId('member-list').getByRole('listitem').first().getAttribute('data-user-id');

	const message = 'osynliga styrtecken';
	const created = await post('/boards?/create', { name: 'Grupp\u0000X', description: '' });
	expect(created.status()).toBe(400);
	expect(await created.text()).toContain(message);

	const meeting = await post(`${boardPath}?/createMeeting`, { title: 'Möte\u0000', startsAt: '2026-12-01T13:00', tzOffset: '60', place: '', accessibilityNotes: '', onlineUrl: '' });
	expect(meeting.status()).toBe(400);
	expect(await meeting.text()).toContain(message);

	for (const action of ['changeRole', 'removeMember']) {
		const response = await post(`${boardPath}?/${action}`, { userId: `${ownerId}\u0000`, role: 'viewer' });
		expect(response.status(), action).toBe(400);
		expect(await response.text(), action).toContain('Personen är inte medlem i gruppen.');
	}

	for (const path of ['/boards/%00', `${boardPath}%00`, '/meetings/%00', '/meetings/x%00y']) {
		expect((await request.get(path, { headers: { accept: 'text/html' } })).status(), path).toBe(400);
	}

	// Signed out: sign-up and sign-in.
	const anonymous = await (await personContext(browser)).newPage();
	const signup = await anonymous.request.post('/signup', {
		form: { displayName: 'Anna\u0000', email: uniqueEmail('nul'), password: 'en lång mening som lösenord', agencyChoice: 'new', newAgencyName: 'Ny N', newAgencyKind: 'other' },
		headers,
		maxRedirects: 0
	});
	expect(signup.status()).toBe(400);
	expect(await signup.text()).toContain(message);
	const signin = await anonymous.request.post('/signin', { form: { email: 'anna\u0000@example.se', password: 'x' }, headers, maxRedirects: 0 });
	expect(signin.status()).toBe(400);
	expect(await signin.text()).toContain(message);

	await owner.context().close();
	await anonymous.context().close();
});

/** An owner with a board, a meeting, and an editor from another agency who joined by link. */
async function boardWithMeeting(browser: Browser, tag: string) {
	const { owner, boardUrl } = await ownerWithBoard(browser, tag);
	await owner.locator('#meeting-title').fill('Möte om fokus');
	await owner.locator('#meeting-starts-at').fill('2026-12-03T13:00');
	await owner.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(owner).toHaveURL(/\/meetings\//);
	const meetingUrl = owner.url();
	const link = await createLink(owner, boardUrl, 'Redaktör');
	const editor = await newcomer(browser, link, `Fia Redaktör ${tag}`, `Arbetsförmedlingen ${tag}`);
	await editor.getByTestId('join-board').click();
	await expect(editor).toHaveURL(boardUrl);
	return { owner, editor, boardUrl, meetingUrl };
}

test('focus after saving a role and revoking an invite on the board page', async ({ browser }) => {
	const { owner, editor, boardUrl } = await boardWithMeeting(browser, 'F');

	// Saving a role: the save button was disabled while sending; focus comes back to it.
	await open(owner, boardUrl);
	const row = memberRow(owner, 'Fia Redaktör F');
	await row.getByTestId('member-role-select').selectOption({ label: 'Läsare' });
	await row.getByTestId('member-role-save').focus();
	await owner.keyboard.press('Enter');
	await expect(owner.getByTestId('member-notice')).toHaveText('Fia Redaktör F har nu rollen läsare.');
	await expect.poll(() => focusedTestId(owner)).toBe('member-role-save');
	expect(await owner.evaluate(() => document.activeElement?.getAttribute('data-user-id'))).toBe(await row.getAttribute('data-user-id'));

	// Revoking an invite: its button disappears; focus goes to the list's heading.
	await owner.getByRole('button', { name: /^Återkalla/ }).first().focus();
	await owner.keyboard.press('Enter');
	await expect(owner.getByText('Inbjudan är återkallad')).toBeVisible();
	await expect.poll(() => focusedTestId(owner)).toBe('invites-heading');

	await owner.context().close();
	await editor.context().close();
});

test('focus after marking an agency and then everyone present (each button hides itself)', async ({ browser }) => {
	const { owner, editor, meetingUrl } = await boardWithMeeting(browser, 'G');
	await open(owner, meetingUrl);
	await expectConnected(owner);
	const attendance = owner.getByTestId('attendance');
	await attendance.getByRole('button', { name: 'Markera alla från Socialförvaltningen G som närvarande' }).focus();
	await owner.keyboard.press('Enter');
	await expect(attendance.getByRole('button', { name: 'Markera alla från Socialförvaltningen G som närvarande' })).toHaveCount(0);
	await expect.poll(() => focusedTestId(owner)).toBe('attendance-agency-heading');
	await expect(owner.locator(':focus')).toContainText('Socialförvaltningen G');
	await expect(owner.getByTestId('announcer')).toHaveText('Alla från Socialförvaltningen G är markerade som närvarande.');

	await owner.getByTestId('mark-all-present').focus();
	await owner.keyboard.press('Enter');
	await expect(owner.getByTestId('mark-all-present')).toHaveCount(0);
	await expect.poll(() => focusedTestId(owner)).toBe('attendance-totals-label');
	await expect(owner.getByTestId('announcer')).toHaveText('Alla är markerade som närvarande.');

	await owner.context().close();
	await editor.context().close();
});

test('focus after revoking the calendar link (the button hides itself)', async ({ browser }) => {
	const { owner } = await ownerWithBoard(browser, 'K');
	await open(owner, '/calendar');
	await owner.getByRole('button', { name: 'Skapa kalenderlänk' }).click();
	await expect(owner.getByTestId('calendar-created')).toBeVisible();
	await open(owner, '/calendar');
	await owner.getByRole('button', { name: 'Återkalla länken' }).focus();
	await owner.keyboard.press('Enter');
	await expect(owner.getByTestId('calendar-revoked')).toBeVisible();
	await expect.poll(() => owner.evaluate(() => document.activeElement?.id)).toBe('calendar-link-heading');
	await owner.context().close();
});
