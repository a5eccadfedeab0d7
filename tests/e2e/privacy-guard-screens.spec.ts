import { expect, test, type Browser, type Page } from '@playwright/test';
import { PASSWORD, expectAccessible, expectConnected, open, personContext, signUp, uniqueEmail } from './support';

/**
 * The personal-data guard's own screens, and erasure against an adjusted protocol (issue 11,
 * points 3 and 11; the Bar's "axe clean; 360 px" and "an adjusted protocol is unchanged").
 * The chair writes a personnummer into the minutes: the internal download asks first, the public
 * print view refuses with where, and sending for adjustment asks for a tick — each screen axe
 * clean and without sideways scroll on a 360 px phone. A user reporter adjusts the protocol with
 * the chair, then erases her account: the adjusted protocol still carries her words and her name
 * as written, with the same hash, and /verify still confirms it.
 */
test.describe.configure({ timeout: 420_000 });

const PNR = '811218-9876';
const AGENCY = 'Brukarföreningen Vakten';
const WORDS = 'Vi vill vara med när lägenheterna fördelas.';
const lifecycle = (page: Page) => page.getByTestId('meeting-lifecycle');

/** Axe clean, and nothing sideways at 360 px (then back to a desktop width). */
async function checkScreen(page: Page, what: string) {
	await expectAccessible(page, what);
	await page.setViewportSize({ width: 360, height: 780 });
	await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), { message: `${what} at 360 px` }).toBeLessThanOrEqual(0);
	await page.setViewportSize({ width: 1280, height: 800 });
}

