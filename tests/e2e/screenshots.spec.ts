import { expect, test, type Page } from '@playwright/test';
import { expectConnected, open, personContext, typeInMinutes } from './support';

// `npm run screenshots`: the README's pictures, from the seeded demo. Not part of `npm test`.
const PASSWORD = 'tavla-i-åsby-2026';

async function signIn(page: Page, email: string) {
	await open(page, '/signin');
	await page.locator('#signin-email').fill(email);
	await page.locator('#signin-password').fill(PASSWORD);
	await page.getByTestId('signin-form').getByRole('button', { name: 'Logga in' }).click();
	await expect(page).toHaveURL(/\/boards$/);
}

test('README screenshots', async ({ browser }) => {
	const karin = await (await personContext(browser)).newPage();
	const ahmed = await (await personContext(browser)).newPage();
	await karin.setViewportSize({ width: 1280, height: 900 });
	await signIn(karin, 'karin@demo.samtavla.se');
	await signIn(ahmed, 'ahmed@demo.samtavla.se');

	await karin.getByTestId('board-list').getByRole('link').first().click();
	await expect(karin).toHaveURL(/\/boards\//);
	await karin.screenshot({ path: 'static/screenshots/board.png', fullPage: true });

	await karin.getByTestId('meeting-list').getByRole('link', { name: /november/ }).click();
	await expect(karin).toHaveURL(/\/meetings\//);
	await open(ahmed, new URL(karin.url()).pathname);
	await expectConnected(karin);
	await expectConnected(ahmed);
	// Open § 2 on both pages; Ahmed writes in its minutes while Karin watches.
	for (const page of [karin, ahmed]) {
		await page.locator('[data-testid="agenda-item"][data-item-number="2"]').getByTestId('item-link').click();
		await expect(page.getByTestId('open-item').getByTestId('item-minutes-editor')).toBeVisible();
	}
	const ahmedsItem = ahmed.getByTestId('open-item').getByTestId('item-minutes-editor');
	await ahmedsItem.click();
	await ahmed.keyboard.press('Control+End');
	await ahmed.keyboard.type(' Arbetsförmedlingen återkommer med datum för praktik.');
	await expect(karin.getByTestId('open-item')).toContainText('återkommer med datum');
	await karin.screenshot({ path: 'static/screenshots/meeting.png', fullPage: true });

	await karin.setViewportSize({ width: 360, height: 780 });
	await karin.screenshot({ path: 'static/screenshots/meeting-phone.png' });

	await karin.setViewportSize({ width: 1280, height: 900 });
	await open(karin, '/actions');
	await karin.screenshot({ path: 'static/screenshots/register.png', fullPage: true });
});
