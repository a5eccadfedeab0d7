import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, expectConnected, open, personContext, signUp, uniqueEmail } from './support';

/**
 * Issue 10, point 1: a meeting's details change after it was created (owners and editors), and
 * attendance says how each person takes part.
 */

async function inviteLink(owner: Page, boardUrl: string, role: 'Redaktör' | 'Läsare'): Promise<string> {
	await open(owner, boardUrl);
	await owner.getByRole('radio', { name: new RegExp(role) }).check();
	await owner.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	return new URL(await owner.getByTestId('invite-link').inputValue()).pathname;
}

async function join(browser: Browser, link: string, boardUrl: string, name: string, agency: string): Promise<Page> {
	const page = await (await personContext(browser)).newPage();
	await open(page, `/signup?redirectTo=${encodeURIComponent(link)}`);
	await signUp(page, { name, email: uniqueEmail(name.split(' ')[0].toLowerCase()), agency, kind: 'user_association' });
	await expect(page).toHaveURL(/\/invite\//);
	await page.getByTestId('join-board').click();
	await expect(page).toHaveURL(boardUrl);
	return page;
}

async function boardWithMeeting(owner: Page, suffix: string) {
	await open(owner, '/signup');
	await signUp(owner, { name: 'Olle Ordförande', email: uniqueEmail('olle'), agency: `Socialförvaltningen ${suffix}`, kind: 'social_services' });
	await owner.locator('#board-name').fill(`Samverkan ${suffix}`);
	await owner.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(owner).toHaveURL(/\/boards\/[a-z0-9]+$/);
	const boardUrl = owner.url();
	await owner.locator('#meeting-title').fill('Möte om boende');
	await owner.locator('#meeting-starts-at').fill('2026-12-10T09:30');
	await owner.locator('#meeting-place').fill('Stadshuset, sal 2');
	await owner.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(owner).toHaveURL(/\/meetings\/[a-z0-9]+$/);
	return { boardUrl, meetingUrl: owner.url() };
}

const details = (page: Page) => page.getByTestId('meeting-details');

test('an editor moves the meeting and says who is online; a viewer cannot change the details', async ({ browser }) => {
	const owner = await (await personContext(browser)).newPage();
	const { boardUrl, meetingUrl } = await boardWithMeeting(owner, 'D');
	const editor = await join(browser, await inviteLink(owner, boardUrl, 'Redaktör'), boardUrl, 'Rita Redaktör', 'Brukarföreningen D');
	const viewer = await join(browser, await inviteLink(owner, boardUrl, 'Läsare'), boardUrl, 'Lars Läsare', 'Arbetsförmedlingen D');

	// The editor opens "Edit meeting" from the meeting page: the form shows the details as they are.
	await open(editor, meetingUrl);
	await expect(details(editor)).toContainText('Stadshuset, sal 2');
	await editor.getByRole('link', { name: 'Ändra mötet' }).click();
	await expect(editor).toHaveURL(`${meetingUrl}/edit`);
	await editor.waitForSelector('html[data-hydrated]');
	await expect(editor.getByLabel('Mötets rubrik')).toHaveValue('Möte om boende');
	await expect(editor.locator('#meeting-starts-at')).toHaveValue('2026-12-10T09:30');
	await expect(editor.locator('#meeting-place')).toHaveValue('Stadshuset, sal 2');
	await expectAccessible(editor, 'edit meeting');

	// A mistake first: the errors come back beside what was typed.
	await editor.locator('#meeting-online-url').fill('inte en länk');
	await editor.getByRole('button', { name: 'Spara ändringarna' }).click();
	await expect(editor.getByTestId('error-summary')).toBeFocused();
	await expect(editor.locator('#meeting-online-url')).toHaveValue('inte en länk');

	await editor.locator('#meeting-online-url').fill('');
	await editor.locator('#meeting-place').fill('Biblioteket, sal 3');
	await editor.locator('#meeting-starts-at').fill('2026-12-11T14:15');
	await editor.getByRole('button', { name: 'Spara ändringarna' }).click();
	await expect(editor).toHaveURL(meetingUrl);
	await expect(details(editor)).toContainText('Biblioteket, sal 3');
	await expect(details(editor)).toContainText(/11 december 2026/);
	await expect(details(editor)).toContainText('14:15');
	await expect(details(editor)).not.toContainText('Stadshuset');

	// The viewer sees the new details, no edit link, and is refused the form itself.
	await open(viewer, meetingUrl);
	await expect(details(viewer)).toContainText('Biblioteket, sal 3');
	await expect(viewer.getByRole('link', { name: 'Ändra mötet' })).toHaveCount(0);
	const refused = await viewer.goto(`${meetingUrl}/edit`);
	expect([403, 404]).toContain(refused?.status());
	await expect(viewer.getByTestId('error-page')).toBeVisible();
	const post = await viewer.request.post(`${meetingUrl}/edit`, {
		form: { title: 'Kapat', startsAt: '2026-12-12T10:00', place: 'Hemma' },
		headers: { origin: new URL(meetingUrl).origin },
		maxRedirects: 0
	});
	// Refused: no redirect back to the meeting (a saved change redirects with 303).
	expect(post.status(), await post.text()).not.toBe(303);
	await open(viewer, meetingUrl);
	await expect(details(viewer)).toContainText('Biblioteket, sal 3');
	await expect(viewer.getByRole('heading', { level: 1 })).toHaveText('Möte om boende');

	// Attendance: the editor marks the viewer online; the counts (the viewer's too) say so.
	await open(editor, meetingUrl);
	await expectConnected(editor);
	await expectConnected(viewer);
	const attendance = editor.getByTestId('attendance');
	await attendance.getByRole('group', { name: 'Lars Läsare' }).getByRole('radio', { name: 'Online' }).check();
	await attendance.getByRole('group', { name: 'Rita Redaktör' }).getByRole('radio', { name: 'På plats' }).check();
	const total = (page: Page, key: string) => page.getByTestId('attendance-totals').locator(`[data-count="${key}"] dd`);
	await expect(total(editor, 'present')).toHaveText('2');
	await expect(total(editor, 'present_online')).toHaveText('1');
	await expect(total(editor, 'present_on_site')).toHaveText('1');
	await expect(total(viewer, 'present_online')).toHaveText('1');
	await expect(total(viewer, 'present')).toHaveText('2');
	await expect(viewer.getByTestId('attendance-person').filter({ hasText: 'Lars Läsare' })).toContainText('Närvarande online');

	// At 360 px the roll call fits: nothing scrolls sideways.
	await editor.setViewportSize({ width: 360, height: 800 });
	await attendance.scrollIntoViewIfNeeded();
	expect(await editor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

	for (const page of [owner, editor, viewer]) await page.context().close();
});

test('the edit form works with JavaScript off', async ({ browser }) => {
	const setup = await (await personContext(browser)).newPage();
	const { meetingUrl } = await boardWithMeeting(setup, 'J');
	// The owner's session, in a browser without JavaScript.
	const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', javaScriptEnabled: false });
	await context.addCookies(await setup.context().cookies());
	const page = await context.newPage();

	await page.goto(meetingUrl);
	await page.getByRole('link', { name: 'Ändra mötet' }).click();
	await expect(page).toHaveURL(`${meetingUrl}/edit`);
	await expect(page.locator('#meeting-starts-at')).toHaveValue('2026-12-10T09:30');
	await page.locator('#meeting-title').fill('');
	await page.getByRole('button', { name: 'Spara ändringarna' }).click();
	await expect(page.getByTestId('error-summary')).toContainText('Skriv en rubrik för mötet.');

	await page.locator('#meeting-title').fill('Möte om boende och arbete');
	await page.locator('#meeting-starts-at').fill('2026-12-10T10:00');
	await page.getByRole('button', { name: 'Spara ändringarna' }).click();
	await expect(page).toHaveURL(meetingUrl);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Möte om boende och arbete');
	await expect(details(page)).toContainText('10:00');
	await context.close();
	await setup.context().close();
});
