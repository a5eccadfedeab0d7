import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectConnected, open, personContext, signUp, uniqueEmail } from './support';

/**
 * Status selects save a choice, not every arrow key: a focused closed <select> steps its value on
 * each ArrowDown (and Chromium fires `change` for each), which once wrote a history entry per key
 * and closed an action on the way. Keyboard steps stay a draft until Enter or Tab; a pick with the
 * mouse (Playwright's selectOption fires `change` without a key) saves at once. A second tab of
 * the same person shows what reached the shared document.
 */

const AGENCY = 'Socialtjänsten Väljarby';

/** One person with a board and a meeting, open in two tabs. */
async function boardInTwoTabs(browser: Browser) {
	const context = await personContext(browser);
	const page = await context.newPage();
	await open(page, '/signup');
	await signUp(page, { name: 'Vera Väljare', email: uniqueEmail('vera.select'), agency: AGENCY, kind: 'social_services' });
	await page.locator('#board-name').fill('Samverkan i Väljarby');
	await page.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(page).toHaveURL(/\/boards\/[a-z0-9]+$/);
	const boardUrl = new URL(page.url()).pathname;
	await page.locator('#meeting-title').fill('Möte i Väljarby');
	await page.locator('#meeting-starts-at').fill('2027-02-11T10:00');
	await page.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(page).toHaveURL(/\/meetings\/[a-z0-9]+$/);
	const meetingUrl = new URL(page.url()).pathname;
	const other = await context.newPage();
	return { page, other, boardUrl, meetingUrl };
}

const card = (page: Page, title: string) => page.getByTestId('action-card').filter({ has: page.getByRole('heading', { name: title }) });

test('an action status steps by arrow keys as a draft and saves once on Enter or Tab; a mouse pick saves at once', async ({ browser }) => {
	const { page, other, boardUrl } = await boardInTwoTabs(browser);
	await open(page, boardUrl);
	await open(other, boardUrl);
	await expectConnected(page);
	await expectConnected(other);

	const form = page.getByTestId('create-action-form');
	await form.getByLabel('Vad ska göras?').fill('Boka lokal');
	await form.getByLabel('Ansvarig förvaltning').selectOption({ label: AGENCY });
	await form.getByRole('button', { name: 'Lägg till åtgärd' }).click();
	const mine = card(page, 'Boka lokal');
	const theirs = card(other, 'Boka lokal');
	await expect(theirs.getByTestId('action-status')).toHaveValue('open');

	// Three ArrowDowns: open → in progress → waiting → done, shown in the select but not saved.
	const select = mine.getByTestId('action-status');
	await select.focus();
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await expect(select).toHaveValue('done');
	// A saved change would show here at once (the document updates locally in the same task).
	await expect(mine.getByTestId('action-last-change')).toHaveText(/^Skapad av Vera Väljare/);
	await expect(mine.getByText('Historik')).toHaveCount(0);

	// Enter saves the choice: exactly one change, one history entry, and the other tab sees it.
	await page.keyboard.press('Enter');
	await expect(mine.getByTestId('action-last-change')).toHaveText(/^Ändrad av Vera Väljare/);
	await expect(theirs.getByTestId('action-status')).toHaveValue('done');
	await theirs.getByText('Historik').click();
	await expect(theirs.getByTestId('action-history').getByRole('listitem')).toHaveCount(2);
	await expect(theirs.getByTestId('action-history')).toContainText('Klar – Vera Väljare');

	// Stepping back up and leaving with Tab saves once more, again one entry. (Leaving the select
	// any other way, such as clicking elsewhere, saves too: that is the blur.)
	await mine.getByText('Historik').click();
	await expect(mine.getByTestId('action-history').getByRole('listitem')).toHaveCount(2);
	await select.focus();
	await page.keyboard.press('ArrowUp');
	await page.keyboard.press('ArrowUp');
	await expect(select).toHaveValue('in_progress');
	await expect(mine.getByTestId('action-history').getByRole('listitem')).toHaveCount(2);
	await page.keyboard.press('Tab');
	await expect(theirs.getByTestId('action-status')).toHaveValue('in_progress');
	await expect(theirs.getByTestId('action-history').getByRole('listitem')).toHaveCount(3);

	// A pick from the list (no key press before it) saves at once, while the select keeps focus.
	await select.focus();
	await select.selectOption({ label: 'Väntar på annan förvaltning' });
	await expect(select).toBeFocused();
	await expect(theirs.getByTestId('action-status')).toHaveValue('waiting');
	await expect(theirs.getByTestId('action-history').getByRole('listitem')).toHaveCount(4);
});

test('an agenda item status and the chair step by arrow keys as a draft and save on Enter or Tab; a mouse pick saves at once', async ({ browser }) => {
	const { page, other, meetingUrl } = await boardInTwoTabs(browser);
	await open(page, meetingUrl);
	await open(other, meetingUrl);
	await expectConnected(page);
	await expectConnected(other);

	const addForm = page.getByTestId('add-item-form');
	await addForm.getByLabel('Rubrik').fill('Lokalfrågan');
	await addForm.getByLabel(/Planerad tid/).fill('10');
	await addForm.getByRole('button', { name: 'Lägg till punkt' }).click();
	const mine = page.getByTestId('agenda-item').filter({ hasText: 'Lokalfrågan' });
	const theirs = other.getByTestId('agenda-item').filter({ hasText: 'Lokalfrågan' });
	await expect(theirs.getByTestId('item-status')).toHaveAttribute('data-status', 'pending');
	// The § opens beside the agenda list, where its status is set (issue 9.7).
	await mine.getByTestId('item-link').click();

	// Three ArrowDowns: pending → in progress → done → postponed, a draft only.
	const select = page.getByTestId('open-item').getByLabel('Status för punkten');
	await select.focus();
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await expect(select).toHaveValue('postponed');
	// The item's status badge on the same page would change at once if it had been saved.
	await expect(mine.getByTestId('item-status')).toHaveAttribute('data-status', 'pending');

	await page.keyboard.press('Enter');
	await expect(mine.getByTestId('item-status')).toHaveAttribute('data-status', 'postponed');
	await expect(theirs.getByTestId('item-status')).toHaveAttribute('data-status', 'postponed');

	// A mouse pick saves at once.
	await select.selectOption({ label: 'Behandlas nu' });
	await expect(theirs.getByTestId('item-status')).toHaveAttribute('data-status', 'in_progress');

	// The chair: an arrow key is a draft, Tab saves it.
	const chair = page.getByTestId('meeting-chair');
	await chair.focus();
	await page.keyboard.press('ArrowDown');
	await expect(chair).toHaveValue(/.+/);
	await page.keyboard.press('Tab');
	await expect(other.getByTestId('meeting-chair')).toHaveValue(await chair.inputValue());
});
