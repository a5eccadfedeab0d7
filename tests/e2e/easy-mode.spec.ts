import { expect, test } from '@playwright/test';
import { expectAccessible, expectConnected, open, personContext, signUp, startBoard, uniqueEmail } from './support';

/**
 * Issue 14, point 2: easy mode is a person's setting (on their account page, by keyboard, with or
 * without JavaScript); with it every page is larger, meetings open one thing at a time, the current
 * § is read aloud by the browser's own speech, and a readability hint helps while writing.
 */
test('a member turns on easy mode by keyboard; meetings open one thing at a time, read aloud, with a readability hint', async ({ browser }) => {
	test.setTimeout(180_000);
	const context = await personContext(browser);
	// Chromium's speech needs voices a CI machine lacks: record what would be spoken instead.
	await context.addInitScript(() => {
		const spoken: string[] = [];
		(window as unknown as { spoken: string[] }).spoken = spoken;
		window.speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => {
			spoken.push(`${utterance.lang}|${utterance.text}`);
		};
	});
	const page = await context.newPage();
	const { boardPath, meetingPath } = await startBoard(page, { person: { name: 'Erik Enkel', agency: 'Brukarföreningen Enkelby', kind: 'user_association' }, board: 'Samverkan Enkelby', meeting: 'Brukarrådet' });
	const form = page.getByTestId('add-item-form');
	await form.getByLabel('Rubrik').fill('Mötesplatsen');
	await form.getByRole('button', { name: 'Lägg till punkt' }).click();
	await expect(page.getByTestId('agenda-item')).toHaveCount(1);

	await open(page, '/account');
	const standardSize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
	await page.getByTestId('easy-mode-toggle').focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('easy-mode-saved')).toHaveText('Enkelt läge är på.');
	await expect(page.locator('html')).toHaveAttribute('data-mode', 'easy');
	const easySize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
	expect(easySize).toBeCloseTo(standardSize * 1.25, 1);
	await expectAccessible(page, 'the account page in easy mode');

	// From the board, the meeting opens in the easy view.
	await open(page, boardPath);
	await page.getByTestId('meeting-list').getByRole('link', { name: 'Brukarrådet' }).click();
	await expect(page).toHaveURL(`${meetingPath}/easy`);
	await expectConnected(page);
	await expect(page.getByTestId('easy-item')).toContainText('§ 1 Mötesplatsen');
	await page.getByTestId('read-aloud').click();
	await expect.poll(() => page.evaluate(() => (window as unknown as { spoken: string[] }).spoken)).toEqual([expect.stringMatching(/^sv-SE\|Först på dagordningen: § 1\. Mötesplatsen\./)]);

	// The readability hint: a long official sentence is marked hard, with advice; saving is never blocked.
	const box = page.getByLabel('Ditt perspektiv på § 1');
	await box.fill('Förvaltningarnas gemensamma samordningsansvar förutsätter kontinuerliga överenskommelser avseende genomförandeplaner.');
	await expect(page.getByTestId('lix-hint')).toHaveAttribute('data-level', 'very-hard');
	await expect(page.getByTestId('lix-hint')).toContainText('Kortare meningar');
	await box.fill('Vi vill ha mötesplatsen öppen på kvällen. Då kan fler komma dit efter jobbet.');
	await expect(page.getByTestId('lix-hint')).toHaveAttribute('data-level', /easy/);
	await page.getByTestId('easy-save').click();
	await expect(page.getByTestId('easy-saved')).toContainText('Sparat');
	await expectAccessible(page, 'the easy view in easy mode');
	await page.setViewportSize({ width: 360, height: 740 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

	// The statement in easy mode: its plain-language version first, and axe-clean.
	await open(page, '/accessibility');
	await expect(page.getByTestId('statement-easy')).toContainText('Samtavla ska vara lätt att använda för alla.');
	await expectAccessible(page, 'the statement in easy mode');
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

	// The whole meeting is one link away; turning easy mode off brings the standard size back.
	await open(page, `${meetingPath}/easy`);
	await page.getByTestId('easy-full-meeting').click();
	await expect(page).toHaveURL(meetingPath);
	await open(page, '/account');
	await page.getByTestId('easy-mode-toggle').click();
	await expect(page.getByTestId('easy-mode-saved')).toHaveText('Enkelt läge är av.');
	await expect(page.locator('html')).toHaveAttribute('data-mode', 'standard');
	await context.close();
});

test('easy mode is set without JavaScript too, and the server renders the page larger', async ({ browser }) => {
	const setup = await (await personContext(browser)).newPage();
	await open(setup, '/signup');
	await signUp(setup, { name: 'Nora Nojs', email: uniqueEmail('nora'), agency: 'Socialförvaltningen Nojs', kind: 'social_services' });
	await expect(setup).toHaveURL(/\/boards/);
	const cookies = await setup.context().cookies();
	const context = await browser.newContext({ locale: 'sv-SE', javaScriptEnabled: false });
	await context.addCookies(cookies);
	const page = await context.newPage();
	await page.goto('/account');
	await expect(page.locator('html')).toHaveAttribute('data-mode', 'standard');
	await page.getByRole('button', { name: 'Slå på enkelt läge' }).click();
	await expect(page.getByTestId('easy-mode-saved')).toHaveText('Enkelt läge är på.');
	await expect(page.locator('html')).toHaveAttribute('data-mode', 'easy');
	await setup.context().close();
	await context.close();
});

test('every page issue 14 added is axe-clean in the standard and in easy mode, and fits 360 px', async ({ browser }) => {
	test.setTimeout(240_000);
	const context = await personContext(browser);
	const page = await context.newPage();
	const { meetingPath } = await startBoard(page, { person: { name: 'Alma Axe', agency: 'Socialförvaltningen Axeby', kind: 'social_services' }, board: 'Samverkan Axeby', meeting: 'Ledningsgruppen' });
	const form = page.getByTestId('add-item-form');
	await form.getByLabel('Rubrik').fill('Läget i stadsdelen');
	await form.getByRole('button', { name: 'Lägg till punkt' }).click();
	await expect(page.getByTestId('agenda-item')).toHaveCount(1);
	// A guest link, so that the link page can be checked too (opened by this member: it says so).
	await open(page, `${meetingPath}/guests`);
	await page.getByLabel('Gästens namn').fill('Greta Gäst');
	await page.getByTestId('guest-invite-submit').click();
	const link = new URL(await page.getByTestId('guest-link').inputValue()).pathname;

	const pages = [`${meetingPath}/easy`, `${meetingPath}/guests`, `${meetingPath}/projector`, link, '/accessibility', '/account'];
	for (const mode of ['standard', 'easy'] as const) {
		if (mode === 'easy') {
			await open(page, '/account');
			await page.getByTestId('easy-mode-toggle').click();
			await expect(page.locator('html')).toHaveAttribute('data-mode', 'easy');
		}
		for (const width of [1280, 360]) {
			await page.setViewportSize({ width, height: 800 });
			for (const path of pages) {
				await open(page, path);
				await expect(page.locator('html')).toHaveAttribute('data-mode', mode);
				await expectAccessible(page, `${path} (${mode}, ${width} px)`);
				expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} (${mode}) at ${width} px`).toBeLessThanOrEqual(width);
			}
		}
	}
	await context.close();
});

test('in easy mode the start page, the board page, the frame and the error page are in plain language, in Swedish, English and Danish; axe-clean at 1280 and 360 px', async ({ browser }) => {
	test.setTimeout(240_000);
	const context = await personContext(browser);
	const page = await context.newPage();
	const { boardPath } = await startBoard(page, { person: { name: 'Lisa Lätt', agency: 'Brukarföreningen Lättby', kind: 'user_association' }, board: 'Samverkan Lättby', meeting: 'Träffen i Lättby' });

	const nav = page.getByRole('navigation', { name: /Huvudmeny|Meny|Main menu|Menu|Hovedmenu/ });
	const statusOf = page.getByTestId('meeting-list').getByTestId('meeting-list-status');

	// Standard mode: the standard texts.
	await open(page, '/boards');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dina samverkansgrupper');
	await expect(nav.getByRole('link', { name: 'Samverkansgrupper' })).toBeVisible();
	await open(page, boardPath);
	await expect(page.getByTestId('board-role')).toHaveText('Din roll: Ägare');
	await expect(statusOf).toHaveText('Planerat');

	await open(page, '/account');
	await page.getByTestId('easy-mode-toggle').click();
	await expect(page.locator('html')).toHaveAttribute('data-mode', 'easy');
	await expect(page.getByTestId('easy-mode-intro')).toContainText('Knapparna blir också större.');

	// Easy mode: the plain variants, server-rendered (in the HTML before any script runs)…
	const html = await (await page.request.get('/boards')).text();
	expect(html).toContain('Grupper där du är med');
	expect(html).toContain('Dina grupper');
	expect(html).not.toContain('Dina samverkansgrupper');

	// …and on the page, axe-clean, at 1280 and 360 px.
	for (const width of [1280, 360]) {
		await page.setViewportSize({ width, height: 800 });
		await open(page, '/boards');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Grupper där du är med');
		await expect(page.getByTestId('board-list')).toContainText('Du är med som: Ägare');
		await expect(nav.getByRole('link', { name: 'Allt som ska göras' })).toBeVisible();
		await expect(page.getByTestId('footer-accessibility')).toHaveText('Är Samtavla lätt att använda?');
		await expectAccessible(page, `the start page in easy mode at ${width} px`);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

		await open(page, boardPath);
		await expect(page.getByRole('link', { name: 'Tillbaka till dina grupper' })).toBeVisible();
		await expect(page.getByTestId('board-role')).toHaveText('Du är med som: Ägare');
		await expect(page.getByTestId('board-nav').getByRole('link', { name: 'Saker som ska göras' })).toBeVisible();
		await expect(page.locator('#actions-heading')).toHaveText('Saker som ska göras');
		await expect(statusOf).toHaveText('Mötet har inte börjat än');
		await expect(page.getByTestId('meeting-list')).toContainText('När');
		await expectAccessible(page, `the board page in easy mode at ${width} px`);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
	}

	// The error page.
	await page.goto('/no-such-page');
	await expect(page.getByTestId('error-page')).toContainText('Vi hittar inte sidan');
	await expect(page.getByTestId('error-page')).toContainText('Felets nummer: 404');

	// English and Danish have plain texts of their own.
	await open(page, '/boards');
	await page.getByTestId('language-switch').getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Groups you are in');
	await expect(nav.getByRole('link', { name: 'Your groups' })).toBeVisible();
	await open(page, boardPath);
	await expect(statusOf).toHaveText('The meeting has not started yet');
	await expectAccessible(page, 'the board page in easy mode, in English');
	await page.getByTestId('language-switch').getByRole('button', { name: 'Dansk' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'da');
	await expect(statusOf).toHaveText('Mødet er ikke begyndt endnu');
	await expect(page.getByTestId('board-role')).toHaveText('Du er med som: Ejer');
	await open(page, '/boards');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Grupper, du er med i');
	await expectAccessible(page, 'the start page in easy mode, in Danish');

	// Easy mode off: the standard texts again (Danish).
	await open(page, '/account');
	await page.getByTestId('easy-mode-toggle').click();
	await expect(page.locator('html')).toHaveAttribute('data-mode', 'standard');
	await open(page, '/boards');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dine samarbejdsgrupper');
	await open(page, boardPath);
	await expect(statusOf).toHaveText('Planlagt');
	await context.close();
});
