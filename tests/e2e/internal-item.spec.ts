import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, expectConnected, open, personContext, signUp, uniqueEmail } from './support';

/**
 * An agenda item marked internal (issue 10, point 9): the editor ticks it with a reason category
 * in the § form; the § says so; the public version leaves it out with "§ n is left out" and the
 * category, never its title or text. The personal-data notice offers the same as a quick fix
 * (issue 11, point 2), and then the public version no longer holds the number.
 */
const items = (page: Page) => page.getByTestId('agenda-item');

async function typeInItemMinutes(page: Page, text: string) {
	const editor = page.getByTestId('open-item').getByTestId('item-minutes-editor');
	await editor.click();
	await page.keyboard.type(text);
}

test('an item marked internal is left out of the public version with its reason; the personal-data quick fix marks a § internal', async ({ browser }) => {
	test.setTimeout(120_000);
	const page = await (await personContext(browser)).newPage();
	await open(page, '/signup');
	await signUp(page, { name: 'Ines Intern', email: uniqueEmail('ines'), agency: 'Socialförvaltningen I', kind: 'social_services' });
	await page.locator('#board-name').fill('Samverkan I');
	await page.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(page).toHaveURL(/\/boards\/[a-z0-9]+$/);
	await page.locator('#meeting-title').fill('Möte med intern punkt');
	await page.locator('#meeting-starts-at').fill('2026-12-03T10:00');
	await page.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(page).toHaveURL(/\/meetings\//);
	const meetingPath = new URL(page.url()).pathname;
	await expectConnected(page);

	// A new item, internal from the start, for an ongoing negotiation.
	const add = page.getByTestId('add-item-form');
	await add.getByLabel('Rubrik').fill('Förhandling om Granvägen');
	await add.getByTestId('item-internal').check();
	await add.getByLabel('Skäl').selectOption('negotiation');
	await expectAccessible(page, 'add-item form with the internal choice');
	await add.getByRole('button', { name: 'Lägg till punkt' }).click();
	await expect(items(page)).toHaveCount(1);
	await expect(page.getByTestId('open-item-internal')).toHaveText('Intern punkt (pågående förhandling)');
	await typeInItemMinutes(page, 'Hyresvärden bjuder fyrtio lägenheter.');

	// A second, open item; a personnummer typed in it is offered the third quick fix.
	await add.getByLabel('Rubrik').fill('Boende för Kim');
	await add.getByRole('button', { name: 'Lägg till punkt' }).click();
	await expect(items(page)).toHaveCount(2);
	await items(page).nth(1).getByRole('link').click();
	await expect(page.getByTestId('open-item')).toContainText('§ 2 Boende för Kim');
	await expect(page.getByTestId('open-item-internal')).toHaveCount(0);
	await typeInItemMinutes(page, 'Kim 811218-9876 har fått nyckel.');
	await page.getByTestId('personal-data-mark-internal').click();
	await expect(page.getByTestId('open-item-internal')).toHaveText('Intern punkt (personuppgifter)');
	// Done once: the button is not offered again for an internal §.
	await expect(page.getByTestId('personal-data-mark-internal')).toHaveCount(0);

	// The § form shows the choice as it is stored, and can make the § public again.
	await page.getByTestId('edit-item').click();
	await expect(page.getByTestId('edit-item-form').getByTestId('item-internal')).toBeChecked();
	await expect(page.getByTestId('edit-item-form').getByLabel('Skäl')).toHaveValue('personal_data');
	await page.getByTestId('edit-item-form').getByRole('button', { name: 'Avbryt' }).click();

	// The public version: both § left out with their category, no word of either, no number.
	await open(page, `${meetingPath}/protocol?version=public`);
	const doc = page.locator('.protocol-page');
	await expect(doc).toContainText('§ 1 är utelämnad i den offentliga versionen (pågående förhandling)');
	await expect(doc).toContainText('§ 2 är utelämnad i den offentliga versionen (personuppgifter)');
	for (const words of ['Granvägen', 'fyrtio lägenheter', 'Boende för Kim', '9876']) await expect(page.locator('body')).not.toContainText(words);
	await expect(page.getByTestId('protocol-personal-data')).toHaveCount(0);
	await expectAccessible(page, 'public version with internal items left out');

	// The internal version has everything, each internal § saying so.
	await open(page, `${meetingPath}/protocol`);
	await expect(doc).toContainText('Hyresvärden bjuder fyrtio lägenheter.');
	await expect(doc).toContainText('Intern paragraf (pågående förhandling)');
	await page.context().close();
});
