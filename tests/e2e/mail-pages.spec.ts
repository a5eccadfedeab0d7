import { expect, test, type Page } from '@playwright/test';
import { msg, type Locale } from './catalogue';
import { expectAccessible, open, personContext, signUp, uniqueEmail } from './support';

/**
 * Issue 14, points 6–7, on screen: the account's e-mail choices and the unsubscribe page, by
 * keyboard, labelled, axe clean, at 360 px, in sv/en/da. The e2e server runs without SMTP_HOST,
 * so the pages also say that e-mail is off (the built-server tests cover e-mail on).
 */
async function fitsPhone(page: Page): Promise<void> {
	const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
	expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

test('the e-mail choices on /account: e-mail is off, each kind a labelled checkbox, changed by keyboard and kept', async ({ browser }) => {
	const page = await (await personContext(browser, 'sv-SE')).newPage();
	await open(page, '/signup');
	await signUp(page, { name: 'Maja Mejl', email: uniqueEmail('maja'), agency: 'Socialförvaltningen Mejlby', kind: 'social_services' });
	await expect(page).not.toHaveURL(/signup/);
	await open(page, '/account');
	const section = page.getByTestId('mail-prefs');
	await expect(section.getByRole('heading', { level: 2, name: msg('sv', 'mail_prefs_title') })).toBeVisible();
	await expect(section.getByTestId('mail-off')).toHaveText(msg('sv', 'mail_off_notice'));
	const invitations = section.getByRole('checkbox', { name: msg('sv', 'mail_kind_invitation') });
	await expect(invitations).toBeChecked();
	await invitations.focus();
	await page.keyboard.press('Space');
	await expect(invitations).not.toBeChecked();
	await section.getByRole('button', { name: msg('sv', 'mail_prefs_save') }).press('Enter');
	await expect(page.getByTestId('mail-prefs-saved')).toHaveText(msg('sv', 'mail_prefs_saved'));
	await open(page, '/account');
	await expect(page.getByTestId('mail-prefs').getByRole('checkbox', { name: msg('sv', 'mail_kind_invitation') })).not.toBeChecked();
	await expect(page.getByTestId('mail-prefs').getByRole('checkbox', { name: msg('sv', 'mail_kind_meetingCreated') })).toBeChecked();
	await expectAccessible(page, 'account with e-mail choices');
	await page.setViewportSize({ width: 360, height: 740 });
	await open(page, '/account');
	await fitsPhone(page);
	await expectAccessible(page, 'account with e-mail choices at 360 px');
	await page.context().close();
});

for (const [locale, browserLocale] of [
	['sv', 'sv-SE'],
	['en', 'en-GB'],
	['da', 'da-DK']
] as Array<[Locale, string]>) {
	test(`an unsubscribe link that is not ours says so in ${locale}, at 360 px, axe clean`, async ({ browser }) => {
		const page = await (await personContext(browser, browserLocale)).newPage();
		await page.setViewportSize({ width: 360, height: 740 });
		await open(page, '/unsubscribe/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(locale, 'mail_unsubscribe_title'));
		await expect(page.getByTestId('unsubscribe-unknown')).toHaveText(msg(locale, 'mail_unsubscribe_unknown'));
		await fitsPhone(page);
		await expectAccessible(page, `unsubscribe page (${locale})`);
		await page.context().close();
	});
}