async function joinAsReporter(browser: Browser, owner: Page, boardUrl: string): Promise<Page> {
	await open(owner, boardUrl);
	await owner.getByRole('radio', { name: /Bidragsgivare/ }).check();
	await owner.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	const link = new URL(await owner.getByTestId('invite-link').inputValue()).pathname;
	const reporter = await (await personContext(browser)).newPage();
	await open(reporter, `/signup?redirectTo=${encodeURIComponent(link)}`);
	await signUp(reporter, { name: 'Vera Reporter', email: uniqueEmail('vera'), agency: AGENCY, kind: 'user_association' });
	await expect(reporter).toHaveURL(/\/invite\//);
	await reporter.getByTestId('join-board').click();
	await expect(reporter).toHaveURL(boardUrl);
	return reporter;
}

test('the guard asks before an internal download, refuses the public version and asks before adjustment; erasure leaves the adjusted protocol as it was', async ({ browser }) => {
	const chair = await (await personContext(browser)).newPage();
	await open(chair, '/signup');
	await signUp(chair, { name: 'Gun Granskare', email: uniqueEmail('gun'), agency: 'Socialförvaltningen Vakten', kind: 'social_services' });
	await chair.locator('#board-name').fill('Samverkan Vakten');
	await chair.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(chair).toHaveURL(/\/boards\/[a-z0-9]+$/);
	const boardUrl = chair.url();
	await chair.locator('#meeting-title').fill('Möte om bostäder');
	await chair.locator('#meeting-starts-at').fill('2026-12-10T09:30');
	await chair.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(chair).toHaveURL(/\/meetings\/[a-z0-9]+$/);
	const meeting = new URL(chair.url()).pathname;
	const reporter = await joinAsReporter(browser, chair, boardUrl);

	// The chair: herself as chair, one § whose minutes name a client by personnummer.
	await open(chair, meeting);
	await expectConnected(chair);
	await chair.getByLabel('Ordförande', { exact: true }).selectOption({ label: 'Gun Granskare (Socialförvaltningen Vakten)' });
	const addForm = chair.getByTestId('add-item-form');
	await addForm.getByLabel('Rubrik').fill('Fördelning av lägenheter');
	await addForm.getByRole('button', { name: 'Lägg till punkt' }).click();
	await expect(chair.getByTestId('item-title').getByText('Fördelning av lägenheter', { exact: true })).toBeVisible();
	await chair.getByTestId('open-item').getByTestId('item-minutes-editor').click();
	await chair.keyboard.press('Control+End');
	await chair.keyboard.type(`Klienten ${PNR} får en lägenhet.`);
	await expect(chair.getByTestId('open-item').locator('mark[data-personal-data="personnummer"]')).toHaveText(PNR);

	// The reporter's perspective on it, signed with her name.
	await open(reporter, meeting);
	await expectConnected(reporter);
	const perspectiveForm = reporter.getByTestId('open-item').getByTestId('add-perspective');
	await perspectiveForm.getByLabel('Ditt brukarperspektiv på § 1 Fördelning av lägenheter').fill(WORDS);
	await perspectiveForm.getByRole('button', { name: 'Lägg till brukarperspektiv' }).click();
	await expect(chair.getByTestId('open-item').getByTestId('perspective')).toContainText(WORDS);

	// The internal download asks first, saying where — never the number.
	await open(chair, `${meeting}/protocol.pdf`);
	await expect(chair).toHaveURL(new RegExp(`${meeting}/protocol/download\\?format=pdf$`));
	const asking = chair.getByTestId('personal-data-download');
	await expect(asking).toContainText('§ 1: protokolltexten');
	await expect(asking).not.toContainText(PNR);
	await checkScreen(chair, 'internal download asks first');

	// The public print view refuses, with where.
	await open(chair, `${meeting}/protocol?version=public`);
	await expect(chair.getByText('Den offentliga versionen innehåller personnummer eller andra identitetsnummer').first()).toBeVisible();
	await expect(chair.locator('main')).not.toContainText(PNR);
	await checkScreen(chair, 'public print view refused');

	// Held, the reporter appointed adjuster; sending asks for a tick, with where.
	await open(chair, meeting);
	await expectConnected(chair);
	await lifecycle(chair).getByRole('button', { name: 'Starta mötet' }).click();
	await expect(lifecycle(chair)).toHaveAttribute('data-status', 'in_progress');
	await lifecycle(chair).getByRole('button', { name: 'Avsluta mötet' }).click();
	await expect(lifecycle(chair)).toHaveAttribute('data-status', 'held');
	await chair.getByTestId('adjuster-1').selectOption({ label: `Vera Reporter (${AGENCY})` });
	await chair.getByTestId('adjustment-due-date').fill('2026-12-17');
	await chair.getByTestId('appoint-submit').click();
	await expect(chair.getByTestId('adjusters')).toHaveText('Vera Reporter');
	await lifecycle(chair).getByRole('button', { name: 'Skicka protokollet till justering' }).click();
	const ack = chair.getByTestId('personal-data-ack');
	await expect(ack).toBeVisible();
	await expect(lifecycle(chair)).toHaveAttribute('data-status', 'held');
	await expect(lifecycle(chair)).toContainText('§ 1: protokolltexten');
	await checkScreen(chair, 'send for adjustment asks for a tick');
	await ack.getByTestId('personal-data-ack-box').check();
	await ack.getByTestId('personal-data-ack-send').click();
	await expect(lifecycle(chair)).toHaveAttribute('data-status', 'in_adjustment');

	// She approves, then the chair: adjusted.
	await open(reporter, meeting);
	await reporter.getByTestId('approve-submit').click();
	await expect(reporter.getByTestId('approved-by-me')).toBeVisible();
	await open(chair, meeting);
	await chair.getByTestId('approve-submit').click();
	await expect(lifecycle(chair)).toHaveAttribute('data-status', 'adjusted');
	const hash = (await chair.getByTestId('sealed-hash').textContent())?.match(/[0-9a-f]{64}/)?.[0];
	expect(hash).toBeTruthy();
	await open(chair, `${meeting}/protocol`);
	const before = await chair.getByTestId('protocol-document').innerText();
	expect(before).toContain(WORDS);
	expect(before).toContain('Vera Reporter');

	// She erases her account.
	await open(reporter, '/account/erase');
	await reporter.locator('#erase-password').fill(PASSWORD);
	await reporter.getByRole('checkbox', { name: /Jag förstår att mitt konto raderas/ }).check();
	await reporter.getByTestId('erase-submit').click();
	await expect(reporter).toHaveURL(/\/account\/erased$/);

	// The adjusted protocol is an archived record: her words and name as written, the same hash.
	await open(chair, `${meeting}/protocol`);
	expect(await chair.getByTestId('protocol-document').innerText()).toBe(before);
	await expect(chair.getByTestId('protocol-hash')).toContainText(hash!);
	const stranger = await (await personContext(browser)).newPage();
	await open(stranger, `/verify/${hash}`);
	await expect(stranger.getByTestId('verify-result')).toHaveAttribute('data-outcome', 'match');
	await expect(stranger.getByText('Möte om bostäder').first()).toBeVisible();
});
