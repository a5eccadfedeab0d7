import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, expectConnected, hydrated, open, personContext, signUp, startBoard, uniqueEmail } from './support';
import { msg } from './catalogue';

/**
 * Issue 14, point 4: projector mode. A viewer (who may only read) opens it from the meeting page in
 * a new window; it follows the chair's current § live, shows its decisions as they are written and
 * who has the floor; large and readable at 360 px too, in English; the chair's page is Swedish.
 */
const agendaItem = (page: Page, title: string) => page.getByTestId('agenda-item').filter({ has: page.getByTestId('item-title').getByText(title, { exact: true }) });

async function makeCurrent(page: Page, title: string) {
	await agendaItem(page, title).getByTestId('item-link').click();
	const setCurrent = page.getByTestId('open-item').getByTestId('set-current');
	await expect(page.getByTestId('open-item').locator('#open-item-heading')).toContainText(title);
	await setCurrent.click();
	await expect(setCurrent).toHaveAttribute('aria-pressed', 'true');
}

test('projector mode, opened by a viewer in a new window, follows the chair’s current § and shows decisions and the floor live', async ({ browser }) => {
	test.setTimeout(180_000);
	const owner = await (await personContext(browser)).newPage();
	const viewerContext = await personContext(browser, 'en-GB');
	const viewer = await viewerContext.newPage();

	const { boardPath: boardUrl, meetingPath: meetingUrl } = await startBoard(owner, { person: { name: 'Olle Ordförande', agency: 'Socialförvaltningen Projektor', kind: 'social_services' }, board: 'Samverkan Projektor', meeting: 'Möte på duken' });
	await open(owner, boardUrl);
	await owner.getByRole('radio', { name: /Läsare/ }).check();
	await owner.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	const link = new URL(await owner.getByTestId('invite-link').inputValue()).pathname;

	await open(viewer, `/signup?redirectTo=${encodeURIComponent(link)}`);
	await signUp(viewer, { name: 'Vera Visning', email: uniqueEmail('vera'), agency: 'Bostadsbolaget Projektor', kind: 'housing' });
	await expect(viewer).toHaveURL(/\/invite\//);
	await viewer.getByTestId('join-board').click();
	await expect(viewer).toHaveURL(new RegExp(`${boardUrl}$`));

	await open(owner, meetingUrl);
	await expectConnected(owner);
	const add = owner.getByTestId('add-item-form');
	for (const [title, minutes] of [['Välkomna', ''], ['Boende först', '20']]) {
		await add.getByLabel('Rubrik').fill(title);
		if (minutes) await add.getByLabel('Planerad tid i minuter').fill(minutes);
		await add.getByRole('button', { name: 'Lägg till punkt' }).click();
		await expect(agendaItem(owner, title)).toBeVisible();
	}
	await makeCurrent(owner, 'Välkomna');

	// The viewer opens projector mode from the meeting page: a link that says it opens a new window.
	await open(viewer, meetingUrl);
	const projectorLink = viewer.getByRole('link', { name: msg('en', 'proj_link') });
	await expect(projectorLink).toHaveAttribute('target', '_blank');
	const [projector] = await Promise.all([viewerContext.waitForEvent('page'), projectorLink.click()]);
	await hydrated(projector);
	await expect(projector).toHaveURL(new RegExp(`${meetingUrl}/projector$`));
	await projector.setViewportSize({ width: 360, height: 740 });
	const shown = projector.getByTestId('projector-item');
	await expect(shown).toHaveText(msg('en', 'proj_item', { number: 1, title: 'Välkomna' }));
	await expect(projector.getByTestId('projector-planned')).toHaveText(msg('en', 'proj_no_plan'));
	await expect(projector.getByTestId('projector').getByRole('button')).toHaveCount(0); // nothing to edit
	await expect(projector.getByTestId('projector').getByRole('textbox')).toHaveCount(0);

	// The chair moves on: the projector follows live.
	await makeCurrent(owner, 'Boende först');
	await expect(shown).toHaveText(msg('en', 'proj_item', { number: 2, title: 'Boende först' }));
	await expect(projector.getByTestId('projector-planned')).toHaveText(msg('en', 'proj_planned_minutes', { minutes: 20 }));
	await expect(projector.getByTestId('projector-elapsed')).toHaveText(/^\d+ min$/);

	// A decision appears as it is written; the floor as it is given.
	const item = owner.getByTestId('open-item');
	await item.getByLabel('Nytt beslut under § 2').fill('Tio lägenheter till försöket.');
	await item.getByRole('button', { name: 'Lägg till beslut' }).click();
	await expect(projector.getByTestId('projector-decision')).toHaveText(['Tio lägenheter till försöket.']);
	await owner.getByTestId('meeting-lifecycle').getByRole('button', { name: 'Starta mötet' }).click();
	await owner.getByTestId('speaker-list').getByRole('button', { name: 'Begär ordet' }).click();
	await owner.getByTestId('speaker-list').getByRole('button', { name: 'Ge ordet till Olle Ordförande' }).click();
	await expect(projector.getByTestId('projector-speaking')).toHaveText('Olle Ordförande · Socialförvaltningen Projektor');

	expect(await projector.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await expectAccessible(projector, 'projector mode, English, 360 px');
	await projector.setViewportSize({ width: 1280, height: 800 });
	await expectAccessible(projector, 'projector mode, English, wide');

	// The same screen in Danish, for the chair's own session in a Danish browser.
	// Without the remembered language (a cookie), the page follows the browser's.
	const state = await owner.context().storageState();
	const session = { ...state, cookies: state.cookies.filter((c) => c.name !== 'samtavla_locale') };
	const danish = await (await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen', storageState: session })).newPage();
	await open(danish, `${meetingUrl}/projector`);
	await expect(danish.getByTestId('projector-item')).toHaveText(msg('da', 'proj_item', { number: 2, title: 'Boende först' }));
	await expect(danish.getByRole('heading', { name: msg('da', 'floor_title') })).toBeVisible();
	await expect(danish.getByRole('heading', { name: msg('da', 'proj_decisions') })).toBeVisible();
	await expectAccessible(danish, 'projector mode, Danish');
});
