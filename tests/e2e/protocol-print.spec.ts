import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, expectConnected, open, personContext, startBoard } from './support';

/**
 * Issue 10, points 6–8: the meeting's protocol as a print view. Reached from the meeting page; it
 * shows each § as a heading, fits a 360 px phone without sideways scrolling, passes axe, and on
 * paper (print media) shows the protocol without the app's header or buttons.
 * The meeting page itself prints without its controls, with a note pointing to the print view.
 */

async function addItem(page: Page, title: string) {
	const form = page.getByTestId('add-item-form');
	await form.getByLabel('Rubrik').fill(title);
	await form.getByRole('button', { name: 'Lägg till punkt' }).click();
	await expect(page.getByTestId('agenda-item').filter({ has: page.getByTestId('item-title').getByText(title, { exact: true }) })).toBeVisible();
}

test('the meeting page links to the print view, which shows every §, fits 360 px, passes axe and prints without controls', async ({ browser }) => {
	test.setTimeout(300_000);
	const owner = await (await personContext(browser)).newPage();
	const { boardPath: boardUrl, meetingPath: meetingUrl } = await startBoard(owner, { person: { name: 'Pia Protokoll', agency: 'Socialförvaltningen Utskrift', kind: 'social_services' }, board: 'Ledningsgrupp Utskrift', meeting: 'Möte att skriva ut' });

	await open(owner, meetingUrl);
	await expectConnected(owner);
	await addItem(owner, 'Välkomna');
	await addItem(owner, 'Boende först i Åsby');

	// Printing the meeting page itself: its content without the controls, and a note that the
	// protocol is printed from the print view, with that view's address written out.
	const printNote = owner.getByTestId('meeting-print-note');
	await expect(printNote).toBeHidden();
	await owner.emulateMedia({ media: 'print' });
	await expect(printNote).toBeVisible();
	await expect(printNote).toContainText(`Protokollet skrivs ut från utskriftsvyn: ${new URL(owner.url()).origin}${meetingUrl}/protocol`);
	await expect(owner.locator('body > div > header')).toBeHidden();
	await expect(owner.getByTestId('add-item-form')).toBeHidden();
	await expect(owner.getByTestId('meeting-lifecycle').getByRole('button', { name: 'Starta mötet' })).toBeHidden();
	await expect(owner.getByTestId('protocol-links')).toBeHidden();
	await expect(owner.getByTestId('item-title').getByText('Boende först i Åsby', { exact: true })).toBeVisible();
	await expect(owner.getByRole('heading', { level: 1, name: 'Möte att skriva ut' })).toBeVisible();
	expect(await owner.locator('.meeting-page button:visible').count(), 'no button on paper').toBe(0);
	await owner.emulateMedia({ media: 'screen' });
	await expect(printNote).toBeHidden();

	await owner.getByTestId('protocol-links').getByRole('link', { name: 'Utskriftsvy' }).click();
	await expect(owner).toHaveURL(`${meetingUrl}/protocol`);
	// The print view reads the live documents: the § typed a moment ago is there at once.
	await expect(owner.getByRole('heading', { level: 2, name: '§ 2 Boende först i Åsby' })).toBeVisible();
	await expect(owner.getByTestId('protocol-draft-version')).toHaveText(/^Version: [0-9a-f]{12}$/);
	await expect(owner.getByRole('heading', { level: 1, name: 'Möte att skriva ut' })).toBeVisible();
	await expect(owner.getByRole('heading', { level: 2, name: '§ 1 Välkomna' })).toBeVisible();
	await expect(owner.getByTestId('protocol-draft')).toBeVisible();
	await expect(owner.getByText('Intern version')).toBeVisible();
	await expect(owner.getByTestId('protocol-download-pdf')).toHaveAttribute('href', `${meetingUrl}/protocol.pdf`);
	await expectAccessible(owner, 'protocol print view');

	// A phone: nothing wider than the screen.
	await owner.setViewportSize({ width: 360, height: 740 });
	await open(owner, `${meetingUrl}/protocol`);
	const widths = await owner.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
	expect(widths.scroll).toBeLessThanOrEqual(widths.client);
	await expectAccessible(owner, 'protocol print view at 360 px');

	// On paper: the protocol and whether it is a draft, no header, navigation or buttons.
	await owner.emulateMedia({ media: 'print' });
	await expect(owner.getByTestId('protocol-print')).toBeHidden();
	await expect(owner.getByTestId('protocol-controls')).toBeHidden();
	await expect(owner.getByRole('navigation', { name: 'Huvudmeny' })).toHaveCount(0);
	await expect(owner.locator('body > div > header')).toBeHidden();
	await expect(owner.getByRole('heading', { level: 2, name: '§ 2 Boende först i Åsby' })).toBeVisible();
	await expect(owner.getByTestId('protocol-draft')).toBeVisible();
	await owner.emulateMedia({ media: 'screen' });
	await expect(owner.getByTestId('protocol-print')).toBeVisible();

	// The owner writes the board's protocols in English: the protocol changes language, the page does not.
	await open(owner, boardUrl);
	await owner.getByLabel('Välj språk').selectOption('en');
	await owner.getByRole('button', { name: 'Spara språk' }).click();
	await expect(owner.getByTestId('board-language-status')).toHaveText('Protokollets språk är sparat.');
	await open(owner, `${meetingUrl}/protocol`);
	await expect(owner.getByRole('heading', { level: 2, name: 'Item 2 Boende först i Åsby' })).toBeVisible();
	await expect(owner.getByTestId('protocol-document')).toHaveAttribute('lang', 'en-GB');
	await expect(owner.getByTestId('protocol-print')).toHaveText('Skriv ut');
});
