import { expect, test } from '@playwright/test';
import { expectAccessible, open, personContext, signUp, uniqueEmail } from './support';

/**
 * Issue 11, point 9, in Chromium: the owner reaches the board's log from the board page, filters it
 * with the plain GET form (a bookmarkable address), at 360 px too; everyone's own entries show their
 * sign-up and board. Which action writes which entry is tested over HTTP
 * (tests/integration/web-audit.spec.ts).
 */
test('the owner reads and filters the board log; a person reads their own entries', async ({ browser }) => {
	const owner = await (await personContext(browser)).newPage();
	await open(owner, '/signup');
	await signUp(owner, { name: 'Lisa Loggläsare', email: uniqueEmail('lisa'), agency: 'Socialförvaltningen L', kind: 'social_services' });
	await owner.locator('#board-name').fill('Samverkan Norra');
	await owner.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(owner).toHaveURL(/\/boards\/[a-z0-9]+$/);
	const boardPath = new URL(owner.url()).pathname;
	await owner.waitForSelector('html[data-hydrated]');
	await owner.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	await expect(owner.getByTestId('invite-created')).toBeVisible();

	await owner.getByRole('link', { name: 'Visa tavlans logg' }).click();
	await expect(owner).toHaveURL(`${boardPath}/log`);
	await expect(owner.getByRole('heading', { level: 1, name: 'Tavlans logg: Samverkan Norra' })).toBeVisible();
	const entries = owner.getByTestId('audit-entry');
	await expect(entries.filter({ hasText: 'Inbjudningslänk skapad' })).toHaveCount(1);
	await expect(entries.filter({ hasText: 'Lisa Loggläsare (Socialförvaltningen L)' }).first()).toBeVisible();
	await expectAccessible(owner, 'board log');

	await owner.getByLabel('Händelse').selectOption({ label: 'Möte skapat' });
	await owner.getByRole('button', { name: 'Visa', exact: true }).click();
	// A plain GET form: the filter is in the address (empty fields too), so it can be bookmarked.
	await expect(owner).toHaveURL(/\/log\?.*kind=meeting-created/);
	await expect(owner.getByTestId('audit-none')).toBeVisible();
	await expect(owner.getByTestId('audit-csv')).toHaveAttribute('href', `${boardPath}/log.csv?kind=meeting-created`);
	await owner.getByRole('link', { name: 'Visa alla poster' }).click();
	await expect(entries).not.toHaveCount(0);

	await owner.setViewportSize({ width: 360, height: 740 });
	await open(owner, `${boardPath}/log`);
	const overflow = await owner.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow).toBeLessThanOrEqual(0);

	await open(owner, '/boards');
	await owner.getByRole('link', { name: 'Mina loggposter' }).click();
	await expect(owner.getByRole('heading', { level: 1, name: 'Mina loggposter' })).toBeVisible();
	await expect(entries.filter({ hasText: 'Konto skapat' })).toHaveCount(1);
	await expect(entries.filter({ hasText: 'Tavla skapad' }).filter({ hasText: 'Samverkan Norra' })).toHaveCount(1);
	const mobileOverflow = await owner.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(mobileOverflow).toBeLessThanOrEqual(0);
	await expectAccessible(owner, 'my log at 360 px');
});
