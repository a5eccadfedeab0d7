import { expect, test } from '@playwright/test';
import { expectAccessible, expectConnected, open, openItem, personContext, signUp, startBoard, uniqueEmail } from './support';

/**
 * Issue 12, points 5 and 8: an editor records a majority decision with a review date; a
 * contributor (who cannot write the minutes) records a reservation against it; both show in the
 * meeting, in the board's decision register and in the person's; the register's filters are a
 * plain GET form. Swedish, and at 360 px wide.
 */
test('a majority decision with a review date and a contributor’s reservation show in the meeting and the registers', async ({ browser }) => {
	test.setTimeout(180_000);
	const owner = await (await personContext(browser)).newPage();
	const guest = await (await personContext(browser)).newPage();
	await guest.setViewportSize({ width: 360, height: 740 });

	const { boardPath: boardUrl, meetingPath: meetingUrl } = await startBoard(owner, { person: { name: 'Olle Ordförande', agency: 'Socialförvaltningen B', kind: 'social_services' }, board: 'Samverkan Beslut', meeting: 'Möte om försöket' });
	await open(owner, boardUrl);
	await owner.getByRole('radio', { name: /Bidragsgivare/ }).check();
	await owner.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	const link = new URL(await owner.getByTestId('invite-link').inputValue()).pathname;

	await open(guest, `/signup?redirectTo=${encodeURIComponent(link)}`);
	await signUp(guest, { name: 'Gun Gäst', email: uniqueEmail('gun'), agency: 'Brukarföreningen B', kind: 'user_association' });
	await expect(guest).toHaveURL(/\/invite\//);
	await guest.getByTestId('join-board').click();
	await expect(guest).toHaveURL(new RegExp(`${boardUrl}$`));

	// The editor (here the owner) records the decision: kind and review date in the folded part.
	await open(owner, meetingUrl);
	await expectConnected(owner);
	const add = owner.getByTestId('add-item-form');
	await add.getByLabel('Rubrik').fill('Bostad först');
	await add.getByRole('button', { name: 'Lägg till punkt' }).click();
	const item = await openItem(owner, 'Bostad först');
	await item.getByLabel('Nytt beslut under § 1').fill('Försöket pågår i ett år.');
	await item.getByText('Beslutsform och utvärderingsdatum (frivilligt)').click();
	await item.getByLabel('Hur fattades beslutet?').selectOption('majority');
	await item.getByLabel('Utvärderas senast (frivilligt)').fill('2027-11-30');
	await item.getByRole('button', { name: 'Lägg till beslut' }).click();
	const decision = item.getByTestId('decision');
	await expect(decision).toContainText('Försöket pågår i ett år.');
	await expect(decision.getByTestId('decision-kind')).toHaveText('Majoritetsbeslut');
	await expect(decision.getByTestId('decision-review')).toContainText('Utvärderas senast 30 november 2027');
	await expectAccessible(owner, 'meeting with a decision');

	// The contributor records a reservation, on a phone.
	await open(guest, meetingUrl);
	await expectConnected(guest);
	const theirs = await openItem(guest, 'Bostad först');
	await expect(theirs.getByLabel('Nytt beslut under § 1')).toHaveCount(0); // not theirs to write
	await theirs.getByText('Reservera dig mot beslut 1').click();
	await theirs.getByLabel('Din reservation mot beslut 1').fill('Vi anser att ett år är för kort.');
	await theirs.getByRole('button', { name: 'Lägg till reservation' }).click();
	await expect(theirs.getByTestId('reservation')).toContainText('Reservation av Gun Gäst, Brukarföreningen B:');
	await expect(theirs.getByTestId('reservation')).toContainText('Vi anser att ett år är för kort.');
	expect(await guest.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await expectAccessible(guest, 'meeting with a reservation, 360 px');

	// The editor sees it arrive, in the § and in the meeting's list of decisions.
	await expect(item.getByTestId('reservation')).toContainText('Vi anser att ett år är för kort.');
	await expect(owner.getByTestId('decision-list').getByTestId('reservation')).toContainText('Gun Gäst');

	// The board's register, linked from the board page; on the phone.
	await open(guest, boardUrl);
	await guest.getByTestId('board-decisions-link').click();
	await expect(guest).toHaveURL(new RegExp(`${boardUrl}/decisions$`));
	const row = guest.getByTestId('decision-register-row');
	await expect(row).toHaveCount(1);
	await expect(row).toContainText('Försöket pågår i ett år.');
	await expect(row.getByTestId('decision-kind')).toHaveText('Majoritetsbeslut');
	await expect(row.getByTestId('decision-review')).toContainText('30 november 2027');
	await expect(row.getByTestId('register-reservation')).toContainText('Vi anser att ett år är för kort.');
	expect(await guest.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await expectAccessible(guest, 'board decision register, 360 px');

	// Filters are a GET form: "without a reservation" leaves nothing, and says so.
	await guest.getByTestId('decision-filters').getByLabel('Reservationer').selectOption('without');
	await guest.getByRole('button', { name: 'Visa' }).click();
	await expect(guest).toHaveURL(/reservations=without/);
	await expect(guest.getByTestId('decision-register-empty')).toHaveText('Inga beslut matchar det du valt.');
	await guest.getByTestId('decision-filters-reset').click();
	await expect(guest.getByTestId('decision-register-row')).toHaveCount(1);

	// The § link leads back to the decision's item in the meeting.
	await guest.getByTestId('decision-register-link').click();
	await expect(guest).toHaveURL(new RegExp(`${meetingUrl}#item-`));

	// Across the person's boards, from the app's navigation.
	await open(owner, '/boards');
	await owner.getByTestId('nav-decisions').click();
	await expect(owner).toHaveURL(/\/decisions$/);
	await expect(owner.getByTestId('decision-register-row')).toContainText('Försöket pågår i ett år.');
	await owner.getByTestId('decision-filters').getByLabel('Beslutsform').selectOption('majority');
	await owner.getByLabel('Sök i rubriker och beslutstexter').fill('försöket');
	await owner.getByRole('button', { name: 'Visa' }).click();
	await expect(owner.getByTestId('decision-register-row')).toHaveCount(1);
	await expectAccessible(owner, 'decision register across boards');
});
