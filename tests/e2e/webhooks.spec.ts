import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, open, personContext, signUp, uniqueEmail } from './support';

/**
 * Issue 15, point 4: an owner reaches the webhooks page from the board page and registers a
 * webhook with the keyboard alone; the secret is shown once, then never again. Checked with axe,
 * at 360 px, in Swedish, English and Danish, and in easy mode.
 */

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function chooseLanguage(page: Page, locale: 'sv' | 'en' | 'da') {
	const names = { sv: 'Svenska', en: 'English', da: 'Dansk' };
	await page.waitForSelector('html[data-hydrated]');
	await page.getByTestId('language-switch').getByRole('button', { name: names[locale] }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', locale);
	await page.waitForSelector('html[data-hydrated]');
}

test('an owner registers a webhook by keyboard and sees its secret once; axe clean, 360 px, sv/en/da', async ({ browser }) => {
	test.setTimeout(180_000);
	const page = await (await personContext(browser)).newPage();
	await open(page, '/signup');
	await signUp(page, { name: 'Olle Ordförande', email: uniqueEmail('olle'), agency: 'Socialförvaltningen W', kind: 'social_services' });
	await page.locator('#board-name').fill('Samverkan W');
	await page.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(page).toHaveURL(/\/boards\/[a-z0-9]+$/);
	const boardPath = new URL(page.url()).pathname;
	await page.waitForSelector('html[data-hydrated]');

	// From the board page's Integrationer section, by keyboard.
	await expect(page.getByRole('heading', { name: 'Integrationer' })).toBeVisible();
	const link = page.getByTestId('board-webhooks-link');
	await link.focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(`${boardPath}/webhooks`);
	await page.waitForSelector('html[data-hydrated]');
	await expect(page).toHaveTitle(/^Webhooks – Samverkan W/);
	await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
	await expectAccessible(page, 'the webhooks page (empty)');

	// A wrong address first: the error summary takes focus and names the field.
	await page.getByLabel('Adress (URL)').focus();
	await page.keyboard.type('https://annan.example.net/in');
	await page.keyboard.press('Tab');
	await expect(page.getByTestId('webhook-event-action.created')).toBeFocused();
	await page.keyboard.press('Space');
	await page.getByTestId('webhook-add-submit').focus();
	await page.keyboard.press('Enter');
	await expect(page.getByText('Driftansvarig har inte godkänt den värden för webhooks.').first()).toBeVisible();
	await expectAccessible(page, 'the webhooks page with an error');

	const url = page.getByLabel('Adress (URL)');
	await url.focus();
	await page.keyboard.press('ControlOrMeta+a');
	await page.keyboard.type('https://hooks.example.org/samtavla');
	await page.keyboard.press('Tab');
	await expect(page.getByTestId('webhook-event-action.created')).toBeFocused();
	await expect(page.getByTestId('webhook-event-action.created')).toBeChecked();
	// Tab through the events, ticking "protocol published" (the fifth) too.
	for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
	await expect(page.getByTestId('webhook-event-protocol.published')).toBeFocused();
	await page.keyboard.press('Space');
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	await expect(page.getByLabel(/^Beskrivning/)).toBeFocused();
	await page.keyboard.type('Kommunens ärendesystem');
	await page.keyboard.press('Tab');
	await expect(page.getByTestId('webhook-add-submit')).toBeFocused();
	await page.keyboard.press('Enter');

	const secret = page.getByTestId('webhook-secret-value');
	await expect(secret).toHaveValue(/^whsec_[A-Za-z0-9+/]{43}=$/);
	const value = await secret.inputValue();
	await expect(page.getByTestId('webhook-url')).toHaveText('https://hooks.example.org/samtavla');
	await expect(page.getByTestId('webhook-item')).toContainText('Åtgärd skapad, Protokoll publicerat');
	await expectAccessible(page, 'the webhooks page with the secret');
	await page.setViewportSize({ width: 360, height: 800 });
	await expect.poll(() => overflow(page), { message: 'the webhooks page at 360 px' }).toBeLessThanOrEqual(0);

	// Shown once: the page opened again lists the webhook, never the secret.
	await open(page, `${boardPath}/webhooks`);
	await expect(page.getByTestId('webhook-url')).toBeVisible();
	await expect(page.getByTestId('webhook-secret')).toHaveCount(0);
	expect(await page.content()).not.toContain(value);
	await expect.poll(() => overflow(page), { message: 'the list at 360 px' }).toBeLessThanOrEqual(0);
	await page.setViewportSize({ width: 1280, height: 800 });

	for (const [locale, add, title] of [
		['en', 'Register a webhook', "The board's webhooks"],
		['da', 'Registrer en webhook', 'Tavlens webhooks'],
		['sv', 'Registrera en webhook', 'Tavlans webhooks']
	] as const) {
		await chooseLanguage(page, locale);
		await expect(page).toHaveTitle(/^Webhooks – Samverkan W/);
		await expect(page.getByRole('heading', { level: 2, name: add })).toBeVisible();
		await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
		await expectAccessible(page, `the webhooks page in ${locale}`);
	}

	// Easy mode: the page (larger text, the same forms) is axe clean and fits 360 px as well.
	await open(page, '/account');
	await page.getByTestId('easy-mode-toggle').click();
	await expect(page.locator('html')).toHaveAttribute('data-mode', 'easy');
	await open(page, `${boardPath}/webhooks`);
	await expect(page.locator('html')).toHaveAttribute('data-mode', 'easy');
	await expectAccessible(page, 'the webhooks page in easy mode');
	await page.setViewportSize({ width: 360, height: 800 });
	await expect.poll(() => overflow(page), { message: 'the webhooks page in easy mode at 360 px' }).toBeLessThanOrEqual(0);
});
