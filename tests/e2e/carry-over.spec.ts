import { expect, test } from '@playwright/test';
import { expectAccessible, expectConnected, open, personContext, signUp, uniqueEmail } from './support';

/**
 * Meetings that follow on (issue 12, points 6 and 7): an editor postpones a §, carries it to the
 * next meeting with one button, and it is on that meeting's agenda, with a link back; the board's
 * template is saved; a series of three meetings is created from the board page. The protocol of
 * the meeting the § left says where it went; the series' pages say which of three each is. Axe on each new
 * part, and the carry-over at 360 px.
 */
test('a postponed § moves to the next meeting with one action; a series of three is created', async ({ browser }) => {
	test.setTimeout(180_000);
	const page = await (await personContext(browser)).newPage();
	await open(page, '/signup');
	await signUp(page, { name: 'Frida Följd', email: uniqueEmail('frida'), agency: 'Socialförvaltningen F', kind: 'social_services' });
	await page.locator('#board-name').fill('Samverkan F');
	await page.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(page).toHaveURL(/\/boards\/[a-z0-9]+$/);
	const boardPath = new URL(page.url()).pathname;

	// Two meetings: the one where the § is postponed, and the next.
	await page.locator('#meeting-title').fill('Decembermötet');
	await page.locator('#meeting-starts-at').fill('2026-12-15T10:00');
	await page.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(page).toHaveURL(/\/meetings\//);
	const nextPath = new URL(page.url()).pathname;
	await open(page, boardPath);
	await page.locator('#meeting-title').fill('Novembermötet');
	await page.locator('#meeting-starts-at').fill('2026-11-24T10:00');
	await page.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(page).toHaveURL(/\/meetings\//);
	await expectConnected(page);

	const add = page.getByTestId('add-item-form');
	await add.getByLabel('Rubrik').fill('Boendestöd för unga');
	await add.getByRole('button', { name: 'Lägg till punkt' }).click();
	const entry = page.getByTestId('agenda-item').filter({ hasText: 'Boendestöd för unga' });
	await entry.getByTestId('item-link').click();
	await page.getByTestId('open-item').getByLabel('Status för punkten').selectOption({ label: 'Bordlagd' });
	await expect(entry.getByTestId('item-status')).toHaveAttribute('data-status', 'postponed');

	// One action: to the next meeting.
	const carry = page.getByTestId('carry-over');
	await expect(carry.getByTestId('carry-next')).toHaveText('Flytta till nästa möte: Decembermötet');
	await expectAccessible(page, 'postponed items with the carry-over buttons');
	await page.setViewportSize({ width: 360, height: 800 });
	await expect(carry.getByTestId('carry-next')).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await carry.getByTestId('carry-next').click();
	await expect(page.getByTestId('carry-done')).toContainText('”Boendestöd för unga” finns nu på dagordningen för Decembermötet.');
	await expect(carry.getByTestId('moved-to')).toContainText('Flyttad till Decembermötet');
	await expect(carry.getByTestId('carry-next')).toHaveCount(0);
	await page.setViewportSize({ width: 1280, height: 900 });
	const novemberPath = new URL(page.url()).pathname;

	// It is on the next meeting's agenda.
	await carry.getByTestId('moved-to').getByRole('link', { name: 'Decembermötet' }).click();
	await expect(page).toHaveURL(new RegExp(`${nextPath}#item-`));
	await expectConnected(page);
	await expect(page.getByTestId('agenda-item').filter({ hasText: 'Boendestöd för unga' })).toHaveCount(1);
	await expect(page.getByTestId('agenda-item').filter({ hasText: 'Boendestöd för unga' }).getByTestId('item-status')).toHaveAttribute('data-status', 'pending');
	await expect(page.getByTestId('agenda-suggestions')).toContainText('Förslag till dagordningen');
	await expectAccessible(page, 'the next meeting with the carried § and its suggestions');

	// The protocol says where the § went, on screen and in the downloads (here the Markdown).
	await open(page, `${novemberPath}/protocol`);
	const carriedLine = 'Flyttad till mötet Decembermötet den 15 december 2026.';
	await expect(page.getByTestId('protocol-carried')).toHaveText(carriedLine);
	const markdown = await (await page.request.get(`${novemberPath}/protocol.md`)).text();
	expect(markdown).toContain(`*${carriedLine}*`);

	// The template: defaults in the board's language, saved with a length.
	await open(page, `${boardPath}/template`);
	await expect(page.locator('#template-items')).toHaveValue(/Mötets öppnande/);
	await expectAccessible(page, 'meeting template');
	await page.setViewportSize({ width: 360, height: 800 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.locator('#template-length').fill('90');
	await page.getByRole('button', { name: 'Spara mallen' }).click();
	await expect(page.getByTestId('template-saved')).toBeVisible();

	// A series of three, every other week.
	await open(page, boardPath);
	await page.locator('#meeting-title').fill('Vårens ledningsgrupp');
	await page.locator('#meeting-starts-at').fill('2027-03-16T09:30');
	await page.getByLabel('Upprepa mötet').check();
	await page.getByLabel('Var hur många veckor').fill('2');
	await page.getByLabel('Till och med').fill('2027-04-13');
	await expectAccessible(page, 'new meeting form with the series fields');
	await page.setViewportSize({ width: 360, height: 800 });
	await expect(page.getByTestId('series-fields')).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(page).toHaveURL(/\/meetings\//);
	await expectConnected(page);
	await expect(page.getByTestId('agenda-item')).toHaveCount(4);
	await expect(page.getByTestId('agenda-item').first()).toContainText('Mötets öppnande');
	// Linked as a series: which of three, and the way to the next one.
	await expect(page.getByTestId('series-position')).toHaveText('Möte 1 av 3 i serien');
	await expect(page.getByTestId('series-previous')).toHaveCount(0);
	await expectAccessible(page, 'the first meeting of a series with its series links');
	await page.setViewportSize({ width: 360, height: 800 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.getByTestId('series-next').getByRole('link').click();
	await expect(page.getByTestId('series-position')).toHaveText('Möte 2 av 3 i serien');
	await expect(page.getByTestId('series-previous').getByRole('link')).toContainText('Vårens ledningsgrupp');
	await open(page, boardPath);
	await expect(page.getByTestId('board-meetings').getByText('Vårens ledningsgrupp')).toHaveCount(3);
	await expect(page.getByTestId('meeting-list-series')).toHaveText(['Möte 1 av 3 i serien', 'Möte 2 av 3 i serien', 'Möte 3 av 3 i serien']);
	await page.context().close();
});
