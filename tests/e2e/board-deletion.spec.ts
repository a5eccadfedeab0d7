import { expect, test } from '@playwright/test';
import { expectAccessible, open, personContext, signUp, uniqueEmail } from './support';

/**
 * Issue 11, point 11, in Chromium: the owner asks for the board's deletion by typing its name (a
 * slip is refused, next to the field); a member sees the date at the top of the board; the owner
 * cancels and the notice goes. The retention form is on the same page. Axe clean, and at 360 px
 * nothing scrolls sideways. The purge itself is tested on both databases
 * (tests/integration/board-purge.spec.ts).
 */
test('the owner requests deletion with the typed name, a member sees the notice, the owner cancels', async ({ browser }) => {
	const owner = await (await personContext(browser)).newPage();
	const member = await (await personContext(browser)).newPage();
	await open(owner, '/signup');
	await signUp(owner, { name: 'Rut Raderare', email: uniqueEmail('rut'), agency: 'Socialförvaltningen R', kind: 'social_services' });
	await owner.locator('#board-name').fill('Samverkan Raderas');
	await owner.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(owner).toHaveURL(/\/boards\/[a-z0-9]+$/);
	const boardUrl = owner.url();
	await owner.waitForSelector('html[data-hydrated]');
	await owner.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	const link = new URL(await owner.getByTestId('invite-link').inputValue()).pathname;
	await open(member, `/signup?redirectTo=${encodeURIComponent(link)}`);
	await signUp(member, { name: 'Mats Medlem', email: uniqueEmail('mats'), agency: 'Arbetsförmedlingen R', kind: 'employment_services' });
	await member.getByTestId('join-board').click();
	await expect(member).toHaveURL(boardUrl);
	// Only owners see the danger section.
	await expect(member.getByTestId('board-deletion-request')).toHaveCount(0);

	const name = owner.getByLabel('Skriv tavlans namn för att bekräfta: Samverkan Raderas');
	await name.fill('Samverkan Radera');
	await owner.getByTestId('board-deletion-request').click();
	await expect(owner.getByText('Namnet stämmer inte. Skriv tavlans namn exakt som det står.')).toBeVisible();
	await expect(name).toHaveAttribute('aria-invalid', 'true');
	await name.fill('samverkan raderas');
	await owner.getByTestId('board-deletion-request').click();
	await expect(owner.getByTestId('board-deletion-status')).toHaveText('Raderingen är begärd.');
	await expect(owner.getByTestId('board-deletion-notice')).toContainText('Den här tavlan raderas');
	await expectAccessible(owner, 'board with a pending deletion (owner)');

	await open(member, boardUrl);
	// The page says the date in Stockholm (the browser's zone here), not in the runner's zone: they differ for an hour each night.
	const date = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Stockholm' }).format(new Date(Date.now() + 30 * 86_400_000));
	await expect(member.getByTestId('board-deletion-notice')).toContainText(date);
	await member.setViewportSize({ width: 360, height: 740 });
	await open(member, boardUrl);
	const overflow = await member.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow).toBeLessThanOrEqual(0);
	await expectAccessible(member, 'board with a pending deletion at 360 px (member)');

	await owner.getByTestId('board-deletion-cancel').click();
	await expect(owner.getByTestId('board-deletion-status')).toHaveText('Raderingen är ångrad. Tavlan finns kvar.');
	await expect(owner.getByTestId('board-deletion-notice')).toHaveCount(0);
	await open(member, boardUrl);
	await expect(member.getByTestId('board-deletion-notice')).toHaveCount(0);

	await owner.setViewportSize({ width: 360, height: 740 });
	await open(owner, boardUrl);
	await owner.getByTestId('retention-draftsDays').fill('12');
	await owner.getByTestId('retention-save').click();
	await expect(owner.getByText('Ange ett helt antal dagar inom gränserna, eller lämna fältet tomt.')).toBeVisible();
	await owner.getByTestId('retention-draftsDays').fill('400');
	await owner.getByTestId('retention-save').click();
	await expect(owner.getByTestId('retention-status')).toHaveText('Sparat.');
	const ownerOverflow = await owner.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(ownerOverflow).toBeLessThanOrEqual(0);
	await expectAccessible(owner, 'danger section and retention at 360 px (owner)');
});
