import { expect, test } from '@playwright/test';
import { expectConnected, open, personContext, signUp, typeInMinutes, uniqueEmail } from './support';

/**
 * Issue 13: the meeting's notes are in the page's HTML, so a person sees them before the
 * JavaScript, the websocket and the first sync (a long editing history took ~3 s); the live
 * editor replaces that rendering once the document has synced.
 */
test('the notes are in the HTML without JavaScript, and the live editor replaces them with JavaScript', async ({ browser }) => {
	const owner = await personContext(browser);
	const page = await owner.newPage();
	await open(page, '/signup');
	await signUp(page, { name: 'Fia Först', email: uniqueEmail('fia'), agency: 'Socialförvaltningen Först', kind: 'social_services' });
	await expect(page).toHaveURL(/\/boards$/);
	await page.waitForSelector('html[data-hydrated]');
	await page.locator('#board-name').fill('Samverkan först');
	await page.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(page).toHaveURL(/\/boards\/[a-z0-9]+$/);
	await page.waitForSelector('html[data-hydrated]');
	await page.locator('#meeting-title').fill('Möte med text först');
	await page.locator('#meeting-starts-at').fill('2026-12-03T13:00');
	await page.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(page).toHaveURL(/\/meetings\/[a-z0-9]+$/);
	const meetingUrl = new URL(page.url()).pathname;
	await expectConnected(page);
	await typeInMinutes(page, 'Anteckningar som syns före allt annat.');
	await page.keyboard.press('Enter');
	await page.keyboard.type('Andra stycket <b>inte fetstil</b>.');
	await expect(page.getByTestId('minutes-editor')).toContainText('inte fetstil</b>.');

	// Without JavaScript: the text is there, read-only, said to be the text as the page opened.
	const noJs = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', javaScriptEnabled: false, storageState: await owner.storageState() });
	const still = await noJs.newPage();
	await expect(async () => {
		await still.goto(meetingUrl);
		await expect(still.getByTestId('minutes-editor-preview')).toContainText('Anteckningar som syns före allt annat.', { timeout: 1000 });
	}).toPass({ timeout: 15_000 });
	const preview = still.getByTestId('minutes-editor-preview').getByRole('textbox', { name: 'Övriga anteckningar' });
	await expect(preview).toHaveAttribute('aria-readonly', 'true');
	await expect(preview).toHaveAccessibleDescription(/Texten som den var när sidan öppnades/);
	// Two paragraphs, and what was typed as markup is text.
	await expect(preview.locator('p')).toHaveText(['Anteckningar som syns före allt annat.', 'Andra stycket <b>inte fetstil</b>.']);
	await expect(preview.locator('b')).toHaveCount(0);
	await expect(still.getByTestId('minutes-editor')).toHaveCount(0);
	await noJs.close();

	// With JavaScript: the same text, then the live drawing instead, which follows the document.
	const reader = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', storageState: await owner.storageState() });
	const second = await reader.newPage();
	const html = await (await second.request.get(meetingUrl)).text();
	expect(html).toContain('Anteckningar som syns före allt annat.');
	await open(second, meetingUrl);
	await expectConnected(second);
	await expect(second.getByTestId('minutes-editor')).toContainText('Anteckningar som syns före allt annat.');
	await expect(second.getByTestId('minutes-editor-preview')).toHaveCount(0);
	await typeInMinutes(page, ' Och lite till.');
	await expect(second.getByTestId('minutes-editor')).toContainText('Och lite till.');

	await reader.close();
	await owner.close();
});
