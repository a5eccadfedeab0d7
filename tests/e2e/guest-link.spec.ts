import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, expectConnected, open, personContext, startBoard } from './support';

/**
 * Issue 14, point 1: a guest of one meeting comes in by link, with no account, writes their
 * perspective in the easy view, follows the chair's current §, and can reach nothing else.
 */
const openItem = (page: Page) => page.getByTestId('open-item');

async function addItem(owner: Page, title: string) {
	const form = owner.getByTestId('add-item-form');
	await form.getByLabel('Rubrik').fill(title);
	await form.getByRole('button', { name: 'Lägg till punkt' }).click();
	await owner.getByTestId('agenda-item').filter({ hasText: title }).getByTestId('item-link').click();
	await expect(openItem(owner).locator('#open-item-heading')).toContainText(title);
}

test('a guest joins by link without an account, writes a perspective in easy mode, follows the chair and reaches nothing else', async ({ browser }) => {
	test.setTimeout(240_000);
	const owner = await (await personContext(browser)).newPage();
	const { boardPath, meetingPath } = await startBoard(owner, { person: { name: 'Greta Ordförande', agency: 'Socialförvaltningen Gästby', kind: 'social_services' }, board: 'Samverkan Gästby', meeting: 'Familjeråd' });
	await addItem(owner, 'Boendet');
	await addItem(owner, 'Skolan');

	// The owner invites the guest by keyboard from the meeting's guest page; the link and QR code appear.
	await owner.getByTestId('guests-link').click();
	await expect(owner.getByRole('heading', { level: 1 })).toHaveText('Gäster');
	await expectAccessible(owner, 'the guest page');
	await owner.getByLabel('Gästens namn').fill('Hanna Hyresgäst');
	await owner.getByLabel('Kommer för').selectOption({ label: 'Sig själv (privatperson)' });
	await owner.getByLabel('Följa mötet och skriva sitt perspektiv').check();
	await owner.getByTestId('guest-invite-submit').focus();
	await owner.keyboard.press('Enter');
	await expect(owner.getByTestId('guest-created')).toContainText('Hanna Hyresgäst');
	await expect(owner.getByTestId('guest-qr')).toHaveAttribute('aria-label', 'QR-kod med länken till Hanna Hyresgäst');
	const link = await owner.getByTestId('guest-link').inputValue();
	expect(link).toMatch(/\/g\/[A-Za-z0-9_-]+$/);
	await expectAccessible(owner, 'the guest page with a new link');

	// The guest: a fresh device, no account. One button, then the easy view of that meeting.
	const guest = await (await personContext(browser)).newPage();
	await open(guest, new URL(link).pathname);
	await expect(guest.getByRole('heading', { level: 1 })).toHaveText('Välkommen, Hanna Hyresgäst');
	await expectAccessible(guest, 'the guest link page');
	await guest.getByTestId('guest-join').click();
	await expect(guest).toHaveURL(`${meetingPath}/easy`);
	await expect(guest.getByTestId('guest-badge')).toHaveText('Gäst');
	await expectConnected(guest);
	await expect(guest.getByTestId('easy-item')).toContainText('§ 1 Boendet');

	// The chair makes § 2 current: the guest's view follows.
	await owner.goto(meetingPath);
	await expectConnected(owner);
	await owner.getByTestId('agenda-item').filter({ hasText: 'Skolan' }).getByTestId('item-link').click();
	await openItem(owner).getByTestId('set-current').click();
	await expect(guest.getByTestId('easy-item')).toContainText('§ 2 Skolan');
	await expect(guest.getByTestId('easy-item')).toContainText('Nu pratar mötet om');

	// The guest writes their perspective by keyboard; the chair sees it under § 2, in the guest's name.
	await guest.getByLabel('Ditt perspektiv på § 2').fill('Barnen behöver skjuts till skolan.');
	await guest.getByTestId('easy-save').click();
	await expect(guest.getByTestId('easy-saved')).toContainText('Sparat');
	await expect(openItem(owner).getByTestId('item-perspectives')).toContainText('Barnen behöver skjuts till skolan.');
	await expect(openItem(owner).getByTestId('item-perspectives')).toContainText('Hanna Hyresgäst');
	// …and in the attendance, as a guest.
	await expect(owner.getByTestId('guests')).toContainText('Hanna Hyresgäst');
	await expectAccessible(guest, 'the easy view');

	// The guest asks for the floor by keyboard; the chair sees the ask and gives them the floor.
	const floorButton = guest.getByTestId('easy-floor-button');
	await expect(floorButton).toHaveText('Jag vill prata');
	await floorButton.focus();
	await guest.keyboard.press('Enter');
	await expect(guest.getByTestId('easy-floor-state')).toHaveText('Du står på listan. Du är nummer 1.');
	await expect(floorButton).toHaveText('Ta bort mig från listan');
	const ask = owner.getByTestId('speaker-list').getByTestId('floor-entry').filter({ hasText: 'Hanna Hyresgäst' });
	await ask.getByRole('button', { name: 'Ge ordet till Hanna Hyresgäst' }).click();
	await expect(owner.getByTestId('floor-speaking')).toHaveText('Hanna Hyresgäst');
	await expect(guest.getByTestId('easy-floor-state')).toHaveText('Nu är det din tur att prata.');
	await expect(floorButton).toHaveCount(0);
	await expectAccessible(guest, 'the easy view with the floor');
	// The chair ends the turn, then puts the guest on the list again from the attendance's guests.
	await owner.getByTestId('floor-end').click();
	await expect(guest.getByTestId('easy-floor-state')).toHaveText('Tryck på knappen. Då ser ordföranden att du vill prata.');
	await owner.getByTestId('floor-chair-details').locator('summary').click();
	await owner.getByTestId('floor-add-select').selectOption({ label: 'Hanna Hyresgäst (Privatperson)' });
	await owner.getByTestId('floor-add').click();
	await expect(guest.getByTestId('easy-floor-state')).toHaveText('Du står på listan. Du är nummer 1.');

	// Nothing else: the board, the register, the account and the meeting's full page all lead back.
	for (const path of [boardPath, '/boards', '/actions', '/account', meetingPath, '/search?q=Boendet']) {
		await guest.goto(path);
		await expect(guest, `guest opening ${path}`).toHaveURL(`${meetingPath}/easy`);
	}
	// The live board document is refused too (a guest's role holds on its meeting's documents only).
	const boardId = boardPath.split('/').pop()!;
	const boardAccess = await guest.request.get(`/api/doc-access/board:${boardId}`);
	expect(boardAccess.status()).toBe(403);

	// At 360 px the easy view fits without sideways scrolling.
	await guest.setViewportSize({ width: 360, height: 740 });
	await guest.goto(`${meetingPath}/easy`);
	await expectConnected(guest);
	expect(await guest.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

	// Revoked: the guest's link and session end at once.
	await owner.goto(`${meetingPath}/guests`);
	await owner.getByRole('button', { name: 'Återkalla länken till Hanna Hyresgäst' }).click();
	await expect(owner.getByRole('status').filter({ hasText: 'kan inte längre komma in' })).toBeVisible();
	await guest.goto(`${meetingPath}/easy`);
	await expect(guest).toHaveURL(/\/signin/);
	await guest.goto(new URL(link).pathname);
	await expect(guest.getByTestId('guest-link-refusal')).toHaveText('Länken har återkallats.');
	await owner.context().close();
	await guest.context().close();
});

test('a link that does not exist says so in the reader’s language, without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/g/not-a-real-token-at-all-00000000');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link does not work');
	await expect(page.getByTestId('guest-link-refusal')).toHaveText('This link does not exist. Check that you have the whole link.');
	await context.close();
});
