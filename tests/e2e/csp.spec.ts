import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectConnected, open, personContext, signUp, typeInMinutes, uniqueEmail } from './support';

/**
 * The Content-Security-Policy (svelte.config.js kit.csp, hooks.server.ts) must not break any page:
 * every main page, the live meeting with its TipTap editor and websocket included, is opened with
 * the policy enforced, and any violation — a `securitypolicyviolation` event or Chromium's
 * "Refused to …" console line — fails the test.
 */
async function watchCsp(context: BrowserContext): Promise<string[]> {
	const violations: string[] = [];
	await context.exposeBinding('__reportCspViolation', (_source, text: string) => violations.push(text));
	await context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			(window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation(
				`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`
			);
		});
	});
	context.on('console', (message) => {
		if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) violations.push(message.text());
	});
	return violations;
}

async function visit(page: Page, path: string): Promise<void> {
	await open(page, path);
	const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
	expect(csp, `CSP on ${path}`).toContain("script-src 'self' 'nonce-");
}

test('no page breaks the Content-Security-Policy, the live meeting editor included', async ({ browser }) => {
	const context = await personContext(browser);
	const violations = await watchCsp(context);
	const page = await context.newPage();

	await visit(page, '/');
	await visit(page, '/signin');
	await visit(page, '/signup');
	await signUp(page, { name: 'Cecilia Policy', email: uniqueEmail('cecilia'), agency: 'Socialförvaltningen CSP', kind: 'social_services' });
	await expect(page).toHaveURL(/\/boards$/);
	await page.waitForSelector('html[data-hydrated]');

	await page.locator('#board-name').fill('Ledningsgrupp med policy');
	await page.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(page).toHaveURL(/\/boards\/[a-z0-9]+$/);
	const boardUrl = new URL(page.url()).pathname;
	await page.waitForSelector('html[data-hydrated]');
	await page.locator('#meeting-title').fill('Möte med policy');
	await page.locator('#meeting-starts-at').fill('2026-12-03T13:00');
	await page.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(page).toHaveURL(/\/meetings\/[a-z0-9]+$/);
	const meetingUrl = new URL(page.url()).pathname;

	// The live meeting: websocket, TipTap/ProseMirror (style attributes, carets), dialogs.
	await visit(page, meetingUrl);
	await expectConnected(page);
	await typeInMinutes(page, 'Protokollet skrivs under en strikt policy.');
	await expect(page.getByTestId('minutes-editor')).toContainText('strikt policy');

	await visit(page, boardUrl);
	await page.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	const link = await page.getByTestId('invite-link').inputValue();
	await visit(page, new URL(link).pathname);
	await visit(page, '/actions');
	await visit(page, '/calendar');
	await page.goto('/boards/doesnotexist');
	await expect(page.getByTestId('error-page')).toHaveAttribute('data-status', '404');

	// The language switch with JavaScript (Paraglide's setLocale, then a reload).
	await visit(page, '/boards');
	await page.getByTestId('language-switch').getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.waitForSelector('html[data-hydrated]');

	expect(violations).toEqual([]);
	await context.close();
});
