import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, expectConnected, open, personContext, signUp, typeInMinutes, uniqueEmail } from './support';

/** Owner creates a board + meeting and an invite with `role`; a second person joins through it. */
async function boardWithGuest(browser: Browser, role: 'Redaktör' | 'Läsare') {
	const owner = await (await personContext(browser)).newPage();
	const guest = await (await personContext(browser)).newPage();
	await open(owner, '/signup');
	await signUp(owner, { name: 'Olle Ordförande', email: uniqueEmail('olle'), agency: 'Socialförvaltningen Ö', kind: 'social_services' });
	await owner.locator('#board-name').fill('Samverkan Ö');
	await owner.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(owner).toHaveURL(/\/boards\/[a-z0-9]+$/);
	const boardUrl = owner.url();
	await owner.locator('#meeting-title').fill('Möte');
	await owner.locator('#meeting-starts-at').fill('2026-12-10T09:30');
	await owner.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(owner).toHaveURL(/\/meetings\//);
	const meetingUrl = owner.url();
	await open(owner, boardUrl);
	await owner.getByRole('radio', { name: new RegExp(role) }).check();
	await owner.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	const link = new URL(await owner.getByTestId('invite-link').inputValue()).pathname;

	await open(guest, `/signup?redirectTo=${encodeURIComponent(link)}`);
	await signUp(guest, { name: 'Gun Gäst', email: uniqueEmail('gun'), agency: 'Brukarföreningen Ö', kind: 'user_association' });
	await expect(guest).toHaveURL(/\/invite\//);
	await guest.getByTestId('join-board').click();
	await expect(guest).toHaveURL(boardUrl);
	return { owner, guest, meetingUrl };
}

const minutes = (page: Page) => page.getByTestId('minutes-editor');

test('text typed offline is kept on the device and reaches the others when the connection returns', async ({ browser }) => {
	const { owner, guest, meetingUrl } = await boardWithGuest(browser, 'Redaktör');
	await open(owner, meetingUrl);
	await open(guest, meetingUrl);
	await expectConnected(owner);
	await expectConnected(guest);

	await guest.context().setOffline(true);
	await expect(guest.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline');
	await expect(guest.getByTestId('connection-status')).toContainText(/enhet/); // "…sparas på den här enheten…"
	await typeInMinutes(guest, 'Skrivet utan nät i källaren.');
	await owner.waitForTimeout(1000);
	await expect(minutes(owner)).not.toContainText('Skrivet utan nät');

	await guest.context().setOffline(false);
	await expectConnected(guest);
	await expect(minutes(owner)).toContainText('Skrivet utan nät i källaren.');
	await owner.context().close();
	await guest.context().close();
});

test('a viewer reads the minutes live but cannot change them', async ({ browser }) => {
	const { owner, guest: viewer, meetingUrl } = await boardWithGuest(browser, 'Läsare');
	await open(owner, meetingUrl);
	await open(viewer, meetingUrl);
	await expectConnected(owner);
	await expect(viewer.getByTestId('read-only-note')).toBeVisible();
	await expect(minutes(viewer)).toHaveAttribute('contenteditable', 'false');
	await expectAccessible(viewer, 'meeting page, read-only');

	await typeInMinutes(owner, 'Beslut fattat av redaktören.');
	await expect(minutes(viewer)).toContainText('Beslut fattat av redaktören.');
	await owner.context().close();
	await viewer.context().close();
});

test('works on a 360 px phone: no sideways scrolling on the meeting page', async ({ browser }) => {
	const { owner, meetingUrl } = await boardWithGuest(browser, 'Redaktör');
	await owner.setViewportSize({ width: 360, height: 740 });
	await open(owner, meetingUrl);
	await expectConnected(owner);
	const overflow = await owner.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow).toBeLessThanOrEqual(0);
	await typeInMinutes(owner, 'Från telefonen.');
	await expect(minutes(owner)).toContainText('Från telefonen.');
	await owner.context().close();
});

test('opening another meeting in place keeps every word typed in it (the editor follows the new live document)', async ({ browser }) => {
	const { owner, guest, meetingUrl } = await boardWithGuest(browser, 'Redaktör');
	// A second meeting on the same board.
	await open(owner, new URL(meetingUrl).pathname);
	const boardPath = new URL((await owner.getByRole('link', { name: /Tillbaka till/ }).getAttribute('href'))!, owner.url()).pathname;
	await open(owner, boardPath);
	await owner.locator('#meeting-title').fill('Andra mötet');
	await owner.locator('#meeting-starts-at').fill('2026-12-17T09:30');
	await owner.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(owner).toHaveURL(/\/meetings\//);
	const second = new URL(owner.url()).pathname;

	await open(guest, new URL(meetingUrl).pathname);
	await expectConnected(guest);
	await typeInMinutes(guest, 'I första mötet.');
	// Client-side navigation to the other meeting: same page component, new live documents.
	await guest.evaluate((href) => {
		const a = document.createElement('a');
		a.href = href;
		a.textContent = 'till andra mötet';
		document.body.append(a);
		a.click();
	}, second);
	await expect(guest).toHaveURL(second);
	await expect(guest.getByRole('heading', { level: 1 })).toHaveText('Andra mötet');
	await expectConnected(guest);
	await expect(minutes(guest)).not.toContainText('I första mötet.');
	await typeInMinutes(guest, 'I andra mötet.');

	await open(owner, second);
	await expect(minutes(owner)).toContainText('I andra mötet.');
	await expect(minutes(owner)).not.toContainText('I första mötet.');
	await owner.context().close();
	await guest.context().close();
});
