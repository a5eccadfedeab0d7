import { expect, test, type Page } from '@playwright/test';
import { msg, type Locale } from './catalogue';
import { expectAccessible, open, personContext, signUp, uniqueEmail } from './support';

/**
 * Issue 15: the access-token page works by keyboard alone (a token is shown once, then revoked),
 * and the API reference at /api reads in Swedish, English and Danish, without JavaScript too;
 * both axe-clean and without sideways scrolling at 360 px, in easy mode too.
 */

/** How far the page is wider than the screen, and where the overflow starts (as narrow-screens.spec.ts reports it). */
const overflow = (page: Page) =>
	page.evaluate(() => {
		const root = document.documentElement;
		const width = root.clientWidth;
		const sticksOut = (element: Element | null) => !!element && element.getBoundingClientRect().right > width + 0.5;
		const wide = [...document.body.querySelectorAll<HTMLElement>('*')]
			.filter((element) => sticksOut(element) && !sticksOut(element.parentElement))
			.slice(0, 3)
			.map((element) => `${Math.round(element.getBoundingClientRect().width)}px ${element.outerHTML.slice(0, 120)}`);
		return { excess: root.scrollWidth - width, wide };
	});

async function expectNoSidewaysScroll(page: Page, label: string) {
	await expect.poll(async () => (await overflow(page)).excess, { message: `${label}: ${JSON.stringify(await overflow(page))}` }).toBeLessThanOrEqual(0);
}

test('a token is made by keyboard, shown once and revoked; the page is accessible at 360 px and in easy mode', async ({ browser }) => {
	const context = await personContext(browser);
	const page = await context.newPage();
	await open(page, '/signup');
	await signUp(page, { name: 'Tora Token', email: uniqueEmail('tora'), agency: 'Socialförvaltningen Tokby', kind: 'social_services' });
	await expect(page).not.toHaveURL(/\/signup/);

	await open(page, '/account/tokens');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('sv', 'api_tokens_title'));
	await expect(page.getByTestId('api-reference-link')).toHaveAttribute('href', '/api');

	// Keyboard only: type the name, step through the choices, press the button.
	await page.locator('#token-name').focus();
	await page.keyboard.type('Rapportskript');
	await page.keyboard.press('Tab');
	await expect(page.locator('#token-scope')).toBeFocused();
	await page.keyboard.press('ArrowDown');
	await expect(page.locator('#token-scope')).toHaveValue('actions:write');
	await page.keyboard.press('Tab');
	await expect(page.locator('#token-days')).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(page.getByTestId('token-create')).toBeFocused();
	await page.keyboard.press('Enter');

	const shown = page.getByTestId('token-value');
	await expect(shown).toHaveText(/^stv_[a-z2-7]{32}$/);
	const secret = (await shown.textContent())!;
	await expect(page.getByTestId('token-created')).toContainText(msg('sv', 'api_tokens_shown_once'));
	await expectAccessible(page, 'the token page with a new token');
	await page.setViewportSize({ width: 360, height: 740 });
	await expectNoSidewaysScroll(page, 'the token page with a new token');

	// Shown once: opened again, the page lists the token by name and never shows it.
	await open(page, '/account/tokens');
	await expect(page.getByTestId('token-value')).toHaveCount(0);
	await expect(page.getByTestId('token-row')).toHaveCount(1);
	await expect(page.getByTestId('token-row')).toContainText('Rapportskript');
	expect(await page.content()).not.toContain(secret);

	const revoke = page.getByTestId('token-revoke');
	await revoke.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('token-revoked')).toHaveText(msg('sv', 'api_tokens_revoked_note'));
	await expect(page.getByTestId('token-revoke')).toHaveCount(0);
	const refused = await page.request.get('/api/v1/me', { headers: { authorization: `Bearer ${secret}` } });
	expect(refused.status()).toBe(401);
	await expectAccessible(page, 'the token page after revoking');
	await expectNoSidewaysScroll(page, 'the token page after revoking');

	// Easy mode (larger text): still axe-clean and no sideways scroll at 360 px.
	await open(page, '/account');
	await page.getByTestId('easy-mode-toggle').focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('html')).toHaveAttribute('data-mode', 'easy');
	await open(page, '/account/tokens');
	await expect(page.locator('html')).toHaveAttribute('data-mode', 'easy');
	await expectAccessible(page, 'the token page in easy mode');
	await expectNoSidewaysScroll(page, 'the token page in easy mode');
	// Its link leads to the reference, which holds in easy mode too.
	await page.getByTestId('api-reference-link').click();
	await expect(page).toHaveURL(/\/api$/);
	await expect(page.locator('html')).toHaveAttribute('data-mode', 'easy');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('sv', 'apiref_title'));
	await expectAccessible(page, '/api in easy mode');
	await expectNoSidewaysScroll(page, '/api in easy mode');
	await context.close();
});

const LOCALES: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB', da: 'da-DK' };

for (const [locale, tag] of Object.entries(LOCALES) as [Locale, string][]) {
	test(`the API reference in ${locale}: titled from the catalogue, 360 px wide`, async ({ browser }) => {
		const context = await browser.newContext({ locale: tag, timezoneId: 'Europe/Stockholm', viewport: { width: 360, height: 740 } });
		const page = await context.newPage();
		await open(page, '/api');
		const title = msg(locale, 'apiref_title');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
		await expect(page).toHaveTitle(msg(locale, 'page_title', { page: title }));
		await expect(page.locator('html')).toHaveAttribute('lang', locale);
		await expect(page.getByRole('heading', { level: 4, name: msg(locale, 'apiref_op_createAction') })).toBeVisible();
		await expect(page.getByRole('heading', { level: 3, name: msg(locale, 'apiref_tag_actions') })).toBeVisible();
		// axe ran on this page in Swedish (easy mode, above): the languages share its markup, and a
		// pass over this long page costs about 20 s on a CI machine, so here only what a language changes.
		await expectNoSidewaysScroll(page, `/api in ${locale}`);

		// The machine-readable description it links to is served without a token.
		const href = await page.getByTestId('openapi-link').getAttribute('href');
		const described = await page.request.get(href!);
		expect(described.status()).toBe(200);
		expect((await described.json()).openapi).toBe('3.1.0');
		await context.close();
	});
}

test('the API reference reads without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Stockholm', javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	await page.goto('/api');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'apiref_title'));
	expect(await page.getByTestId('api-op').count()).toBeGreaterThan(10);
	const op = page.getByTestId('api-op').filter({ has: page.getByRole('heading', { name: msg('en', 'apiref_op_listMyActions') }) });
	await expect(op).toContainText('GET /api/v1/actions');
	await expect(op).toContainText(msg('en', 'apiref_values', { values: 'active, any, open, in_progress, waiting, done' }));
	await expect(page.locator('pre').first()).toContainText('Authorization: Bearer stv_');
	await expectNoSidewaysScroll(page, '/api without JavaScript');
	await context.close();
});
