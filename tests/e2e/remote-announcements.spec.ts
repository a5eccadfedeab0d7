import { expect, test, type Page } from '@playwright/test';
import { expectConnected, open, openItem, personContext, signUp, uniqueEmail } from './support';

/**
 * Changes by others are read out (issue 9, point 15): two editors in two browser contexts. What
 * one records reaches the other's polite live region ("Ett beslut har lagts till under § 1."),
 * never the author's own, and nothing at all for someone who switched it off on their device.
 */

const announcer = (page: Page) => page.getByTestId('remote-announcer');
/** Longer than the announcer's three seconds between two announcements, and its settling time. */
const QUIET = 4_000;

async function addItem(page: Page, title: string) {
	const form = page.getByTestId('add-item-form');
	await form.getByLabel('Rubrik').fill(title);
	await form.getByRole('button', { name: 'Lägg till punkt' }).click();
	await expect(page.getByTestId('item-title').getByText(title, { exact: true })).toBeVisible();
}

test('what another editor changes is announced politely, one’s own changes are not, and the switch silences it', async ({ browser }) => {
	const anna = await (await personContext(browser)).newPage();
	const bo = await (await personContext(browser)).newPage();

	// Anna: a board, a meeting, and an invite for an editor.
	await open(anna, '/signup');
	await signUp(anna, { name: 'Anna Andersson', email: uniqueEmail('anna'), agency: 'Socialförvaltningen Hörby', kind: 'social_services' });
	await anna.locator('#board-name').fill('Ledningsgrupp Hörby');
	await anna.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(anna).toHaveURL(/\/boards\/[a-z0-9]+$/);
	const boardUrl = anna.url();
	await anna.locator('#meeting-title').fill('Möte om uppföljning');
	await anna.locator('#meeting-starts-at').fill('2026-12-10T09:30');
	await anna.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(anna).toHaveURL(/\/meetings\//);
	const meetingUrl = new URL(anna.url()).pathname;
	await open(anna, boardUrl);
	await anna.getByRole('radio', { name: /Redaktör/ }).check();
	await anna.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	const link = new URL(await anna.getByTestId('invite-link').inputValue()).pathname;

	await open(bo, `/signup?redirectTo=${encodeURIComponent(link)}`);
	await signUp(bo, { name: 'Bo Berg', email: uniqueEmail('bo'), agency: 'Arbetsförmedlingen Hörby', kind: 'employment_services' });
	await expect(bo).toHaveURL(/\/invite\//);
	await bo.getByTestId('join-board').click();
	await expect(bo).toHaveURL(boardUrl);

	// Anna is in the meeting; loading it announces nothing. Then Bo arrives, which she hears.
	await open(anna, meetingUrl);
	await expectConnected(anna);
	await expect(announcer(anna)).toHaveAttribute('role', 'status');
	await expect(announcer(anna)).toHaveText('');
	await open(bo, meetingUrl);
	await expectConnected(bo);
	await expect(announcer(anna)).toHaveText('Bo Berg har kommit till mötet.');
	await expect(announcer(bo)).toHaveText('');

	// Bo adds a §: Anna hears it, Bo (the author) does not.
	await addItem(bo, 'Budget');
	await expect(announcer(anna)).toHaveText('§ 1 Budget har lagts till.');
	await bo.waitForTimeout(QUIET);
	await expect(announcer(bo)).toHaveText('');

	// Bo records a decision under it.
	const boItem = await openItem(bo, 'Budget');
	const decisionForm = boItem.getByTestId('add-decision');
	await decisionForm.getByLabel('Nytt beslut under § 1').fill('Budgeten godkänns.');
	await decisionForm.getByRole('button', { name: 'Lägg till beslut' }).click();
	await expect(announcer(anna)).toHaveText('Ett beslut har lagts till under § 1.');

	// Anna's own change reaches Bo's live region, never hers.
	await anna.waitForTimeout(QUIET);
	await addItem(anna, 'Övrigt');
	await expect(announcer(bo)).toHaveText('§ 2 Övrigt har lagts till.');
	await anna.waitForTimeout(QUIET);
	await expect(announcer(anna)).toHaveText('Ett beslut har lagts till under § 1.');

	// Anna switches it off (kept on her device): Bo's next change shows on her screen, unsaid.
	const setting = anna.getByRole('checkbox', { name: 'Läs upp andras ändringar' });
	await expect(setting).toBeChecked();
	await setting.uncheck();
	await addItem(bo, 'Sista punkten');
	await expect(anna.getByTestId('item-title').getByText('Sista punkten', { exact: true })).toBeVisible();
	await anna.waitForTimeout(QUIET);
	await expect(announcer(anna)).not.toContainText('Sista punkten');
	await open(anna, meetingUrl);
	await expect(anna.getByRole('checkbox', { name: 'Läs upp andras ändringar' })).not.toBeChecked();
	await expectConnected(anna);
	await bo.getByTestId('meeting-lifecycle').getByRole('button', { name: 'Starta mötet' }).click();
	await expect(anna.getByTestId('meeting-lifecycle')).toHaveAttribute('data-status', 'in_progress');
	await anna.waitForTimeout(QUIET);
	await expect(announcer(anna)).toHaveText('');
});
