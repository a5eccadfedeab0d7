import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { PASSWORD, signUp, uniqueEmail } from './support';

/**
 * Every main form works as a plain HTML form: with JavaScript off, and before the page has
 * hydrated (its scripts have not arrived yet — a slow phone connection). SvelteKit's `use:enhance`
 * is only an enhancement. The second mode keeps JavaScript on but never delivers the app's
 * scripts, so every click lands on the server-rendered form, as it does before hydration.
 */
const MODES = {
	'with JavaScript off': async (browser: Browser) => browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', javaScriptEnabled: false }),
	'before hydration': async (browser: Browser) => {
		const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
		await context.route(/\/_app\/.*\.js(\?.*)?$/, (route) => route.abort());
		return context;
	}
} satisfies Record<string, (browser: Browser) => Promise<BrowserContext>>;

/** A refused post would show SvelteKit's or our 403; any error page fails the step. */
async function expectNoErrorPage(page: Page, step: string): Promise<void> {
	await expect(page.getByTestId('error-page'), step).toHaveCount(0);
	expect(await page.locator('body').innerText(), step).not.toMatch(/Cross-site|Formuläret kunde inte skickas/);
}

for (const [mode, newContext] of Object.entries(MODES)) {
	test(`the main forms work ${mode}: sign up, language, sign out, sign in, board, meeting, invite, join, role`, async ({ browser }) => {
		const ownerContext = await newContext(browser);
		const owner = await ownerContext.newPage();
		if (mode === 'before hydration') {
			// The proof that this mode is what it says: the page never hydrates.
			owner.on('load', async () => expect(await owner.locator('html[data-hydrated]').count()).toBe(0));
		}

		// Sign up.
		await owner.goto('/signup');
		await signUp(owner, { name: 'Olga Ordförande', email: uniqueEmail('olga'), agency: `Socialförvaltningen ${mode}`, kind: 'social_services' });
		await expect(owner).toHaveURL(/\/boards$/);
		await expectNoErrorPage(owner, 'sign up');

		// Change language and back.
		await owner.getByTestId('language-switch').getByRole('button', { name: 'English' }).click();
		await expect(owner.locator('html')).toHaveAttribute('lang', 'en');
		await expect(owner.getByRole('button', { name: 'Sign out' })).toBeVisible();
		await owner.getByTestId('language-switch').getByRole('button', { name: 'Svenska' }).click();
		await expect(owner.locator('html')).toHaveAttribute('lang', 'sv');

		// Sign out, a wrong password, then sign in.
		const email = uniqueEmail('olga.igen');
		await owner.getByRole('button', { name: 'Logga ut' }).click();
		await expect(owner).toHaveURL(/\/($|signin)/);
		await expectNoErrorPage(owner, 'sign out');
		await owner.goto('/signup');
		await signUp(owner, { name: 'Olga Ordförande', email, agency: `Socialförvaltningen ${mode}`, kind: 'social_services' });
		await expect(owner).toHaveURL(/\/boards$/);
		await owner.getByRole('button', { name: 'Logga ut' }).click();
		await owner.goto('/signin');
		await owner.locator('#signin-email').fill(email);
		await owner.locator('#signin-password').fill('inte rätt lösenord');
		await owner.getByTestId('signin-form').getByRole('button', { name: 'Logga in' }).click();
		await expect(owner.getByTestId('error-summary')).toContainText('E-postadressen eller lösenordet stämmer inte');
		await owner.locator('#signin-password').fill(PASSWORD);
		await owner.getByTestId('signin-form').getByRole('button', { name: 'Logga in' }).click();
		await expect(owner).toHaveURL(/\/boards$/);

		// Create a board.
		await owner.locator('#board-name').fill(`Ledningsgrupp ${mode}`);
		await owner.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
		await expect(owner).toHaveURL(/\/boards\/[a-z0-9]+$/);
		await expectNoErrorPage(owner, 'create board');
		const boardUrl = owner.url();

		// Create a meeting: without the browser's offset the server uses the person's time zone.
		await owner.locator('#meeting-title').fill('Möte utan skript');
		await owner.locator('#meeting-starts-at').fill('2026-12-03T13:00');
		await owner.getByRole('button', { name: 'Skapa möte' }).click();
		await expect(owner).toHaveURL(/\/meetings\/[a-z0-9]+$/);
		await expect(owner.getByTestId('meeting-details')).toContainText('13:00');

		// Create an invite.
		await owner.goto(boardUrl);
		await owner.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
		await expectNoErrorPage(owner, 'create invite');
		const link = await owner.getByTestId('invite-link').inputValue();
		expect(link).toMatch(/\/invite\/[a-z2-7]{32}$/);

		// Another person joins through the invite (the form the Referrer-Policy used to break).
		const guestContext = await newContext(browser);
		const guest = await guestContext.newPage();
		await guest.goto(new URL(link).pathname);
		await guest.getByTestId('invite-page').getByRole('link', { name: 'Skapa konto' }).click();
		await expect(guest).toHaveURL(/\/signup\?redirectTo=/);
		await signUp(guest, { name: 'Gustav Gäst', email: uniqueEmail('gustav'), agency: `Brukarföreningen ${mode}`, kind: 'user_association' });
		await expect(guest).toHaveURL(/\/invite\//);
		await guest.getByTestId('join-board').click();
		await expectNoErrorPage(guest, 'join through invite');
		await expect(guest).toHaveURL(boardUrl);
		await expect(guest.getByTestId('member-list')).toContainText('Gustav Gäst');

		// The owner changes the guest's role.
		await owner.goto(boardUrl);
		const role = owner.getByRole('combobox', { name: /Gustav Gäst/ });
		await role.selectOption('viewer');
		await owner.locator('li', { has: role }).getByTestId('member-role-save').click();
		await expectNoErrorPage(owner, 'change role');
		await expect(owner.getByTestId('member-notice')).toContainText('Gustav Gäst');
		await expect(owner.getByRole('combobox', { name: /Gustav Gäst/ })).toHaveValue('viewer');

		await guestContext.close();
		await ownerContext.close();
	});
}
