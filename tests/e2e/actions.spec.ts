import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import ICAL from 'ical.js';
import { expectAccessible, expectConnected, hydrated, open, personContext, signUp, uniqueEmail } from './support';

/**
 * Action items across agencies: an editor of one agency creates an action for another on the
 * board page, it shows live for the other, lands in the register under the right filters, keeps
 * who changed its status and when, and reaches both people's calendars.
 */

const SOCIAL = 'Socialtjänsten Åtgärdsby';
const EMPLOYMENT = 'Arbetsförmedlingen Åtgärdsby';

/** The card of one action on a board page. */
const card = (page: Page, title: string) => page.getByTestId('action-card').filter({ has: page.getByRole('heading', { name: title }) });
const registerRow = (page: Page, title: string) => page.getByTestId('register-row').filter({ has: page.getByRole('heading', { name: title }) });

/** The register is fed by the server's projection of the board document: it follows shortly. */
async function expectInRegister(page: Page, path: string, present: string[], absent: string[] = []): Promise<void> {
	await expect(async () => {
		await open(page, path);
		const list = page.locator('main');
		for (const title of present) await expect(registerRow(page, title)).toHaveCount(1, { timeout: 500 });
		for (const title of absent) await expect(list.getByRole('heading', { name: title })).toHaveCount(0, { timeout: 500 });
	}).toPass({ timeout: 20_000 });
}

