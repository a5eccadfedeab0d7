import { expect, test } from '@playwright/test';
import { expectAccessible, expectConnected, open, personContext, signUp, typeInMinutes, uniqueEmail, PASSWORD } from './support';

test('two people from two agencies: sign up, board, meeting, invite, and co-writing the minutes live', async ({ browser }) => {
	const karin = await (await personContext(browser)).newPage();
	const ahmed = await (await personContext(browser)).newPage();

	// The landing page, signed out.
	await open(karin, '/');
	await expect(karin.getByRole('heading', { level: 1 })).toBeVisible();
	await expectAccessible(karin, 'landing page');

	// Karin signs up and creates her agency.
	await open(karin, '/signup');
	await expectAccessible(karin, 'sign-up page');
	await signUp(karin, { name: 'Karin Lind', email: uniqueEmail('karin'), agency: 'Socialförvaltningen Testby', kind: 'social_services' });
	await expect(karin).toHaveURL(/\/boards$/);
	await expectAccessible(karin, 'boards page');

	// A board…
	await karin.locator('#board-name').fill('Ledningsgrupp för utveckling');
	await karin.locator('#board-description').fill('Vi samverkar kring boende och arbete.');
	await karin.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(karin).toHaveURL(/\/boards\/[a-z0-9]+$/);
	await expect(karin.getByRole('heading', { level: 1 })).toHaveText('Ledningsgrupp för utveckling');
	await expect(karin.getByTestId('member-list')).toContainText('Socialförvaltningen Testby');
	const boardUrl = karin.url();

	// A board that does not exist: a clear error page in her language.
	await karin.goto('/boards/doesnotexist');
	await expect(karin.getByTestId('error-page')).toHaveAttribute('data-status', '404');
	await expectAccessible(karin, 'error page');
	await open(karin, boardUrl);

	// …a meeting…
	await karin.locator('#meeting-title').fill('Möte i december');
	await karin.locator('#meeting-starts-at').fill('2026-12-03T13:00');
	await karin.locator('#meeting-place').fill('Stadshuset, sal 2');
	await karin.locator('#meeting-accessibility').fill('Hiss och hörslinga finns.');
	await karin.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(karin).toHaveURL(/\/meetings\/[a-z0-9]+$/);
	const meetingUrl = karin.url();
	await expect(karin.getByTestId('meeting-details')).toContainText('Hiss och hörslinga finns.');
	await expect(karin.getByTestId('meeting-details')).toContainText('13:00');

	// …and an invite link for an editor.
	await open(karin, boardUrl);
	await expectAccessible(karin, 'board page');
	await karin.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	const link = await karin.getByTestId('invite-link').inputValue();
	expect(link).toMatch(/\/invite\/[a-z2-7]{32}$/);
	await expect(karin.getByTestId('invite-list')).toContainText('Aktiv');

	// Ahmed opens the link signed out, signs up from it and comes back to join.
	await open(ahmed, new URL(link).pathname);
	await expect(ahmed.getByTestId('invite-page')).toHaveAttribute('data-state', 'valid');
	await expectAccessible(ahmed, 'invite page');
	await ahmed.getByTestId('invite-page').getByRole('link', { name: 'Skapa konto' }).click();
	await ahmed.waitForURL(/\/signup\?redirectTo=/);
	await ahmed.waitForSelector('html[data-hydrated]');
	await signUp(ahmed, { name: 'Ahmed Hassan', email: uniqueEmail('ahmed'), agency: 'Arbetsförmedlingen Testby', kind: 'employment_services' });
	await expect(ahmed).toHaveURL(/\/invite\//);
	await ahmed.getByTestId('join-board').click();
	await expect(ahmed).toHaveURL(boardUrl);
	await expect(ahmed.getByTestId('member-list')).toContainText('Arbetsförmedlingen Testby');
	await expect(ahmed.getByTestId('meeting-list')).toContainText('Möte i december');

	// Both in the meeting: each sees the other's typing, live.
	await open(karin, meetingUrl);
	await open(ahmed, meetingUrl);
	await expectConnected(karin);
	await expectConnected(ahmed);
	await expect(karin.getByTestId('presence-list')).toContainText('Ahmed Hassan');
	await expect(ahmed.getByTestId('presence-list')).toContainText('Karin Lind');
	await expectAccessible(karin, 'meeting page');

	await typeInMinutes(karin, 'Karin skriver: mötet öppnas.');
	await expect(ahmed.getByTestId('minutes-editor')).toContainText('Karin skriver: mötet öppnas.');
	await typeInMinutes(ahmed, ' Ahmed lägger till: praktikplatser.');
	await expect(karin.getByTestId('minutes-editor')).toContainText('Ahmed lägger till: praktikplatser.');

	// A reload shows the same text, from the server.
	await karin.reload();
	await expectConnected(karin);
	await expect(karin.getByTestId('minutes-editor')).toContainText('Karin skriver: mötet öppnas.');
	await expect(karin.getByTestId('minutes-editor')).toContainText('Ahmed lägger till: praktikplatser.');

	await karin.context().close();
	await ahmed.context().close();
});

test('the language switch changes every screen and is remembered', async ({ browser }) => {
	const page = await (await personContext(browser)).newPage();
	await open(page, '/signin');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Logga in');
	await expect(page.locator('html')).toHaveAttribute('lang', 'sv');

	await page.getByTestId('language-switch').getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
	await expectAccessible(page, 'sign-in page (English)');

	await hydratedClick(page, 'Dansk');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Log ind/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'da');
	await open(page, '/signup');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Opret en konto');
	await expectAccessible(page, 'sign-up page (Danish)');

	await hydratedClick(page, 'Svenska');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Skapa konto');
	await page.context().close();
});

