import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, expectConnected, open, openItem, personContext, signUp, startBoard, uniqueEmail } from './support';

/**
 * Search in Chromium (issue 12, point 9): words typed in a §'s minutes are found from the header's
 * search field, stemmed ("åtgärder" finds "åtgärd"), highlighted, and the result opens that §;
 * the page passes axe and fits a 360 px phone. A person of another board finds nothing.
 */
async function addItem(page: Page, title: string) {
	const form = page.getByTestId('add-item-form');
	await form.getByLabel('Rubrik').fill(title);
	await form.getByRole('button', { name: 'Lägg till punkt' }).click();
	await expect(page.getByTestId('agenda-item').filter({ has: page.getByTestId('item-title').getByText(title, { exact: true }) })).toBeVisible();
}

async function fitsPhone(page: Page) {
	const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
	expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

test('minutes are found, highlighted and linked to their §; accessible, on a phone, and only for members', async ({ browser }) => {
	test.setTimeout(120_000);
	const owner = await (await personContext(browser)).newPage();
	const { meetingPath: meetingUrl } = await startBoard(owner, { person: { name: 'Sara Sök', agency: 'Socialförvaltningen Sök', kind: 'social_services' }, board: 'Ledningsgrupp Sök', meeting: 'Möte om boende' });

	await open(owner, meetingUrl);
	await expectConnected(owner);
	await addItem(owner, 'Ekonomi');
	await addItem(owner, 'Boende för unga');
	const shown = await openItem(owner, 'Boende för unga');
	await shown.getByTestId('item-minutes-editor').click();
	await owner.keyboard.press('Control+End');
	await owner.keyboard.type('Vi enades om en gemensam åtgärd <b>nu</b>.');
	const itemId = await owner.getByTestId('open-item').getAttribute('data-item-id');

	// The header's field: a plain GET form to /search. The words travel over the websocket and are
	// stored a moment later, so search again until they are found.
	await owner.getByTestId('nav-search').getByLabel('Sök efter').fill('åtgärder');
	await owner.getByTestId('nav-search').getByRole('button', { name: 'Sök' }).click();
	await expect(owner).toHaveURL(/\/search\?q=%C3%A5tg%C3%A4rder/);
	await expect(async () => {
		if ((await owner.getByTestId('search-result').count()) === 0) await owner.reload();
		await expect(owner.getByTestId('search-result')).toHaveCount(1, { timeout: 2_000 });
	}).toPass({ timeout: 20_000 });

	const result = owner.getByTestId('search-result');
	await expect(result.getByTestId('search-result-link')).toHaveText('§ 2 Boende för unga');
	await expect(result.locator('mark')).toHaveText('åtgärd');
	// Markup typed into the minutes is text in the excerpt, never HTML.
	await expect(result.locator('b')).toHaveCount(0);
	await expect(owner.getByTestId('search-input')).toHaveValue('åtgärder');
	await expectAccessible(owner, 'search results');
	await owner.setViewportSize({ width: 360, height: 740 });
	await fitsPhone(owner);
	await expectAccessible(owner, 'search results at 360 px');

	// The header's field fits a phone too, labelled, on every other page.
	await open(owner, '/boards');
	await expect(owner.getByTestId('nav-search').getByLabel('Sök efter')).toBeVisible();
	await fitsPhone(owner);
	await expectAccessible(owner, 'header with the search field at 360 px');
	await owner.goBack();
	await expect(owner.getByTestId('search-result')).toHaveCount(1);
	await result.getByTestId('search-result-link').click();
	await expect(owner).toHaveURL(`${meetingUrl}#item-${itemId}`);
	await expect(owner.getByTestId('open-item').locator('#open-item-heading')).toContainText('Boende för unga');
	await owner.setViewportSize({ width: 1280, height: 900 });

	// Someone of another board finds nothing.
	const stranger = await (await personContext(browser)).newPage();
	await open(stranger, '/signup');
	await signUp(stranger, { name: 'Olle Annan', email: uniqueEmail('olle'), agency: 'Arbetsförmedlingen Sök', kind: 'employment_services' });
	await stranger.locator('#board-name').fill('En annan grupp');
	await stranger.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(stranger).toHaveURL(/\/boards\/[a-z0-9]+$/);
	await open(stranger, '/search?q=%C3%A5tg%C3%A4rder');
	await expect(stranger.getByTestId('search-summary')).toContainText('Inga träffar');
	await expect(stranger.getByTestId('search-result')).toHaveCount(0);
});
