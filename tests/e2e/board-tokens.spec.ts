import { expect, test } from '@playwright/test';
import { expectAccessible, hydrated, personContext, startBoard } from './support';
import { msg } from './catalogue';

/**
 * Issue 15 in Chromium: a group's owner reaches "Tokens for integrations" from the group's page,
 * makes a group token by keyboard, sees it once, reads the group through the API with it, and
 * revokes it; at 360 px and in English too. Every endpoint, scope and role is tested over HTTP
 * (tests/integration/web-api.spec.ts).
 */
test('an owner makes a group token by keyboard, uses it once through the API, and revokes it', async ({ browser }) => {
	const page = await (await personContext(browser)).newPage();
	const { boardPath } = await startBoard(page, { person: { name: 'Ingrid Integratör', agency: 'Kommunledningen I', kind: 'other' }, board: 'Samverkan Diarium' });
	await hydrated(page);
	await page.getByRole('link', { name: msg('sv', 'api_board_tokens_link') }).click();
	await expect(page).toHaveURL(`${boardPath}/tokens`);
	await expect(page.getByRole('heading', { level: 1, name: msg('sv', 'api_board_tokens_title') })).toBeVisible();
	await expectAccessible(page, 'group tokens');

	// Keyboard only: the name field, Tab past the two choices to the button, Enter to send.
	await page.getByLabel(msg('sv', 'api_tokens_name')).focus();
	await page.keyboard.type('Diariet');
	for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
	await expect(page.getByTestId('token-create')).toBeFocused();
	await page.keyboard.press('Enter');
	const shown = page.getByTestId('token-value');
	await expect(shown).toHaveText(/^stv_[a-z2-7]{32}$/);
	const token = (await shown.textContent())!;
	await expect(page.getByTestId('token-row')).toContainText('Diariet');
	await expectAccessible(page, 'group token made');

	const boards = await page.request.get('/api/v1/boards', { headers: { authorization: `Bearer ${token}` } });
	expect(boards.status()).toBe(200);
	expect((await boards.json()).items.map((b: { name: string }) => b.name)).toEqual(['Samverkan Diarium']);

	// Shown once: gone when the page is loaded again.
	await page.goto(`${boardPath}/tokens`);
	await expect(page.getByTestId('token-value')).toHaveCount(0);
	await expect(page.getByTestId('token-row')).toContainText(msg('sv', 'api_tokens_state_active'));

	await page.setViewportSize({ width: 360, height: 740 });
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow).toBeLessThanOrEqual(0);
	await page.getByTestId('token-revoke').click();
	await expect(page.getByTestId('token-revoked')).toBeVisible();
	await expect(page.getByTestId('token-row')).toContainText(msg('sv', 'api_tokens_state_revoked'));
	expect((await page.request.get('/api/v1/boards', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
	await expectAccessible(page, 'group tokens at 360 px');

	await page.context().addCookies([{ name: 'samtavla_locale', value: 'en', url: page.url() }]);
	await page.goto(`${boardPath}/tokens`);
	await expect(page.getByRole('heading', { level: 1, name: msg('en', 'api_board_tokens_title') })).toBeVisible();
});
