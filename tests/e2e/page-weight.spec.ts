import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { MEETING_PAGE_JS_BUDGET_KB } from '../load/page-budget.mjs';
import { expectConnected, open, personContext, signUp, uniqueEmail } from './support';

/** Every JavaScript file the page loads, by path, with its size gzipped at level 9 (as served). */
function watchScripts(page: Page): Map<string, number> {
	const sizes = new Map<string, number>();
	page.on('response', async (response) => {
		const path = new URL(response.url()).pathname;
		if (!/\.m?js$/.test(path)) return;
		try {
			sizes.set(path, gzipSync(await response.body(), { level: 9 }).length);
		} catch {
			// dropped by the page before its body arrived: not used
		}
	});
	return sizes;
}

test('the meeting page loads at most its JavaScript budget (gzip) until someone reaches for the minutes', async ({ browser }) => {
	const owner = await personContext(browser);
	const setup = await owner.newPage();
	await open(setup, '/signup');
	await signUp(setup, { name: 'Vera Vikt', email: uniqueEmail('vera'), agency: 'Socialförvaltningen Vikt', kind: 'social_services' });
	await expect(setup).toHaveURL(/\/boards$/);
	await setup.waitForSelector('html[data-hydrated]');
	await setup.locator('#board-name').fill('Samverkan vikt');
	await setup.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(setup).toHaveURL(/\/boards\/[a-z0-9]+$/);
	await setup.waitForSelector('html[data-hydrated]');
	await setup.locator('#meeting-title').fill('Möte med vikt');
	await setup.locator('#meeting-starts-at').fill('2026-12-03T13:00');
	await setup.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(setup).toHaveURL(/\/meetings\/[a-z0-9]+$/);
	const meetingUrl = new URL(setup.url()).pathname;

	// A fresh context with the same session: nothing already in the browser's cache.
	const fresh = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', storageState: await owner.storageState() });
	const page = await fresh.newPage();
	const sizes = watchScripts(page);
	await open(page, meetingUrl);
	await expectConnected(page);
	await expect(page.getByTestId('minutes-editor')).toBeVisible();
	await page.waitForLoadState('networkidle');

	const totalKb = [...sizes.values()].reduce((a, b) => a + b, 0) / 1024;
	const biggest = [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([path, size]) => `${path.split('/').pop()} ${(size / 1024).toFixed(1)} KB`);
	console.log(`meeting page JavaScript: ${totalKb.toFixed(1)} KB gzip in ${sizes.size} files (budget ${MEETING_PAGE_JS_BUDGET_KB} KB); biggest: ${biggest.join(', ')}`);
	expect(totalKb, `JavaScript on the meeting page, gzip KB (biggest: ${biggest.join(', ')})`).toBeLessThanOrEqual(MEETING_PAGE_JS_BUDGET_KB);

	await fresh.close();
	await owner.close();
});
