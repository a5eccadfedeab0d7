import { expect, test, type Page } from '@playwright/test';
import { expectConnected, open, personContext, startBoard, typeInMinutes } from './support';

/**
 * Issue 14, point 9: Samtavla installs as an app; a meeting opened once opens again with no
 * network at all (the service worker's page, the documents from IndexedDB), edits made there
 * arrive after reconnecting, and signing out leaves no copy of the person's documents behind.
 */
const minutes = (page: Page) => page.getByTestId('minutes-editor');
const offlineCopies = (page: Page) =>
	page.evaluate(async () => ({
		databases: (await indexedDB.databases()).map((d) => d.name ?? '').filter((name) => name.startsWith('samtavla:')),
		caches: await caches.keys()
	}));

test('installable; a meeting opened once opens and is edited offline, syncs after, and sign-out clears the copies', async ({ browser }) => {
	test.setTimeout(240_000);
	const context = await personContext(browser);
	const page = await context.newPage();
	const { meetingPath } = await startBoard(page, { person: { name: 'Fia Fält', agency: 'Uppsökande teamet Fältby', kind: 'social_services' }, board: 'Samverkan Fältby', meeting: 'Uppsökarmöte' });
	await typeInMinutes(page, 'Skrivet med nät.');

	// Installable: a manifest with icons and a service worker that controls the page.
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	await page.reload();
	await page.waitForSelector('html[data-hydrated]');
	expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
	const cdp = await context.newCDPSession(page);
	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	expect(installabilityErrors).toEqual([]);
	await expectConnected(page);
	await expect(minutes(page)).toContainText('Skrivet med nät.');

	// No network at all: the meeting opens from the device, says it is offline, and takes edits.
	await context.setOffline(true);
	// A page never opened is not there: this is really offline, and only opened pages are kept.
	const probe = await context.newPage();
	await expect(probe.goto('/search?q=trapphuset')).rejects.toThrow();
	await probe.close();
	await page.goto(meetingPath);
	await page.waitForSelector('html[data-hydrated]');
	await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline');
	await expect(minutes(page)).toContainText('Skrivet med nät.');
	await typeInMinutes(page, ' Skrivet i trapphuset utan nät.');

	// Back online: the edit reaches the server; another device of the same person sees it.
	await context.setOffline(false);
	await expectConnected(page);
	const other = await (await personContext(browser)).newPage();
	await other.context().addCookies(await context.cookies());
	await open(other, meetingPath);
	await expectConnected(other);
	await expect(minutes(other)).toContainText('Skrivet i trapphuset utan nät.');
	await other.context().close();

	// Signing out removes the offline copies and the kept pages from this device.
	expect((await offlineCopies(page)).databases.length).toBeGreaterThan(0);
	await page.getByRole('button', { name: 'Logga ut' }).click();
	await expect(page).toHaveURL(/\/$/);
	await expect.poll(async () => (await offlineCopies(page)).databases).toEqual([]);
	expect((await offlineCopies(page)).caches.filter((key) => key.startsWith('pages-'))).toEqual([]);
	await context.close();
});
