import { expect, test, type Page } from '@playwright/test';
import { msg, type Locale } from './catalogue';
import { expectAccessible, open, personContext } from './support';

/**
 * Issue 14, point 3: the accessibility statement Swedish and Danish public bodies must publish,
 * one link away from every page (the footer), signed in or not, in the reader's language, with
 * the operator's contact for reporting a problem (ACCESSIBILITY_CONTACT, set in
 * playwright.config.ts) and where to complain.
 */
const CONTACT = 'tillganglighet@example.se';

async function fitsPhone(page: Page): Promise<void> {
	const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
	expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

test('a visitor reaches the statement from the footer by keyboard; it says what is tested and where to report, and fits a phone', async ({ browser }) => {
	const page = await (await personContext(browser, 'sv-SE')).newPage();
	await open(page, '/signin');
	const link = page.getByRole('navigation', { name: msg('sv', 'stmt_footer_label') }).getByRole('link', { name: msg('sv', 'stmt_footer_link') });
	await link.focus();
	await expect(link).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/accessibility$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('sv', 'stmt_title'));
	await expect(page).toHaveTitle(new RegExp(msg('sv', 'stmt_title')));
	await expect(page.getByTestId('footer-accessibility')).toHaveAttribute('aria-current', 'page');
	for (const key of ['stmt_status_heading', 'stmt_gaps_heading', 'stmt_tested_heading', 'stmt_report_heading', 'stmt_complain_heading'])
		await expect(page.getByRole('heading', { level: 2, name: msg('sv', key) })).toBeVisible();
	await expect(page.getByText(msg('sv', 'stmt_tested_axe'))).toBeVisible();
	const contact = page.getByTestId('accessibility-contact');
	await expect(contact).toHaveText(CONTACT);
	await expect(contact).toHaveAttribute('href', `mailto:${CONTACT}`);
	await expect(page.getByRole('link', { name: 'www.digg.se' })).toHaveAttribute('href', 'https://www.digg.se/');
	await expectAccessible(page, 'accessibility statement');

	await page.setViewportSize({ width: 360, height: 740 });
	await open(page, '/accessibility');
	await fitsPhone(page);
	await expectAccessible(page, 'accessibility statement at 360 px');

	// On paper the footer is not printed (protocols are printed from the same layout).
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByTestId('footer-accessibility')).toBeHidden();
	await page.context().close();
});

for (const [locale, browserLocale] of [
	['en', 'en-GB'],
	['da', 'da-DK']
] as Array<[Locale, string]>) {
	test(`the statement in ${locale}: the footer link, every heading and the contact`, async ({ browser }) => {
		const page = await (await personContext(browser, browserLocale)).newPage();
		await open(page, '/');
		await page.getByRole('link', { name: msg(locale, 'stmt_footer_link') }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(locale, 'stmt_title'));
		await expect(page.getByText(msg(locale, 'stmt_report_intro'))).toBeVisible();
		await expect(page.getByText(msg(locale, 'stmt_complain_dk'))).toBeVisible();
		await expect(page.getByTestId('accessibility-contact')).toHaveText(CONTACT);
		await expectAccessible(page, `accessibility statement (${locale})`);
		await page.context().close();
	});
}

test('the statement and its footer link work with JavaScript off', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	await page.goto('/signin');
	await page.getByTestId('footer-accessibility').click();
	await expect(page).toHaveURL(/\/accessibility$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('sv', 'stmt_title'));
	await expect(page.getByTestId('accessibility-contact')).toHaveAttribute('href', `mailto:${CONTACT}`);
	await fitsPhone(page);
	await context.close();
});
