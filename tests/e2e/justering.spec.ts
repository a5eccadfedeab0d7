import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, expectConnected, open, personContext, signUp, typeInMinutes, uniqueEmail } from './support';

/**
 * Issue 10, end to end: a meeting becomes an adjusted, locked, verifiable and published protocol.
 * The chair (the board's owner), the secretary (an editor), two adjusters (a contributor from the
 * user association and an editor from the employment service) and a viewer, each in their own
 * browser. Hold the meeting, send it for adjustment, one objection answered, both approve, the
 * chair approves: the protocol locks, the PDF downloads and /verify confirms it; the public page
 * shows the public version.
 */
test.describe.configure({ timeout: 300_000 });

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
	await lifecycle(chair).getByRole('button', { name: 'Starta mötet' }).click();
	await expect(lifecycle(chair)).toHaveAttribute('data-status', 'in_progress');
	await lifecycle(chair).getByRole('button', { name: 'Avsluta mötet' }).click();
	await expect(lifecycle(chair)).toHaveAttribute('data-status', 'held');

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
	await expect(secretary.getByTestId('locked-notice')).toBeVisible();
	await expect(secretary.getByTestId('minutes-editor')).toHaveAttribute('contenteditable', 'false');
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

	// The PDF downloads and /verify confirms it (signed out).
	const [download] = await Promise.all([chair.waitForEvent('download'), chair.getByRole('link', { name: /PDF/ }).first().click()]);
	const pdf = await readFile(await download.path());
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
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
	await expect(published).toHaveText(/^\/p\/ledningsgrupp-j\/2026-12-10$/);
	await open(stranger, '/p/ledningsgrupp-j/2026-12-10');
	await expect(stranger.getByText('Brukarföreningen var med i planeringen.')).toBeVisible();
	await expect(stranger.getByText(hash!).first()).toBeVisible();
	await expectAccessible(stranger, 'public protocol');

	// The viewer reads the adjusted protocol but has nothing to approve.
	await open(viewer, meetingUrl);
	await expect(lifecycle(viewer)).toHaveAttribute('data-status', 'adjusted');
	await expect(viewer.getByTestId('approve-panel')).toHaveCount(0);
});
