import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, expectConnected, open, personContext, signUp, uniqueEmail } from './support';

/**
 * The user association's voice (issue 12): a reporter (contributor, user association) proposes an
 * agenda item and asks an agency for an action; the owner schedules the one and turns the other
 * into an action; the reporter reads both answers; the action is marked done with an outcome and
 * the reporter tells how it worked; the board sees which done actions still lack feedback.
 */

const SOCIAL = 'Socialtjänsten Önskeby';
const ASSOCIATION = 'Brukarföreningen Önskeby';
const MEETING = 'Samverkansmöte i januari';
const ITEM_ASK = 'Boendestöd även på helger';
const ACTION_ASK = 'Öppna mötesplatsen på kvällar';

const askCard = (page: Page, list: string, text: string) => page.getByTestId(list).getByTestId('ask-card').filter({ hasText: text });
const actionCard = (page: Page, title: string) => page.getByTestId('action-card').filter({ has: page.getByRole('heading', { name: title }) });

test('a reporter asks; the owner schedules one ask and turns the other into an action; the reporter reads the answers and tells the effect', async ({ browser }) => {
	test.setTimeout(180_000);
	const karin = await (await personContext(browser)).newPage();
	const rita = await (await personContext(browser)).newPage();

	await open(karin, '/signup');
	await signUp(karin, { name: 'Karin Önskan', email: uniqueEmail('karin.asks'), agency: SOCIAL, kind: 'social_services' });
	await karin.locator('#board-name').fill('Samverkan kring boende');
	await karin.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(karin).toHaveURL(/\/boards\/[a-z0-9]+$/);
	const boardUrl = new URL(karin.url()).pathname;
	await karin.locator('#meeting-title').fill(MEETING);
	await karin.locator('#meeting-starts-at').fill('2027-01-14T13:00');
	await karin.locator('#meeting-place').fill('Stadshuset, sal 2');
	await karin.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(karin).toHaveURL(/\/meetings\/[a-z0-9]+$/);
	const meetingUrl = new URL(karin.url()).pathname;
	await open(karin, boardUrl);
	await karin.locator('#invite-role-contributor').check();
	await karin.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	const invite = new URL(await karin.getByTestId('invite-link').inputValue()).pathname;

	await open(rita, `/signup?redirectTo=${encodeURIComponent(invite)}`);
	await signUp(rita, { name: 'Rita Reporter', email: uniqueEmail('rita.asks'), agency: ASSOCIATION, kind: 'user_association' });
	await expect(rita).toHaveURL(/\/invite\//);
	await rita.getByTestId('join-board').click();
	await expect(rita).toHaveURL(new RegExp(`${boardUrl}$`));
	await open(rita, boardUrl);
	await expectConnected(rita);

	// Rita proposes an item for the January meeting…
	const form = rita.getByTestId('ask-form');
	await form.getByLabel('Föreslå en punkt till dagordningen').check();
	await form.getByLabel('Beskriv kort vad du vill').fill(ITEM_ASK);
	await form.getByLabel('Till vilket möte?').selectOption({ label: MEETING });
	await form.getByRole('button', { name: 'Skicka önskemålet' }).click();
	await expect(rita.getByTestId('ask-status')).toHaveText('Ditt önskemål är skickat. Du ser svaret här.');
	await expect(askCard(rita, 'my-asks', ITEM_ASK).getByTestId('ask-waiting')).toHaveText('Kom in i dag');

	// …and asks social services for an action (a missing agency is said clearly first).
	await form.getByLabel('Be en förvaltning om en åtgärd').check();
	await form.getByLabel('Beskriv kort vad du vill').fill(ACTION_ASK);
	await form.getByRole('button', { name: 'Skicka önskemålet' }).click();
	await expect(rita.getByTestId('error-summary')).toContainText('Välj en förvaltning.');
	await form.getByLabel('Vilken förvaltning?').selectOption({ label: SOCIAL });
	await form.getByRole('button', { name: 'Skicka önskemålet' }).click();
	await expect(askCard(rita, 'my-asks', ACTION_ASK)).toContainText(`Åtgärd från ${SOCIAL}`);
	await expect(rita.getByTestId('my-asks').getByTestId('answer-toggle')).toHaveCount(0);
	await expectAccessible(rita, 'board page with asks (reporter)');

	// Karin sees both waiting, and answers them.
	await open(karin, boardUrl);
	await expectConnected(karin);
	await expect(karin.getByTestId('open-asks').getByTestId('ask-card')).toHaveCount(2);
	await expect(askCard(karin, 'open-asks', ITEM_ASK)).toContainText('Från Rita Reporter (Brukarföreningen Önskeby)');
	await expectAccessible(karin, 'board page with open asks (owner)');
	const itemAsk = askCard(karin, 'open-asks', ITEM_ASK);
	await itemAsk.getByTestId('answer-toggle').click();
	await expect(itemAsk.getByLabel('Lägg på dagordningen')).toBeChecked();
	await itemAsk.getByRole('button', { name: /^Skicka svaret/ }).click();
	await expect(karin.getByTestId('answer-status')).toHaveText('Svaret är sparat och syns för den som frågade.');
	const actionAsk = askCard(karin, 'open-asks', ACTION_ASK);
	await actionAsk.getByTestId('answer-toggle').click();
	await expect(actionAsk.getByLabel('Gör till en åtgärd')).toBeChecked();
	await expect(actionAsk.getByLabel('Ansvarig förvaltning (om det blir en åtgärd)')).toHaveValue(/.+/);
	await actionAsk.getByRole('button', { name: /^Skicka svaret/ }).click();
	await expect(karin.getByTestId('open-asks')).toHaveCount(0);
	await expect(actionCard(karin, ACTION_ASK)).toContainText('Väckt av Brukarföreningen Önskeby');

	// Rita reads both answers, live, with links to the § and the action.
	const scheduled = askCard(rita, 'my-asks', ITEM_ASK).getByTestId('ask-answer');
	await expect(scheduled).toContainText(`på mötet ${MEETING}`);
	await expect(scheduled).toContainText('Besvarat av Karin Önskan');
	await expect(askCard(rita, 'my-asks', ACTION_ASK).getByTestId('ask-answer')).toContainText(`Blev en åtgärd för ${SOCIAL}.`);
	await rita.reload();
	await expect(askCard(rita, 'my-asks', ITEM_ASK).getByTestId('ask-answer')).toContainText(`Blir § 1 på mötet ${MEETING}.`);
	await expect(askCard(rita, 'my-asks', ITEM_ASK).getByTestId('ask-answer-link')).toHaveAttribute('href', new RegExp(`^${meetingUrl}#item-`));

	// Karin marks the action done and writes what came of it.
	const done = actionCard(karin, ACTION_ASK);
	await done.getByLabel(/^Status/).selectOption({ label: 'Klar' });
	await expect(karin.getByTestId('no-feedback')).toContainText(ACTION_ASK);
	await done.getByLabel(/^Vad blev resultatet\?/).fill('Öppet tisdagar och torsdagar till kl. 21.');
	await done.getByRole('button', { name: /^Spara resultatet/ }).click();

	// Rita sees the outcome and tells how it worked.
	await open(rita, boardUrl);
	await expectConnected(rita);
	const ritasCard = actionCard(rita, ACTION_ASK);
	await expect(ritasCard.getByTestId('action-outcome')).toContainText('Öppet tisdagar och torsdagar till kl. 21.');
	await ritasCard.getByLabel('Det fungerade delvis').check();
	await ritasCard.getByLabel('Kommentar').fill('Bra, men bussen går inte så sent.');
	await ritasCard.getByRole('button', { name: /^Skicka återkopplingen/ }).click();
	await expect(ritasCard.getByTestId('feedback-form')).toContainText('Tack för återkopplingen.');
	await expect(ritasCard.getByTestId('action-feedback')).toContainText('Det fungerade delvis');
	await expectAccessible(rita, 'board page with feedback (reporter)');

	// The board sees the feedback, and that no done action is left without.
	await expect(actionCard(karin, ACTION_ASK).getByTestId('action-feedback')).toContainText('Bra, men bussen går inte så sent.');
	await expect(karin.getByTestId('no-feedback')).toHaveCount(0);

	// "Owed to my agency" in the register finds it for the association, with outcome and feedback.
	await expect(async () => {
		await open(rita, '/actions?who=owed&status=any');
		const row = rita.getByTestId('register-row').filter({ hasText: ACTION_ASK });
		await expect(row.getByTestId('register-outcome')).toContainText('Öppet tisdagar', { timeout: 500 });
		await expect(row.getByTestId('register-feedback')).toContainText('Det fungerade delvis', { timeout: 500 });
	}).toPass({ timeout: 20_000 });

	// At 360 px: nothing wider than the screen, still accessible.
	await rita.setViewportSize({ width: 360, height: 800 });
	await open(rita, `${boardUrl}#asks`);
	expect(await rita.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await expectAccessible(rita, 'board page with asks at 360 px');
});