function parseIcs(text: string) {
	const calendar = new ICAL.Component(ICAL.parse(text));
	return calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

/** Karin (social services) owns a board with a meeting; Ahmed (employment services) joins it as editor. */
async function boardWithEditor(browser: Browser, meeting: { title: string; startsAt: string }) {
	const karin = await (await personContext(browser)).newPage();
	const ahmed = await (await personContext(browser)).newPage();
	await open(karin, '/signup');
	await signUp(karin, { name: 'Karin Åtgärd', email: uniqueEmail('karin.act'), agency: SOCIAL, kind: 'social_services' });
	await karin.locator('#board-name').fill('Samverkan kring arbete');
	await karin.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(karin).toHaveURL(/\/boards\/[a-z0-9]+$/);
	const boardUrl = new URL(karin.url()).pathname;
	await karin.locator('#meeting-title').fill(meeting.title);
	await karin.locator('#meeting-starts-at').fill(meeting.startsAt);
	await karin.locator('#meeting-place').fill('Stadshuset, sal 2');
	await karin.locator('#meeting-accessibility').fill('Hiss och hörslinga finns.');
	await karin.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(karin).toHaveURL(/\/meetings\/[a-z0-9]+$/);
	const meetingUrl = new URL(karin.url()).pathname;
	await open(karin, boardUrl);
	await karin.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	const invite = new URL(await karin.getByTestId('invite-link').inputValue()).pathname;

	await open(ahmed, `/signup?redirectTo=${encodeURIComponent(invite)}`);
	await signUp(ahmed, { name: 'Ahmed Åtgärd', email: uniqueEmail('ahmed.act'), agency: EMPLOYMENT, kind: 'employment_services' });
	await expect(ahmed).toHaveURL(/\/invite\//);
	await ahmed.getByTestId('join-board').click();
	await expect(ahmed).toHaveURL(new RegExp(`${boardUrl}$`));
	return { karin, ahmed, boardUrl, meetingUrl };
}

test('an action created on the board shows live, in the register under the right filters, keeps who changed it, and reaches the calendar', async ({
	browser,
	playwright
}) => {
	test.setTimeout(120_000);
	const { karin, ahmed, boardUrl } = await boardWithEditor(browser, { title: 'Samverkansmöte i januari', startsAt: '2027-01-14T13:00' });

	// Both on the board page, connected to the board's live document.
	await open(karin, boardUrl);
	await open(ahmed, boardUrl);
	await expectConnected(karin);
	await expectConnected(ahmed);
	await expect(karin.getByTestId('board-action-list-empty')).toBeVisible();

	// Karin asks Ahmed's agency to act, by a date already past (so it is overdue)…
	const form = karin.getByTestId('create-action-form');
	await form.getByRole('button', { name: 'Lägg till åtgärd' }).click();
	await expect(karin.getByTestId('error-summary')).toContainText('Skriv vad som ska göras.');
	await form.getByLabel('Vad ska göras?').fill('Ordna tio praktikplatser');
	await form.getByLabel('Beskrivning').fill('Inom vård och omsorg, före sommaren.');
	await form.getByLabel('Ansvarig förvaltning').selectOption({ label: EMPLOYMENT });
	await form.getByLabel('Ansvarig person').selectOption({ label: 'Ahmed Åtgärd' });
	await form.getByLabel('Klart senast').fill('2025-03-01');
	await form.getByRole('button', { name: 'Lägg till åtgärd' }).click();
	await expect(karin.getByTestId('action-created')).toContainText('Ordna tio praktikplatser');
	await expect(form.getByLabel('Vad ska göras?')).toHaveValue('');

	// …and takes one on for her own agency, due later.
	await form.getByLabel('Vad ska göras?').fill('Samla brukarnas synpunkter');
	await form.getByLabel('Ansvarig förvaltning').selectOption({ label: SOCIAL });
	await form.getByLabel('Ansvarig person').selectOption({ label: 'Karin Åtgärd' });
	await form.getByLabel('Klart senast').fill('2099-06-30');
	await form.getByRole('button', { name: 'Lägg till åtgärd' }).click();

	// Ahmed sees both appear, live, with owner, assignee, due date and the overdue flag.
	const practice = card(ahmed, 'Ordna tio praktikplatser');
	await expect(practice).toContainText(EMPLOYMENT);
	await expect(practice).toContainText('Ahmed Åtgärd');
	await expect(practice).toContainText('1 mars 2025');
	await expect(practice.getByTestId('overdue-flag')).toHaveText(/Försenad/);
	await expect(practice).toContainText(`Väckt av ${SOCIAL}`);
	await expect(practice).toContainText('Skapad av Karin Åtgärd');
	await expect(card(ahmed, 'Samla brukarnas synpunkter').getByTestId('overdue-flag')).toHaveCount(0);
	await expectAccessible(ahmed, 'board page with actions');

	// Ahmed starts on it: the status change keeps who and when, and Karin sees it live.
	await practice.getByLabel(/^Status/).selectOption({ label: 'Pågår' });
	await expect(card(karin, 'Ordna tio praktikplatser').getByTestId('action-status')).toHaveValue('in_progress');
	await expect(card(karin, 'Ordna tio praktikplatser').getByTestId('action-last-change')).toHaveText(/^Ändrad av Ahmed Åtgärd, .*\d{2}:\d{2}/);
	await card(karin, 'Ordna tio praktikplatser').getByText('Historik').click();
	await expect(card(karin, 'Ordna tio praktikplatser').getByTestId('action-history')).toContainText('Pågår – Ahmed Åtgärd');
	await expect(card(karin, 'Ordna tio praktikplatser').getByTestId('action-history')).toContainText('Öppen – Karin Åtgärd');

	// Editing is live too, and the edit form is reached by keyboard.
	const synpunkter = card(karin, 'Samla brukarnas synpunkter');
	await synpunkter.getByRole('button', { name: /^Ändra/ }).click();
	await expect(synpunkter.getByLabel('Vad ska göras?')).toBeFocused();
	await synpunkter.getByLabel('Klart senast').fill('2099-07-31');
	await synpunkter.getByRole('button', { name: 'Spara' }).click();
	await expect(card(ahmed, 'Samla brukarnas synpunkter')).toContainText('31 juli 2099');

	// Usable on a 360 px phone: nothing scrolls sideways.
	await ahmed.setViewportSize({ width: 360, height: 740 });
	expect(await ahmed.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
	await ahmed.setViewportSize({ width: 1280, height: 720 });

	// The register, for Ahmed: his own and his agency's; nothing is owed to his agency. (Once the
	// status change reached the projection, everything before it has too.)
	await expectInRegister(ahmed, '/actions?status=in_progress', ['Ordna tio praktikplatser'], ['Samla brukarnas synpunkter']);
	await expectInRegister(ahmed, '/actions?who=mine', ['Ordna tio praktikplatser'], ['Samla brukarnas synpunkter']);
	await expect(registerRow(ahmed, 'Ordna tio praktikplatser')).toContainText('Ändrad av Ahmed Åtgärd');
	await expect(registerRow(ahmed, 'Ordna tio praktikplatser')).toContainText('Pågår');
	await expect(registerRow(ahmed, 'Ordna tio praktikplatser').getByTestId('overdue-flag')).toBeVisible();
	await expectAccessible(ahmed, 'action register');
	await expectInRegister(ahmed, '/actions?who=agency', ['Ordna tio praktikplatser'], ['Samla brukarnas synpunkter']);
	await expectInRegister(ahmed, '/actions?who=owed', [], ['Ordna tio praktikplatser', 'Samla brukarnas synpunkter']);
	await expect(ahmed.getByTestId('register-empty')).toBeVisible();

	// For Karin: what she owes, and what Ahmed's agency owes hers.
	await expectInRegister(karin, '/actions', ['Samla brukarnas synpunkter', 'Ordna tio praktikplatser']);
	// Sorted by due date: the overdue one first.
	await expect(karin.getByTestId('register-row').first()).toContainText('Ordna tio praktikplatser');
	await karin.getByTestId('filter-who-mine').click();
	await expect(karin).toHaveURL(/\/actions\?who=mine$/);
	await expect(karin.getByTestId('filter-who-mine')).toHaveAttribute('aria-current', 'page');
	await expectInRegister(karin, '/actions?who=mine', ['Samla brukarnas synpunkter'], ['Ordna tio praktikplatser']);
	await expectInRegister(karin, '/actions?who=owed', ['Ordna tio praktikplatser'], ['Samla brukarnas synpunkter']);
	await expectInRegister(karin, '/actions?overdue=1', ['Ordna tio praktikplatser'], ['Samla brukarnas synpunkter']);
	await expectInRegister(karin, '/actions?status=waiting', [], ['Ordna tio praktikplatser', 'Samla brukarnas synpunkter']);
	await expectInRegister(karin, '/actions?status=in_progress', ['Ordna tio praktikplatser'], ['Samla brukarnas synpunkter']);
	// Each row leads to its board.
	await registerRow(karin, 'Ordna tio praktikplatser').getByRole('link', { name: /Samverkan kring arbete/ }).click();
	await expect(karin).toHaveURL(new RegExp(`${boardUrl}#actions-heading$`));

	// The calendar: a secret link, shown once; the feed parses; revoking ends it.
	await open(ahmed, '/calendar');
	await expect(ahmed.getByTestId('calendar-none')).toBeVisible();
	await expectAccessible(ahmed, 'calendar page');
	await ahmed.getByRole('button', { name: 'Skapa kalenderlänk' }).click();
	const feedUrl = await ahmed.getByTestId('calendar-url').inputValue();
	expect(feedUrl).toMatch(/\/calendar\/[a-z2-7]{32}\.ics\?lang=sv$/);
	await expectAccessible(ahmed, 'calendar page with a new link');

	// A calendar program has no cookie: the link alone opens the feed.
	const program = await playwright.request.newContext();
	const response = await program.get(feedUrl);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toMatch(/^text\/calendar/);
	const feed = await response.text();
	expect(feed).toContain('\r\n');
	const events = parseIcs(feed);
	const meeting = events.find((e) => e.summary === 'Samverkansmöte i januari');
	expect(meeting?.location).toBe('Stadshuset, sal 2');
	expect(meeting?.description).toContain('Hiss och hörslinga finns.');
	expect(meeting?.startDate.toJSDate().toISOString()).toBe('2027-01-14T12:00:00.000Z');
	expect(meeting?.endDate.toJSDate().toISOString()).toBe('2027-01-14T14:00:00.000Z');
	const due = events.find((e) => e.summary === 'Åtgärd klar senast: Ordna tio praktikplatser');
	expect(due?.startDate.isDate).toBe(true);
	expect(due?.startDate.toString()).toBe('2025-03-01');
	// Karin's own action is not Ahmed's nor his agency's.
	expect(events.some((e) => e.summary.includes('Samla brukarnas synpunkter'))).toBe(false);

	// The file downloads too, for a one-off import.
	const [download] = await Promise.all([ahmed.waitForEvent('download'), ahmed.getByTestId('calendar-download').click()]);
	expect(download.suggestedFilename()).toBe('samtavla.ics');
	const downloaded = parseIcs(await readFile((await download.path())!, 'utf8'));
	expect(downloaded.map((e) => e.summary)).toContain('Åtgärd klar senast: Ordna tio praktikplatser');

	await open(ahmed, '/calendar');
	await expect(ahmed.getByTestId('calendar-active')).toBeVisible();
	await ahmed.getByRole('button', { name: 'Återkalla länken' }).click();
	await expect(ahmed.getByTestId('calendar-revoked')).toBeVisible();
	expect((await program.get(feedUrl)).status()).toBe(404);
	await program.dispose();

	await karin.context().close();
	await ahmed.context().close();
});

test('the register works without JavaScript and on a 360 px phone', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	const js = await (await personContext(browser)).newPage();
	await open(js, '/signup');
	const email = uniqueEmail('nojs.act');
	await signUp(js, { name: 'Nina Utan', email, agency: 'Brukarföreningen Åtgärdsby', kind: 'user_association' });
	await expect(js).toHaveURL(/\/boards$/);
	await js.context().storageState().then(async (state) => {
		await context.addCookies(state.cookies);
	});
	await page.goto('/actions');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Åtgärdsregister');
	await page.getByTestId('filter-overdue').click();
	await expect(page).toHaveURL(/\/actions\?overdue=1$/);
	await expect(page.getByTestId('filter-overdue')).toHaveAttribute('aria-current', 'page');
	await expect(page.getByTestId('register-empty')).toBeVisible();
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow).toBeLessThanOrEqual(0);
	await page.goto('/calendar');
	await page.getByRole('button', { name: 'Skapa kalenderlänk' }).click();
	await expect(page.getByTestId('calendar-url')).toHaveValue(/\/calendar\/[a-z2-7]{32}\.ics/);
	await context.close();
	await js.context().close();
});

test('an action raised under an agenda item is followed up in the next meeting; done ones drop out', async ({ browser }) => {
	test.setTimeout(120_000);
	const { karin, ahmed, boardUrl, meetingUrl } = await boardWithEditor(browser, { title: 'Möte i mars', startsAt: '2027-03-04T09:00' });

	// In the first meeting Karin raises an action under § 1.
	await open(karin, meetingUrl);
	await expectConnected(karin);
	const addItem = karin.getByTestId('add-item-form');
	await addItem.getByLabel('Rubrik').fill('Arbete och praktik');
	await addItem.getByRole('button', { name: 'Lägg till punkt' }).click();
	const agendaItem = karin.getByTestId('agenda-item').filter({ hasText: 'Arbete och praktik' });
	// The § opens beside the agenda list, with its action items (issue 9.7).
	await agendaItem.getByTestId('item-link').click();
	const itemActions = karin.getByTestId('open-item').getByTestId('item-actions');
	await expect(itemActions.getByTestId('item-action-list-empty')).toBeVisible();
	await itemActions.getByRole('button', { name: /^Ny åtgärd/ }).click();
	const form = itemActions.getByTestId('item-action-form');
	await expect(form.getByLabel('Ansvarig förvaltning')).toHaveValue(/.+/);
	await form.getByLabel('Vad ska göras?').fill('Kartlägga lediga platser');
	await form.getByLabel('Ansvarig förvaltning').selectOption({ label: EMPLOYMENT });
	await form.getByLabel('Klart senast').fill('2099-02-01');
	await form.getByRole('button', { name: 'Lägg till åtgärd' }).click();
	await expect(itemActions.getByTestId('item-action-list')).toContainText('Kartlägga lediga platser');
	// Raised in this meeting: not part of this meeting's follow-up.
	await expect(karin.getByTestId('follow-up-list-empty')).toBeVisible();

	// The next meeting.
	await open(karin, boardUrl);
	await karin.locator('#meeting-title').fill('Möte i april');
	await karin.locator('#meeting-starts-at').fill('2027-04-01T09:00');
	await karin.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(karin).toHaveURL(/\/meetings\/[a-z0-9]+$/);
	const nextMeeting = new URL(karin.url()).pathname;
	await hydrated(karin);
	await open(ahmed, nextMeeting);
	await expectConnected(karin);
	await expectConnected(ahmed);

	const followUp = (page: Page) => page.getByTestId('follow-up');
	await expect(followUp(karin).getByTestId('follow-up-list')).toContainText('Kartlägga lediga platser');
	const entry = card(ahmed, 'Kartlägga lediga platser');
	await expect(entry).toContainText(EMPLOYMENT);
	await expectAccessible(ahmed, 'meeting page with the follow-up');

	// Ahmed's agency is waiting on Karin's, then it is done: it leaves the follow-up for both, live.
	await entry.getByLabel(/^Status/).selectOption({ label: 'Väntar på annan förvaltning' });
	await expect(card(karin, 'Kartlägga lediga platser').getByTestId('action-last-change')).toHaveText(/^Ändrad av Ahmed Åtgärd/);
	await entry.getByLabel(/^Status/).selectOption({ label: 'Klar' });
	await expect(followUp(ahmed).getByTestId('follow-up-list-empty')).toBeVisible();
	await expect(followUp(karin).getByTestId('follow-up-list-empty')).toBeVisible();
	// Focus does not vanish with the item: it lands on the section's heading.
	await expect(followUp(ahmed).getByRole('heading', { name: 'Uppföljning av åtgärder' })).toBeFocused();

	// Still on the board, with its history.
	await open(karin, boardUrl);
	const onBoard = card(karin, 'Kartlägga lediga platser');
	await expect(onBoard.getByTestId('action-status')).toHaveValue('done');
	await expect(onBoard).toContainText('Från mötet Möte i mars');
	await onBoard.getByText('Historik').click();
	await expect(onBoard.getByTestId('action-history')).toContainText('Klar – Ahmed Åtgärd');

	await karin.context().close();
	await ahmed.context().close();
});
