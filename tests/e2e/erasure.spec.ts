import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, expectAccessible, expectConnected, open, personContext, signUp, uniqueEmail } from './support';

/**
 * Export and erasure (issue 11, points 10 and 11): a user reporter writes a perspective, downloads
 * her data (the perspective is in it), erases her account, and can no longer sign in; the owner's
 * open meeting shows her words signed "Tidigare medlem (her association)" without a reload.
 * (That an adjusted protocol stays byte for byte is checked in tests/integration/web-erasure.spec.ts,
 * and end to end in privacy-guard-screens.spec.ts.)
 */

const openItem = (page: Page) => page.getByTestId('open-item');
const AGENCY = 'Brukarföreningen Raderby';
const WORDS = 'Vi vill bli tillfrågade innan något beslutas om oss.';

async function noSidewaysScroll(page: Page) {
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
}

test('a reporter exports her data, erases her account and is shown as a former member', async ({ browser }) => {
	const owner = await (await personContext(browser)).newPage();
	const reporter = await (await personContext(browser)).newPage();

	// The owner: a board, a meeting with a §, and an invite for a contributor.
	await open(owner, '/signup');
	await signUp(owner, { name: 'Olle Ordförande', email: uniqueEmail('olle'), agency: 'Socialförvaltningen Raderby', kind: 'social_services' });
	await owner.locator('#board-name').fill('Ledningsgrupp Raderby');
	await owner.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(owner).toHaveURL(/\/boards\/[a-z0-9]+$/);
	const boardUrl = owner.url();
	await owner.locator('#meeting-title').fill('Möte om boende');
	await owner.locator('#meeting-starts-at').fill('2026-12-10T09:30');
	await owner.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(owner).toHaveURL(/\/meetings\//);
	const meetingUrl = new URL(owner.url()).pathname;
	await open(owner, boardUrl);
	await owner.getByRole('radio', { name: /Bidragsgivare/ }).check();
	await owner.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	const link = new URL(await owner.getByTestId('invite-link').inputValue()).pathname;

	const email = uniqueEmail('rut');
	await open(reporter, `/signup?redirectTo=${encodeURIComponent(link)}`);
	await signUp(reporter, { name: 'Rut Reporter', email, agency: AGENCY, kind: 'user_association' });
	await expect(reporter).toHaveURL(/\/invite\//);
	await reporter.getByTestId('join-board').click();
	await expect(reporter).toHaveURL(boardUrl);

	await open(owner, meetingUrl);
	await expectConnected(owner);
	const form = owner.getByTestId('add-item-form');
	await form.getByLabel('Rubrik').fill('Boende först');
	await form.getByRole('button', { name: 'Lägg till punkt' }).click();
	const pick = async (page: Page) => {
		await page.getByTestId('agenda-item').filter({ hasText: 'Boende först' }).getByTestId('item-link').click();
		await expect(openItem(page).locator('#open-item-heading')).toContainText('Boende först');
	};
	await pick(owner);

	// The reporter writes her perspective; the owner sees it with her name.
	await open(reporter, meetingUrl);
	await expectConnected(reporter);
	await pick(reporter);
	const perspectiveForm = openItem(reporter).getByTestId('add-perspective');
	await perspectiveForm.getByLabel('Ditt brukarperspektiv på § 1 Boende först').fill(WORDS);
	await perspectiveForm.getByRole('button', { name: 'Lägg till brukarperspektiv' }).click();
	const seen = openItem(owner).getByTestId('perspective');
	await expect(seen).toContainText(WORDS);
	await expect(seen).toContainText('Rut Reporter');

	// She downloads her data: the perspective is in it. Her account page and the readable copy pass axe, at 360 px too.
	await open(reporter, '/account/data');
	await expect(reporter.getByTestId('my-data')).toContainText(WORDS);
	await expectAccessible(reporter, '/account/data');
	await open(reporter, '/account');
	await expectAccessible(reporter, '/account');
	await reporter.setViewportSize({ width: 360, height: 800 });
	expect(await reporter.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await reporter.setViewportSize({ width: 1280, height: 720 });
	const [download] = await Promise.all([reporter.waitForEvent('download'), reporter.getByTestId('my-data-json').click()]);
	const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
	expect(data.account.email).toBe(email);
	expect(data.perspectives.map((p: { text: string }) => p.text)).toEqual([WORDS]);

	// The erasure page: accessible, at 360 px too; a missing tick is refused.
	await reporter.getByTestId('erase-link').click();
	await expect(reporter.getByRole('heading', { level: 1 })).toHaveText('Radera ditt konto');
	await expectAccessible(reporter, '/account/erase');
	await reporter.setViewportSize({ width: 360, height: 780 });
	await noSidewaysScroll(reporter);
	await expectAccessible(reporter, '/account/erase at 360 px');
	await reporter.locator('#erase-password').fill(PASSWORD);
	await reporter.getByTestId('erase-submit').click();
	await expect(reporter.locator('#erase-confirm-error')).toContainText('Kryssa i rutan');
	await expectAccessible(reporter, '/account/erase with an error');

	await reporter.locator('#erase-password').fill(PASSWORD);
	await reporter.getByRole('checkbox', { name: /Jag förstår att mitt konto raderas/ }).check();
	await reporter.getByTestId('erase-submit').click();
	await expect(reporter).toHaveURL(/\/account\/erased$/);
	await expect(reporter.getByRole('heading', { level: 1 })).toHaveText('Ditt konto är raderat');
	await noSidewaysScroll(reporter);
	await expectAccessible(reporter, '/account/erased');

	// The owner's open meeting: her words stay, signed as a former member of her association.
	await expect(seen).toContainText(WORDS);
	await expect(seen.getByTestId('erased-author')).toHaveText(`Tidigare medlem (${AGENCY})`);
	await expect(seen).not.toContainText('Rut Reporter');
	await owner.reload();
	await owner.waitForSelector('html[data-hydrated]');
	await pick(owner);
	await expect(openItem(owner).getByTestId('perspective').getByTestId('erased-author')).toHaveText(`Tidigare medlem (${AGENCY})`);

	// She cannot sign in any more: the ordinary message.
	await open(reporter, '/signin');
	await reporter.locator('#signin-email').fill(email);
	await reporter.locator('#signin-password').fill(PASSWORD);
	await reporter.getByTestId('signin-form').getByRole('button', { name: 'Logga in' }).click();
	await expect(reporter.getByText('E-postadressen eller lösenordet stämmer inte.').first()).toBeVisible();
	await expect(reporter).toHaveURL(/\/signin/);
});
