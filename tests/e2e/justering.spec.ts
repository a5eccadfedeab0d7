import { readFile } from 'node:fs/promises';
import { expect as baseExpect, test, type Browser, type Page } from '@playwright/test';
import mammoth from 'mammoth';
import { expectAccessible, expectConnected, hydrated, open, openItem, personContext, signUp, typeInMinutes, uniqueEmail } from './support';

/**
 * Issue 10, end to end: a meeting becomes an adjusted, locked, verifiable and published protocol.
 * The chair (the board's owner), the secretary (an editor), two adjusters (a contributor from the
 * user association and an editor from the employment service) and a viewer, each in their own
 * browser. Hold the meeting (one § internal; the user association's adjuster writes the
 * reporter's summary), send it for adjustment, one objection answered, both approve, the chair
 * approves: the protocol locks (typing goes nowhere, the page says why), the PDF and Word files
 * download and /verify confirms the PDF; the public page shows the public version, without the
 * internal §, beside the reporter's text. The new pages fit 360 px.
 */
// Five people's browsers, three downloads and several axe runs: on a loaded machine (shared CI, two
// cores) each step may take many seconds, so the test and each wait get room rather than flaking.
test.describe.configure({ timeout: 900_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

async function inviteLink(owner: Page, boardUrl: string, role: RegExp): Promise<string> {
	await open(owner, boardUrl);
	await owner.getByRole('radio', { name: role }).check();
	await owner.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	return new URL(await owner.getByTestId('invite-link').inputValue()).pathname;
}

async function join(browser: Browser, link: string, boardUrl: string, name: string, agency: string, kind: string): Promise<Page> {
	const page = await (await personContext(browser)).newPage();
	await open(page, `/signup?redirectTo=${encodeURIComponent(link)}`);
	await signUp(page, { name, email: uniqueEmail(name.split(' ')[0].toLowerCase()), agency, kind });
	await expect(page).toHaveURL(/\/invite\//);
	await page.getByTestId('join-board').click();
	await expect(page).toHaveURL(boardUrl);
	return page;
}

const lifecycle = (page: Page) => page.getByTestId('meeting-lifecycle');

/** On a 360 px phone, once `ready` holds, nothing is wider than the screen; the size is put back after. */
async function expectNoSidewaysScroll(page: Page, path: string, ready: () => Promise<void>, label: string): Promise<void> {
	const before = page.viewportSize();
	await page.setViewportSize({ width: 360, height: 740 });
	await open(page, path);
	await ready();
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, `${label} at 360 px: nothing sideways`).toBeLessThanOrEqual(0);
	if (before) await page.setViewportSize(before);
}

test('chair, secretary, two adjusters and a viewer: hold, adjust with one objection, lock, download, verify, publish', async ({ browser }) => {
	const chair = await (await personContext(browser)).newPage();
	await open(chair, '/signup');
	await signUp(chair, { name: 'Olle Ordförande', email: uniqueEmail('olle'), agency: 'Socialförvaltningen J', kind: 'social_services' });
	await chair.locator('#board-name').fill('Ledningsgrupp J');
	await chair.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(chair).toHaveURL(/\/boards\/[a-z0-9]+$/);
	const boardUrl = chair.url();
	await chair.locator('#meeting-title').fill('Ledningsgruppens möte');
	await chair.locator('#meeting-starts-at').fill('2026-12-10T09:30');
	await chair.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(chair).toHaveURL(/\/meetings\/[a-z0-9]+$/);
	const meetingUrl = chair.url();
	const meetingPath = new URL(meetingUrl).pathname;
	await expectNoSidewaysScroll(chair, `${meetingPath}/edit`, () => expect(chair.getByTestId('edit-meeting-form')).toBeVisible(), 'the meeting edit form');

	const secretary = await join(browser, await inviteLink(chair, boardUrl, /Redaktör/), boardUrl, 'Sara Sekreterare', 'Socialförvaltningen J', 'social_services');
	const anna = await join(browser, await inviteLink(chair, boardUrl, /Bidragsgivare/), boardUrl, 'Anna Brukare', 'Brukarföreningen J', 'user_association');
	const erik = await join(browser, await inviteLink(chair, boardUrl, /Redaktör/), boardUrl, 'Erik Arbete', 'Arbetsförmedlingen J', 'employment_services');
	const viewer = await join(browser, await inviteLink(chair, boardUrl, /Läsare/), boardUrl, 'Lars Läsare', 'Bostadsbolaget J', 'housing');

	// The meeting: a chair and a secretary, one § with a decision, held.
	await open(chair, meetingUrl);
	await expectConnected(chair);
	await chair.getByLabel('Ordförande', { exact: true }).selectOption({ label: 'Olle Ordförande (Socialförvaltningen J)' });
	await chair.getByLabel('Sekreterare', { exact: true }).selectOption({ label: 'Sara Sekreterare (Socialförvaltningen J)' });
	const addForm = chair.getByTestId('add-item-form');
	await addForm.getByLabel('Rubrik').fill('Boende först');
	await addForm.getByRole('button', { name: 'Lägg till punkt' }).click();
	await expect(chair.getByTestId('item-title').getByText('Boende först', { exact: true })).toBeVisible();
	await typeInMinutes(chair, 'Gruppen gick igenom läget för boende först.');
	// § 2 concerns an ongoing negotiation: internal, left out of the public version.
	await addForm.getByLabel('Rubrik').fill('Förhandling om Granvägen');
	await addForm.getByTestId('item-internal').check();
	await addForm.getByLabel('Skäl').selectOption('negotiation');
	await addForm.getByRole('button', { name: 'Lägg till punkt' }).click();
	const internalItem = await openItem(chair, 'Förhandling om Granvägen');
	await expect(chair.getByTestId('open-item-internal')).toHaveText('Intern punkt (pågående förhandling)');
	await internalItem.getByTestId('item-minutes-editor').click();
	await chair.keyboard.type('Hyresvärden bjuder fyrtio lägenheter.');
	await expect(internalItem.getByTestId('item-minutes-editor')).toContainText('Hyresvärden bjuder fyrtio lägenheter.');
	await lifecycle(chair).getByRole('button', { name: 'Starta mötet' }).click();
	await expect(lifecycle(chair)).toHaveAttribute('data-status', 'in_progress');
	await lifecycle(chair).getByRole('button', { name: 'Avsluta mötet' }).click();
	await expect(lifecycle(chair)).toHaveAttribute('data-status', 'held');

	// Anna reports for the user association: her summary of the meeting, before the protocol freezes.
	const reporterText = 'Brukarna uppskattade att boende först lyftes, men vill vara med tidigare i planeringen.';
	await open(anna, meetingUrl);
	await expectConnected(anna);
	await anna.getByTestId('write-summary').click();
	await anna.getByLabel('Din sammanfattning av mötet').fill(reporterText);
	await anna.getByRole('button', { name: 'Spara sammanfattningen' }).click();
	// The chair's page shows it: it reached the server before the protocol is sent.
	await expect(chair.getByTestId('summaries').getByTestId('summary')).toContainText(reporterText);

	// Nothing to send yet: the chair appoints the adjusters and a due date first.
	await expect(lifecycle(chair).getByRole('button', { name: 'Skicka protokollet till justering' })).toHaveCount(0);
	await chair.getByTestId('adjuster-1').selectOption({ label: 'Anna Brukare (Brukarföreningen J)' });
	await chair.getByTestId('adjuster-2').selectOption({ label: 'Erik Arbete (Arbetsförmedlingen J)' });
	await chair.getByTestId('adjustment-due-date').fill('2026-12-17');
	await chair.getByTestId('appoint-submit').click();
	await expect(chair.getByTestId('adjusters')).toHaveText('Anna Brukare, Erik Arbete');
	await lifecycle(chair).getByRole('button', { name: 'Skicka protokollet till justering' }).click();
	await expect(lifecycle(chair)).toHaveAttribute('data-status', 'in_adjustment');
	await expect(chair.getByTestId('frozen-notice')).toBeVisible();
	await expectAccessible(chair, 'meeting in adjustment');
	// On a phone: nothing sideways.
	await chair.setViewportSize({ width: 360, height: 740 });
	await expect.poll(() => chair.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
	await chair.setViewportSize({ width: 1280, height: 800 });

	// Anna reads the protocol as printed and objects to § 1.
	await open(anna, meetingUrl);
	await anna.getByTestId('read-protocol').click();
	await expect(anna).toHaveURL(/\/protocol$/);
	await expect(anna.getByRole('heading', { level: 2, name: /Boende först/ })).toBeVisible();
	await open(anna, meetingUrl);
	await anna.getByTestId('object-open').click();
	await anna.getByTestId('objection-item').selectOption({ label: '§ 1 Boende först' });
	await anna.getByTestId('objection-problem').fill('Det saknas att brukarföreningen var med i planeringen.');
	await anna.getByTestId('object-submit').click();
	await expect(anna.getByTestId('objection')).toHaveAttribute('data-answered', 'no');

	// The secretary corrects the minutes (she alone may write now) and answers.
	await open(secretary, meetingUrl);
	await expectConnected(secretary);
	await expect(secretary.getByTestId('answer-submit')).toBeVisible();
	await expectAccessible(secretary, "the secretary's page with the objection answer form");
	await typeInMinutes(secretary, ' Brukarföreningen var med i planeringen.');
	await secretary.getByTestId('answer-submit').click();
	await expect(secretary.getByTestId('objection-answer')).toContainText('Rättat');

	// Both adjusters approve the corrected version, then the chair: the protocol is adjusted.
	for (const adjuster of [anna, erik]) {
		await open(adjuster, meetingUrl);
		await adjuster.getByTestId('approve-submit').click();
		await expect(adjuster.getByTestId('approved-by-me')).toBeVisible();
	}
	await open(chair, meetingUrl);
	await expect(chair.getByTestId('pending-approvers')).toHaveText('Olle Ordförande');
	await chair.getByTestId('approve-submit').click();
	await expect(lifecycle(chair)).toHaveAttribute('data-status', 'adjusted');
	await expect(chair.getByTestId('locked-notice')).toBeVisible();
	const hash = (await chair.getByTestId('sealed-hash').textContent())?.match(/[0-9a-f]{64}/)?.[0];
	expect(hash).toBeTruthy();

	// Locked: the secretary's editor no longer takes typing, and the page says why.
	await open(secretary, meetingUrl);
	await expectConnected(secretary);
	const secretaryMinutes = secretary.getByTestId('minutes-editor');
	await expect(secretaryMinutes).toContainText('Brukarföreningen var med i planeringen.');
	await expect(secretary.getByTestId('locked-notice')).toHaveText(/Protokollet är justerat och låst\. Ingen kan ändra det längre/);
	await expect(secretaryMinutes).toHaveAttribute('contenteditable', 'false');
	await secretaryMinutes.click();
	await secretary.keyboard.press('Control+End');
	await secretary.keyboard.type(' Tillägg efter justeringen.');
	await expect(secretaryMinutes).not.toContainText('Tillägg efter justeringen');
	// Nor did it reach the server: a fresh load holds the sealed minutes, without it.
	await open(secretary, meetingUrl);
	await expectConnected(secretary);
	await expect(secretaryMinutes).toContainText('Brukarföreningen var med i planeringen.');
	await expect(secretaryMinutes).not.toContainText('Tillägg efter justeringen');
	await expectAccessible(secretary, 'adjusted meeting with the addendum form');

	// A correction now is an addendum, approved on its own; the adjusted protocol's hash stays.
	await secretary.getByTestId('addendum-text').fill('§ 1: planeringen började i oktober.');
	await secretary.getByTestId('addendum-submit').click();
	await expect(secretary.getByTestId('addendum')).toHaveAttribute('data-approved', 'no');
	for (const approver of [chair, anna, erik]) {
		await open(approver, meetingUrl);
		await approver.getByTestId('approve-addendum').click();
		await expect(approver.getByTestId('approve-addendum')).toHaveCount(0);
	}
	await expect(erik.getByTestId('addendum')).toHaveAttribute('data-approved', 'yes');
	await expect(erik.getByTestId('sealed-hash')).toContainText(hash!);
	await open(erik, `${meetingUrl}/protocol`);
	await expect(erik.getByTestId('protocol-addenda')).toContainText('§ 1: planeringen började i oktober.');
	await expect(erik.getByTestId('protocol-hash')).toContainText(hash!);

	// The adjusted meeting page on a phone: nothing sideways.
	await expectNoSidewaysScroll(
		chair,
		meetingPath,
		async () => {
			await expectConnected(chair);
			await expect(chair.getByTestId('locked-notice')).toBeVisible();
			await expect(chair.getByTestId('minutes-editor')).toContainText('Brukarföreningen var med i planeringen.');
		},
		'the adjusted meeting page'
	);

	// The PDF downloads and /verify confirms it (signed out).
	const [download] = await Promise.all([chair.waitForEvent('download'), chair.getByRole('link', { name: /PDF/ }).first().click()]);
	const pdf = await readFile(await download.path());
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	// The Word file too: a zip (OOXML) with the § as headings, the internal one included in this internal version.
	const [wordDownload] = await Promise.all([chair.waitForEvent('download'), chair.getByTestId('protocol-links').getByRole('link', { name: 'Word (DOCX)' }).click()]);
	expect(wordDownload.suggestedFilename()).toMatch(/\.docx$/);
	const docx = await readFile(await wordDownload.path());
	expect(docx.subarray(0, 2).toString()).toBe('PK');
	const { value: wordHtml } = await mammoth.convertToHtml({ buffer: docx });
	expect(wordHtml).toContain('<h1>§ 1 Boende först</h1>');
	expect(wordHtml).toContain('<h1>§ 2 Förhandling om Granvägen</h1>');
	expect(wordHtml).toContain('Brukarföreningen var med i planeringen.');
	expect(wordHtml).toContain(reporterText);
	expect(wordHtml).toContain(hash!);
	expect(wordHtml).not.toContain('Utkast');
	const stranger = await (await personContext(browser)).newPage();
	await open(stranger, '/verify');
	await stranger.locator('input[type="file"]').setInputFiles({ name: 'protokoll.pdf', mimeType: 'application/pdf', buffer: pdf });
	await stranger.getByRole('button', { name: 'Kontrollera' }).click();
	await expect(stranger).toHaveURL(new RegExp(`/verify/${hash}$`));
	await expect(stranger.getByText('Ledningsgruppens möte').first()).toBeVisible();
	// The approved addendum is listed with its own check, its text not shown on this public page.
	await expect(stranger.getByTestId('verify-addenda')).toContainText('Protokollsanteckning 1, godkänd');
	await expect(stranger.getByText('§ 1: planeringen började i oktober.')).toHaveCount(0);
	await expectAccessible(stranger, 'verify');
	await expectNoSidewaysScroll(stranger, `/verify/${hash}`, () => expect(stranger.getByTestId('verify-result')).toHaveAttribute('data-outcome', 'match'), 'the matched /verify page');

	// The board's list of meetings offers the protocol too, named for its meeting.
	await open(chair, boardUrl);
	const fromBoard = chair.getByRole('navigation', { name: /^Protokoll för / });
	await expect(fromBoard.getByRole('link', { name: /PDF/ })).toHaveAttribute('href', `${new URL(meetingUrl).pathname}/protocol.pdf`);
	await expectAccessible(chair, 'board page with a protocol in its meeting list');

	// The owner gives the board a public address and publishes: readable signed out.
	await chair.locator('#public-address-slug').fill('ledningsgrupp-j');
	await chair.getByTestId('public-address').getByRole('button').click();
	await open(chair, meetingUrl);
	await chair.getByRole('button', { name: 'Publicera den offentliga versionen' }).click();
	const published = chair.getByTestId('publish-state').getByRole('link');
	const publicPath = '/p/ledningsgrupp-j/2026-12-10';
	await expect(published).toHaveText(publicPath);

	// Taken down in one tab, then "take down" again from a tab that still shows it published: the
	// refusal is a page of its own (the forms work without JavaScript), from which it is published again.
	const staleTab = await chair.context().newPage();
	await open(staleTab, meetingUrl);
	await expect(staleTab.getByTestId('publish-state').getByRole('link')).toHaveText(publicPath);
	await chair.getByTestId('publish-control').getByRole('button', { name: 'Ta ned' }).click();
	await expect(chair.getByTestId('publish-state')).toContainText(`Nedtaget. Adressen ${publicPath}`);
	const gone = await stranger.goto(publicPath);
	expect(gone?.status()).toBe(410);
	await expect(stranger.getByTestId('public-unavailable')).toBeVisible();
	await staleTab.getByTestId('publish-control').getByRole('button', { name: 'Ta ned' }).click();
	// A plain form post: the browser shows the action's address, /publication?/unpublish.
	await expect(staleTab).toHaveURL(new RegExp(`${meetingPath}/publication\\?/unpublish$`));
	await expect(staleTab.getByTestId('error-summary')).toContainText('Protokollet är inte publicerat.');
	await hydrated(staleTab);
	await expectAccessible(staleTab, 'the publication page with a refusal');
	await staleTab.getByRole('button', { name: 'Publicera den offentliga versionen' }).click();
	await expect(staleTab.getByTestId('publish-state').getByRole('link')).toHaveText(publicPath);
	await staleTab.close();

	// The public version, signed out: the open § and the reporter's text beside it; of the internal § only that it is left out, and why.
	await open(stranger, publicPath);
	const publicProtocol = stranger.getByTestId('public-protocol');
	await expect(publicProtocol.getByText('Brukarföreningen var med i planeringen.')).toBeVisible();
	await expect(publicProtocol).toContainText('§ 2 är utelämnad i den offentliga versionen (pågående förhandling)');
	await expect(stranger.getByTestId('public-reporter')).toContainText(reporterText);
	await expect(stranger.getByTestId('public-reporter')).toContainText('Anna Brukare, Brukarföreningen J');
	for (const words of ['Granvägen', 'fyrtio lägenheter']) await expect(stranger.locator('body')).not.toContainText(words);
	await expect(stranger.getByText(hash!).first()).toBeVisible();
	await expectAccessible(stranger, 'public protocol');
	await expectNoSidewaysScroll(stranger, publicPath, () => expect(stranger.getByTestId('public-reporter')).toContainText(reporterText), 'the published protocol');

	// The viewer reads the adjusted protocol but has nothing to approve.
	await open(viewer, meetingUrl);
	await expect(lifecycle(viewer)).toHaveAttribute('data-status', 'adjusted');
	await expect(viewer.getByTestId('approve-panel')).toHaveCount(0);
});