async function hydratedClick(page: import('@playwright/test').Page, language: string) {
	await page.waitForSelector('html[data-hydrated]');
	await page.getByTestId('language-switch').getByRole('button', { name: language }).click();
}

test('sign-in mistakes get a clear message and keep the email typed', async ({ browser }) => {
	const page = await (await personContext(browser)).newPage();
	const email = uniqueEmail('sara');
	await open(page, '/signup');
	await signUp(page, { name: 'Sara Berg', email, agency: 'Brukarföreningen Testby', kind: 'user_association' });
	await expect(page).toHaveURL(/\/boards$/);
	await page.getByRole('button', { name: 'Logga ut' }).click();
	await expect(page).toHaveURL(/\/($|signin)/);

	await open(page, '/signin');
	await page.locator('#signin-email').fill(email);
	await page.locator('#signin-password').fill('fel lösenord här');
	await page.getByTestId('signin-form').getByRole('button', { name: 'Logga in' }).click();
	// The same message for a wrong password and an unknown email: no one learns who has an account.
	const failed = 'E-postadressen eller lösenordet stämmer inte';
	await expect(page.getByTestId('error-summary')).toContainText(failed);
	await expect(page.locator('#signin-email')).toHaveValue(email);
	await expect(page.locator('#signin-password')).toHaveValue('');
	await expectAccessible(page, 'sign-in page with errors');

	await page.locator('#signin-email').fill('ingen.har.denna@example.se');
	await page.locator('#signin-password').fill(PASSWORD);
	await page.getByTestId('signin-form').getByRole('button', { name: 'Logga in' }).click();
	// The password is emptied once the answer is back: wait for it (the error summary of the first
	// try is still shown, so it alone would not wait, and the next fill raced the answer).
	await expect(page.locator('#signin-password')).toHaveValue('');
	await expect(page.locator('#signin-email')).toHaveValue('ingen.har.denna@example.se');
	await expect(page.getByTestId('error-summary')).toContainText(failed);

	await page.locator('#signin-email').fill(email);
	await page.locator('#signin-password').fill(PASSWORD);
	await page.getByTestId('signin-form').getByRole('button', { name: 'Logga in' }).click();
	await expect(page).toHaveURL(/\/boards$/);
	await page.context().close();
});

test('sign-up refuses a common password and a taken email, in the chosen language, keeping what was typed', async ({ browser }) => {
	const page = await (await personContext(browser, 'en-GB')).newPage();
	await open(page, '/signup');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create an account');
	await page.locator('#signup-name').fill('Erik Nilsson');
	const email = uniqueEmail('erik');
	await page.locator('#signup-email').fill(email);
	await page.locator('#signup-password').fill('password123');
	await page.locator('#agency-new').check();
	await page.locator('#signup-agency-name').fill('Testby Housing');
	await page.locator('#signup-agency-kind').selectOption('housing');
	await page.getByTestId('signup-form').getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByTestId('error-summary')).toBeVisible();
	await expect(page.locator('#signup-password')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('#signup-name')).toHaveValue('Erik Nilsson');
	await expect(page.locator('#signup-email')).toHaveValue(email);
	await expect(page.locator('#signup-password')).toHaveValue('');
	await expectAccessible(page, 'sign-up page with errors');

	// A good password goes through; the same email a second time is refused.
	await page.locator('#signup-password').fill(PASSWORD);
	await page.getByTestId('signup-form').getByRole('button', { name: 'Create account' }).click();
	await expect(page).toHaveURL(/\/boards$/);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await open(page, '/signup');
	await signUp(page, { name: 'Erik Again', email: email.toUpperCase(), agency: 'Testby Housing', kind: 'housing' });
	await expect(page.getByTestId('error-summary')).toContainText(/already/i);
	await expect(page.locator('#signup-email')).toHaveAttribute('aria-invalid', 'true');
	await page.context().close();
});
