import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, expectConnected, open, personContext, signUp, uniqueEmail } from './support';

/**
 * The owner manages members on the board page: a role change reaches the member's open meeting
 * page at once (no reload), and a removed member's live connection ends.
 */
const memberRow = (page: Page, name: string) => page.getByTestId('member-list').getByRole('listitem').filter({ hasText: name });

/** An owner with a board and a meeting, and an editor who joined through an invite link. */
async function boardWithEditor(browser: Browser) {
	const owner = await (await personContext(browser)).newPage();
	const editor = await (await personContext(browser)).newPage();

	await open(owner, '/signup');
	await signUp(owner, { name: 'Maja Ägare', email: uniqueEmail('maja'), agency: 'Socialförvaltningen M', kind: 'social_services' });
	await owner.locator('#board-name').fill('Samverkan M');
	await owner.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(owner).toHaveURL(/\/boards\/[a-z0-9]+$/);
	const boardUrl = owner.url();
	await owner.locator('#meeting-title').fill('Möte om medlemmar');
	await owner.locator('#meeting-starts-at').fill('2026-11-12T13:00');
	await owner.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(owner).toHaveURL(/\/meetings\//);
	const meetingUrl = owner.url();

	await open(owner, boardUrl);
	await owner.getByRole('radio', { name: /Redaktör/ }).check();
	await owner.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	const link = new URL(await owner.getByTestId('invite-link').inputValue()).pathname;

	await open(editor, `/signup?redirectTo=${encodeURIComponent(link)}`);
	await signUp(editor, { name: 'Erik Redaktör', email: uniqueEmail('erik'), agency: 'Arbetsförmedlingen M', kind: 'employment_services' });
	await expect(editor).toHaveURL(/\/invite\//);
	await editor.getByTestId('join-board').click();
	await expect(editor).toHaveURL(boardUrl);
	return { owner, editor, boardUrl, meetingUrl };
}

test('the owner lowers an editor to viewer and removes them; their open meeting page follows live', async ({ browser }) => {
	const { owner, editor, boardUrl, meetingUrl } = await boardWithEditor(browser);

	// Only the owner manages members: the editor sees the list read-only.
	await expect(memberRow(editor, 'Maja Ägare')).toBeVisible();
	await expect(editor.getByTestId('member-role-select')).toHaveCount(0);
	await expect(editor.getByTestId('member-remove')).toHaveCount(0);

	// The editor has the meeting open and may write.
	await open(editor, meetingUrl);
	await expectConnected(editor);
	const minutes = editor.getByTestId('minutes-editor');
	await expect(minutes).toHaveAttribute('contenteditable', 'true');
	await expect(editor.getByTestId('read-only-note')).toHaveCount(0);

	// The owner's board page: accessible, a role control for every member but the sole owner (issue 9.8).
	await open(owner, boardUrl);
	await expect(owner.getByTestId('member-role-select')).toHaveCount(1);
	await expect(memberRow(owner, 'Maja Ägare').getByTestId('member-menu')).toHaveCount(0);
	await expectAccessible(owner, 'board page as owner, with member management');

	// The sole owner is not offered to remove herself; a post that tries anyway is refused by the service.
	const ownerId = await memberRow(owner, 'Maja Ägare').getAttribute('data-user-id');
	const refused = await owner.request.post(`${new URL(boardUrl).pathname}?/removeMember`, {
		form: { userId: ownerId! },
		headers: { origin: new URL(boardUrl).origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(refused.status()).toBe(400);
	expect(await refused.text()).toContain('Gruppen måste ha minst en ägare');
	await open(owner, boardUrl);
	await expect(memberRow(owner, 'Maja Ägare')).toBeVisible();

	// Lower the editor to viewer.
	const select = owner.getByRole('combobox', { name: 'Roll för Erik Redaktör' });
	await expect(select).toHaveAttribute('data-testid', 'member-role-select');
	await expect(select).toHaveValue('editor');
	await select.selectOption({ label: 'Läsare' });
	await memberRow(owner, 'Erik Redaktör').getByTestId('member-role-save').click();
	await expect(owner.getByTestId('member-notice')).toHaveText('Erik Redaktör har nu rollen läsare.');
	await expect(memberRow(owner, 'Erik Redaktör')).toContainText('Roll: Läsare');

	// Without a reload, the former editor's page turns read-only: the server said so on the open socket.
	await expect(editor.getByTestId('read-only-note')).toBeVisible();
	await expect(editor.getByTestId('read-only-note')).toContainText('din roll är läsare'); // the page reloaded its permissions from the server
	await expect(minutes).toHaveAttribute('contenteditable', 'false');
	await expect(editor.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');

	// Raised back to editor: the open page can write again, still without a reload.
	await memberRow(owner, 'Erik Redaktör').getByTestId('member-role-select').selectOption({ label: 'Redaktör' });
	await memberRow(owner, 'Erik Redaktör').getByTestId('member-role-save').click();
	await expect(owner.getByTestId('member-notice')).toHaveText('Erik Redaktör har nu rollen redaktör.');
	await expect(minutes).toHaveAttribute('contenteditable', 'true');
	await expect(editor.getByTestId('read-only-note')).toHaveCount(0);
	await minutes.click();
	await editor.keyboard.press('Control+End');
	await editor.keyboard.type(' Skrivet efter ny roll.');
	await expect(minutes).toContainText('Skrivet efter ny roll.');
	await open(owner, meetingUrl);
	await expect(owner.getByTestId('minutes-editor')).toContainText('Skrivet efter ny roll.');
	await open(owner, boardUrl);

	// Remove the member from their menu, after confirming.
	const more = owner.getByRole('button', { name: 'Fler val för Erik Redaktör' });
	await more.click();
	await owner.getByRole('menuitem', { name: 'Ta bort Erik Redaktör från gruppen' }).click();
	const dialog = owner.getByTestId('confirm-dialog');
	await expect(dialog).toContainText('Ta bort Erik Redaktör från gruppen?');
	await dialog.getByRole('button', { name: 'Avbryt' }).click();
	await expect(dialog).toBeHidden();
	await expect(more).toBeFocused();
	await expect(memberRow(owner, 'Erik Redaktör')).toBeVisible();

	await more.click();
	await owner.getByRole('menuitem', { name: 'Ta bort Erik Redaktör från gruppen' }).click();
	await dialog.getByRole('button', { name: 'Ta bort', exact: true }).click();
	await expect(owner.getByTestId('member-notice')).toHaveText('Erik Redaktör är inte längre med i gruppen.');
	await expect(memberRow(owner, 'Erik Redaktör')).toHaveCount(0);

	// The removed person's open page learns it has no access any more.
	await expect(editor.getByTestId('connection-status')).toHaveAttribute('data-state', 'no-access', { timeout: 15_000 });
	await expect(editor.getByTestId('connection-status')).toContainText('Du har inte längre tillgång');

	await owner.context().close();
	await editor.context().close();
});

test('without JavaScript the owner still changes a role and removes a member', async ({ browser }) => {
	const { owner, editor, boardUrl } = await boardWithEditor(browser);
	// The owner's session in a browser without JavaScript: plain form posts, no confirmation dialog.
	const storageState = await owner.context().storageState();
	const plainContext = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', javaScriptEnabled: false, storageState });
	const plain = await plainContext.newPage();
	await plain.goto(boardUrl);
	await plain.getByRole('combobox', { name: 'Roll för Erik Redaktör' }).selectOption('contributor');
	await memberRow(plain, 'Erik Redaktör').getByRole('button', { name: 'Spara roll för Erik Redaktör' }).click();
	await expect(plain.getByTestId('member-notice')).toHaveText('Erik Redaktör har nu rollen bidragsgivare.');
	await expect(plain.getByRole('combobox', { name: 'Roll för Erik Redaktör' })).toHaveValue('contributor');

	// Removal asks first on a confirmation step of the page (a link, then a plain form).
	await memberRow(plain, 'Erik Redaktör').getByRole('link', { name: 'Ta bort Erik Redaktör från gruppen' }).click();
	const step = plain.getByTestId('remove-member-step');
	await expect(step).toContainText('Ta bort Erik Redaktör från gruppen?');
	await step.getByRole('link', { name: 'Avbryt' }).click();
	await expect(plain.getByTestId('remove-member-step')).toHaveCount(0);
	await memberRow(plain, 'Erik Redaktör').getByRole('link', { name: 'Ta bort Erik Redaktör från gruppen' }).click();
	await step.getByRole('button', { name: 'Ta bort', exact: true }).click();
	await expect(plain.getByTestId('member-notice')).toHaveText('Erik Redaktör är inte längre med i gruppen.');
	await expect(memberRow(plain, 'Erik Redaktör')).toHaveCount(0);

	await plainContext.close();
	await owner.context().close();
	await editor.context().close();
});
