import { expect, test } from '@playwright/test';
import { expectAccessible, expectConnected, open, personContext, signUp, typeInMinutes, uniqueEmail } from './support';

/**
 * The personal-data guard while typing (issue 11, point 2): a personnummer typed into the live
 * minutes is marked in the text, the mark says what it is to a screen reader, a sentence under
 * the editor says it in words, and the marking is back after a reload (it is computed in each
 * browser, never stored). The quick fix replaces it. The page stays axe clean with a mark in it.
 */
test('typing a personnummer in the minutes marks it, with an explanation for screen readers', async ({ browser }) => {
	const page = await (await personContext(browser)).newPage();
	await open(page, '/signup');
	await signUp(page, { name: 'Ada Ägare', email: uniqueEmail('ada-pii'), agency: 'Socialförvaltningen P', kind: 'social_services' });
	await page.locator('#board-name').fill('Samverkan P');
	await page.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(page).toHaveURL(/\/boards\/[a-z0-9]+$/);
	await page.locator('#meeting-title').fill('Möte om Bostad först');
	await page.locator('#meeting-starts-at').fill('2026-12-03T10:00');
	await page.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(page).toHaveURL(/\/meetings\//);
	await expectConnected(page);

	const minutes = page.getByTestId('minutes-editor');
	const notice = page.getByTestId('personal-data-notice');
	await typeInMinutes(page, 'Klienten har pnr 811218-9876 och bor på Storgatan 12.');

	const mark = minutes.locator('mark[data-personal-data="personnummer"]');
	await expect(mark).toHaveText('811218-9876');
	await expect(mark).toHaveAccessibleDescription(/Ser ut som ett personnummer/);
	await expect(minutes.locator('mark[data-personal-data="address"]')).toHaveText('Storgatan 12');
	await expect(notice).toContainText('Texten innehåller något som ser ut som ett personnummer');
	await expectAccessible(page, 'meeting with a marked personnummer');
	// The sentence and its quick fixes fit a 360 px phone.
	await page.setViewportSize({ width: 360, height: 800 });
	await expect(page.getByRole('button', { name: 'Ersätt numret med ett ärendenummer' })).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await page.setViewportSize({ width: 1280, height: 720 });

	// Computed in every browser from the shared text: there again after a reload.
	await open(page, new URL(page.url()).pathname);
	await expectConnected(page);
	await expect(minutes.locator('mark[data-personal-data="personnummer"]')).toHaveText('811218-9876');

	// The quick fix: the number becomes a selected placeholder, and what is typed takes its place.
	await page.getByRole('button', { name: 'Ersätt numret med initialer' }).click();
	await expect(minutes).toBeFocused();
	await page.keyboard.type('A. B.');
	await expect(minutes).toContainText('Klienten har pnr A. B. och bor på Storgatan 12.');
	await expect(minutes.locator('mark[data-personal-data="personnummer"]')).toHaveCount(0);
	await expect(notice).toHaveText('');
	await expect(page.getByRole('button', { name: 'Ersätt numret med initialer' })).toHaveCount(0);
});
