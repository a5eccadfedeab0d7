import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, expectConnected, open, personContext, signUp, uniqueEmail } from './support';

/**
 * Meetings that follow on, the board's side (issue 12, points 1 and 6): the board's backlog on the
 * board page (an owner writes an item onto it and takes one off, with JavaScript and without; a
 * contributor reads it; the draft agenda offers what waits), the asks on the meeting page (the one
 * scheduled here, linked to its §, and the proposals still waiting), and a reporter withdrawing
 * her own ask by keyboard (it leaves the open asks, the suggestions and the meeting page's note).
 */

const entries = (page: Page) => page.getByTestId('backlog-entry');
const entry = (page: Page, title: string) => entries(page).filter({ has: page.getByTestId('backlog-entry-title').getByText(title, { exact: true }) });
const askCard = (page: Page, list: string, text: string) => page.getByTestId(list).getByTestId('ask-card').filter({ hasText: text });
const excess = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** An owner with a board and one planned meeting, and a member of a user association who joined as contributor. */
async function boardWithReporter(browser: Browser, tag: string) {
	const owner = await (await personContext(browser)).newPage();
	await open(owner, '/signup');
	await signUp(owner, { name: `Olga Ordförande ${tag}`, email: uniqueEmail(`olga.${tag}`), agency: `Socialtjänsten ${tag}`, kind: 'social_services' });
	await owner.locator('#board-name').fill(`Samverkan ${tag}`);
	await owner.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(owner).toHaveURL(/\/boards\/[a-z0-9]+$/);
	const boardUrl = new URL(owner.url()).pathname;
	await owner.locator('#meeting-title').fill(`Februarimötet ${tag}`);
	await owner.locator('#meeting-starts-at').fill('2027-02-09T13:00');
	await owner.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(owner).toHaveURL(/\/meetings\/[a-z0-9]+$/);
	const meetingUrl = new URL(owner.url()).pathname;
	await open(owner, boardUrl);
	await owner.locator('#invite-role-contributor').check();
	await owner.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	const invite = new URL(await owner.getByTestId('invite-link').inputValue()).pathname;

	const reporter = await (await personContext(browser)).newPage();
	await open(reporter, `/signup?redirectTo=${encodeURIComponent(invite)}`);
	await signUp(reporter, { name: `Rut Reporter ${tag}`, email: uniqueEmail(`rut.${tag}`), agency: `Brukarföreningen ${tag}`, kind: 'user_association' });
	await expect(reporter).toHaveURL(/\/invite\//);
	await reporter.getByTestId('join-board').click();
	await expect(reporter).toHaveURL(new RegExp(`${boardUrl}$`));
	return { owner, reporter, boardUrl, meetingUrl, meetingTitle: `Februarimötet ${tag}` };
}

test('the board’s backlog: the owner writes an item onto it and takes one off (also without JavaScript); a contributor reads it; the draft agenda offers what waits', async ({ browser }) => {
	test.setTimeout(180_000);
	const { owner, reporter, boardUrl, meetingUrl } = await boardWithReporter(browser, 'B');

	await open(owner, `${boardUrl}#backlog-heading`);
	const section = owner.getByTestId('board-backlog');
	await expect(section.getByRole('heading', { level: 2 })).toHaveText('Att ta upp senare');
	await expect(section.getByTestId('backlog-empty')).toHaveText('Inget väntar på att tas upp just nu.');
	const form = section.getByTestId('backlog-form');

	// A missing title is said clearly, and nothing is added.
	await form.getByRole('button', { name: 'Lägg till på listan' }).click();
	await expect(form.getByTestId('error-summary')).toContainText('Skriv en rubrik.');
	await expect(entries(owner)).toHaveCount(0);

	await form.getByLabel('Rubrik').fill('Lokalfrågan');
	await form.getByLabel(/^Vad handlar det om\?/).fill('Vem hyr salen i höst?\nOch vem betalar?');
	await form.getByRole('button', { name: 'Lägg till på listan' }).click();
	await expect(section.getByTestId('backlog-status')).toHaveText('”Lokalfrågan” ligger nu på listan att ta upp senare.');
	await expect(form.getByLabel('Rubrik')).toHaveValue('');
	await expect(entry(owner, 'Lokalfrågan').getByTestId('backlog-entry-origin')).toHaveText('Skriven direkt på listan');
	await entry(owner, 'Lokalfrågan').getByText('Anteckningar').click();
	await expect(entry(owner, 'Lokalfrågan')).toContainText('Vem hyr salen i höst?');

	await form.getByLabel('Rubrik').fill('Parkeringen vid entrén');
	await form.getByRole('button', { name: 'Lägg till på listan' }).click();
	await expect(entries(owner)).toHaveCount(2);
	await expectAccessible(owner, 'board page with the backlog (owner)');

	// Taking one off asks once more, then says what happened; focus goes to the section.
	const parking = entry(owner, 'Parkeringen vid entrén');
	await parking.getByTestId('backlog-remove-toggle').click();
	await expect(parking.getByTestId('backlog-remove-submit')).toHaveAccessibleDescription('Punkten tas bort från listan och föreslås inte längre till dagordningen.');
	await parking.getByTestId('backlog-remove-submit').click();
	await expect(section.getByTestId('backlog-status')).toHaveText('”Parkeringen vid entrén” är borttagen från listan.');
	await expect(entries(owner)).toHaveCount(1);
	await expect(section.getByRole('heading', { name: 'Att ta upp senare' })).toBeFocused();

	// The planned meeting's draft agenda offers what waits, and not what was taken off.
	await open(owner, meetingUrl);
	await expect(owner.locator('[data-testid="suggestion"][data-source="backlog"]')).toHaveCount(1);
	await expect(owner.locator('[data-testid="suggestion"][data-source="backlog"]')).toContainText('Lokalfrågan');

	// A contributor reads the list, and is offered no way to change it.
	// (She is on the board page since joining: the same address without the hash reloads it.)
	await open(reporter, boardUrl);
	await expect(entry(reporter, 'Lokalfrågan')).toHaveCount(1);
	await expect(reporter.getByTestId('backlog-form')).toHaveCount(0);
	await expect(reporter.getByTestId('backlog-remove-toggle')).toHaveCount(0);
	await expectAccessible(reporter, 'board page with the backlog (contributor)');

	// At 360 px: nothing wider than the screen.
	await owner.setViewportSize({ width: 360, height: 800 });
	await open(owner, `${boardUrl}#backlog-heading`);
	await expect.poll(() => excess(owner)).toBeLessThanOrEqual(0);
	await expectAccessible(owner, 'board page with the backlog at 360 px');

	// Without JavaScript: the same forms, plain posts; the disclosure opens natively.
	const plainContext = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', javaScriptEnabled: false, storageState: await owner.context().storageState() });
	const plain = await plainContext.newPage();
	await plain.goto(`${boardUrl}#backlog-heading`);
	await plain.getByTestId('backlog-form').getByLabel('Rubrik').fill('Hörslinga i stora salen');
	await plain.getByTestId('backlog-form').getByRole('button', { name: 'Lägg till på listan' }).click();
	await expect(plain.getByTestId('backlog-status')).toHaveText('”Hörslinga i stora salen” ligger nu på listan att ta upp senare.');
	const loop = entry(plain, 'Hörslinga i stora salen');
	await loop.getByTestId('backlog-remove-toggle').click();
	await loop.getByTestId('backlog-remove-submit').click();
	await expect(plain.getByTestId('backlog-status')).toHaveText('”Hörslinga i stora salen” är borttagen från listan.');
	await expect(entries(plain)).toHaveCount(1);

	await plainContext.close();
	await owner.context().close();
	await reporter.context().close();
});

test('asks on the meeting page, and a reporter withdrawing her own ask by keyboard', async ({ browser }) => {
	test.setTimeout(180_000);
	const { owner, reporter, boardUrl, meetingUrl, meetingTitle } = await boardWithReporter(browser, 'A');
	const SCHEDULED = 'Boendestöd även på helger';
	const WITHDRAWN = 'Mötesplatsen öppen på kvällar';

	// Rut proposes two items for the February meeting.
	await open(reporter, boardUrl);
	await expectConnected(reporter);
	const form = reporter.getByTestId('ask-form');
	for (const text of [SCHEDULED, WITHDRAWN]) {
		await form.getByLabel('Föreslå en punkt till dagordningen').check();
		await form.getByLabel('Beskriv kort vad du vill').fill(text);
		await form.getByLabel('Till vilket möte?').selectOption({ label: meetingTitle });
		await form.getByRole('button', { name: 'Skicka önskemålet' }).click();
		await expect(askCard(reporter, 'my-asks', text)).toHaveCount(1);
		// The card can arrive live before the post's answer: the emptied field says it is done.
		await expect(form.getByLabel('Beskriv kort vad du vill')).toHaveValue('');
	}

	// Olga puts the first on the agenda.
	await open(owner, boardUrl);
	await expectConnected(owner);
	const first = askCard(owner, 'open-asks', SCHEDULED);
	await first.getByTestId('answer-toggle').click();
	// Each condition of the press on its own, so a slow machine's failure names the one that did not hold.
	const send = first.getByRole('button', { name: /^Skicka svaret/ });
	await expect(send).toBeVisible();
	await expect(send).toBeEnabled();
	await send.click({ timeout: 30_000 });
	await expect(owner.getByTestId('answer-status')).toHaveText('Svaret är sparat och syns för den som frågade.');
	await expect(owner.getByTestId('open-asks').getByTestId('ask-card')).toHaveCount(1);

	// The meeting page: the scheduled ask linked to its §, and the other one waiting.
	await open(owner, meetingUrl);
	await expectConnected(owner);
	const asks = owner.getByTestId('meeting-asks');
	await expect(asks.getByRole('heading', { level: 2 })).toHaveText('Önskemål till mötet');
	await expect(asks.getByTestId('meeting-ask-link')).toHaveText(`§ 1 ${SCHEDULED}`);
	await expect(asks.getByTestId('meeting-ask')).toContainText('Föreslogs av Rut Reporter A (Brukarföreningen A)');
	await expect(asks.getByTestId('meeting-asks-waiting')).toContainText('1 förslag till dagordningen väntar på svar.');
	await expect(asks.getByRole('link', { name: 'Se önskemålen på gruppens sida' })).toHaveAttribute('href', `${boardUrl}#asks`);
	await expect(owner.locator('[data-testid="suggestion"][data-source="ask"]')).toContainText(WITHDRAWN);
	await expectAccessible(owner, 'meeting page with its asks');
	await asks.getByTestId('meeting-ask-link').click();
	await expect(owner).toHaveURL(/#item-/);
	await expect(owner.getByTestId('open-item')).toContainText(SCHEDULED);

	// The contributor sees the same on the meeting page.
	await open(reporter, meetingUrl);
	await expect(reporter.getByTestId('meeting-asks').getByTestId('meeting-ask-link')).toHaveText(`§ 1 ${SCHEDULED}`);

	// Rut withdraws the other, by keyboard: the disclosure, then its button.
	await open(reporter, boardUrl);
	await expectConnected(reporter);
	const mine = askCard(reporter, 'my-asks', WITHDRAWN);
	await expect(askCard(reporter, 'my-asks', SCHEDULED).getByTestId('withdraw-toggle')).toHaveCount(0);
	await mine.getByTestId('withdraw-toggle').focus();
	await reporter.keyboard.press('Enter');
	await expect(mine.getByTestId('withdraw-submit')).toBeVisible();
	await expectAccessible(reporter, 'board page with the withdrawal open');
	await reporter.keyboard.press('Tab');
	await expect(mine.getByTestId('withdraw-submit')).toBeFocused();
	await reporter.keyboard.press('Enter');
	await expect(reporter.getByTestId('answer-status')).toHaveText('Du har tagit tillbaka ditt önskemål.');
	await expect(reporter.getByRole('heading', { name: 'Dina önskemål' })).toBeFocused();
	await expect(mine.getByTestId('ask-withdrawn')).toContainText('Du tog tillbaka det');
	await expect(mine.getByTestId('withdraw-toggle')).toHaveCount(0);

	// It leaves the open asks (live for the owner), the suggestions and the meeting page's note.
	await open(owner, boardUrl);
	await expect(owner.getByTestId('open-asks')).toHaveCount(0);
	await expect(owner.getByTestId('answered-asks').getByTestId('ask-card')).toHaveCount(1);
	await open(owner, meetingUrl);
	await expect(owner.getByTestId('meeting-asks').getByTestId('meeting-asks-waiting')).toHaveCount(0);
	await expect(owner.locator('[data-testid="suggestion"][data-source="ask"]')).toHaveCount(0);

	// At 360 px: the meeting's asks and the withdrawn card fit.
	for (const [page, path] of [
		[owner, meetingUrl],
		[reporter, `${boardUrl}#asks`]
	] as const) {
		await page.setViewportSize({ width: 360, height: 800 });
		await open(page, path);
		await expect.poll(() => excess(page)).toBeLessThanOrEqual(0);
	}
	await expectAccessible(reporter, 'board page with a withdrawn ask at 360 px');

	await owner.context().close();
	await reporter.context().close();
});
