import { expect, test, type Page } from '@playwright/test';
import { expectConnected, open, openItem, personContext, signUp, startBoard, uniqueEmail } from './support';

/**
 * Issue 9.16: at 320 CSS pixels (WCAG reflow) no page scrolls sideways (the meeting page with a §
 * open and its tools), a §'s title in the agenda list wraps at word boundaries, and headings typed
 * into the minutes sit below their section's heading in the document outline.
 */

/** How far the page is wider than the screen, and the widest offenders, to make a failure readable. */
const overflow = (page: Page) =>
	page.evaluate(() => {
		const root = document.documentElement;
		const width = root.clientWidth;
		const sticksOut = (element: Element | null) => !!element && element.getBoundingClientRect().right > width + 0.5;
		// Where the overflow starts: an element wider than the screen inside one that is not.
		const wide = [...document.body.querySelectorAll<HTMLElement>('*')]
			.filter((element) => sticksOut(element) && !sticksOut(element.parentElement))
			.slice(0, 3)
			.map((element) => `${Math.round(element.getBoundingClientRect().width)}px ${element.outerHTML.slice(0, 120)}`);
		return { excess: root.scrollWidth - width, wide };
	});

async function expectNoSidewaysScroll(page: Page, label: string) {
	await expect.poll(async () => (await overflow(page)).excess, { message: `${label}: ${JSON.stringify(await overflow(page))}` }).toBeLessThanOrEqual(0);
}

const LONG_TITLE = 'Samordnad individuell plan för personer med samsjuklighet och bostadslöshet';

test('at 320 px the board, meeting, action register and calendar pages never scroll sideways', async ({ browser }) => {
	const context = await personContext(browser);
	const page = await context.newPage();
	const { boardPath: boardUrl, meetingPath: meetingUrl } = await startBoard(page, { person: { name: 'Smala Sara', agency: 'Socialförvaltningen Smalby', kind: 'social_services' }, board: 'Ledningsgrupp Smalby', meeting: 'Möte i smal skärm' });

	await page.setViewportSize({ width: 320, height: 720 });

	await open(page, boardUrl);
	await page.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	await expect(page.getByTestId('invite-created')).toBeVisible();
	await expectNoSidewaysScroll(page, 'board');

	await open(page, meetingUrl);
	await expectConnected(page);
	const form = page.getByTestId('add-item-form');
	await form.getByLabel('Rubrik').fill(LONG_TITLE);
	await form.getByRole('button', { name: 'Lägg till punkt' }).click();
	// The § open below the agenda list (stacked on a phone), its tools included.
	const shown = await openItem(page, LONG_TITLE);
	await expect(shown.getByTestId('item-tools')).toBeVisible();
	await expectNoSidewaysScroll(page, 'meeting');

	// The title in the agenda list wraps between words: no line of it ends inside a word.
	const title = page.getByTestId('agenda-item').first().getByTestId('item-title');
	const lines = await title.evaluate((element) => {
		const range = document.createRange();
		const text = element.firstChild!;
		const tops = new Map<number, string>();
		for (let i = 0; i < text.textContent!.length; i++) {
			range.setStart(text, i);
			range.setEnd(text, i + 1);
			const top = Math.round(range.getBoundingClientRect().top);
			tops.set(top, (tops.get(top) ?? '') + text.textContent![i]);
		}
		return [...tops.values()].map((line) => line.trim());
	});
	expect(lines.length).toBeGreaterThan(1);
	for (const line of lines) expect(LONG_TITLE.split(' '), `line "${line}" of ${JSON.stringify(lines)}`).toEqual(expect.arrayContaining(line.split(' ')));

	await open(page, '/actions');
	await expectNoSidewaysScroll(page, 'actions');

	await open(page, '/calendar');
	await page.getByRole('button', { name: 'Skapa kalenderlänk' }).click();
	await expect(page.getByTestId('calendar-created')).toBeVisible();
	await expectNoSidewaysScroll(page, 'calendar');

	await context.close();
});

test('headings typed into the minutes nest under their § and under the notes heading', async ({ browser }) => {
	const context = await personContext(browser);
	const page = await context.newPage();
	await open(page, '/signup');
	await signUp(page, { name: 'Rubrik Rut', email: uniqueEmail('rubrik'), agency: 'Socialförvaltningen Rubrikby', kind: 'social_services' });
	await page.locator('#board-name').fill('Ledningsgrupp Rubrikby');
	await page.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await page.locator('#meeting-title').fill('Möte med rubriker');
	await page.locator('#meeting-starts-at').fill('2026-12-11T09:30');
	await page.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(page).toHaveURL(/\/meetings\//);
	await expectConnected(page);

	const form = page.getByTestId('add-item-form');
	await form.getByLabel('Rubrik').fill('Boende');
	await form.getByRole('button', { name: 'Lägg till punkt' }).click();
	const entry = await openItem(page, 'Boende');
	const itemMinutes = entry.getByTestId('item-minutes-editor');
	await itemMinutes.click();
	// Markdown shortcuts: "## " a heading, "### " a subheading (the toolbar's heading is the first).
	await page.keyboard.type('## Bakgrund');
	await page.keyboard.press('Enter');
	await page.keyboard.type('### Siffror');
	await page.keyboard.press('Enter');
	await page.keyboard.type('Text');

	const notes = page.getByTestId('minutes-editor');
	await notes.click();
	await page.keyboard.press('Control+End');
	await page.keyboard.press('Enter');
	await page.keyboard.type('## Övrigt');
	await page.keyboard.press('Enter');

	const levels = (root: ReturnType<Page['getByTestId']>) =>
		root.evaluate((element) => [...element.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => `${h.tagName}:${h.textContent}`));
	await expect.poll(() => levels(itemMinutes)).toEqual(['H5:Bakgrund', 'H6:Siffror']);
	await expect.poll(() => levels(notes)).toEqual(['H3:Övrigt']);

	// The outline: every heading inside the open § is deeper than the §'s own heading, and the
	// minutes' headings are deeper than the minutes' own title; the notes' below the notes heading.
	const depth = (root: ReturnType<Page['getByTestId']>, own: string) =>
		root.evaluate((element, own) => {
			const level = (h: Element) => Number(h.tagName.slice(1));
			const heading = document.querySelector(own)!;
			const inside = [...element.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter((h) => h !== heading).map((h) => `${h.tagName}:${h.textContent?.trim()}`);
			return { own: level(heading), inside };
		}, own);
	const check = async (root: ReturnType<Page['getByTestId']>, own: string) => {
		const outline = await depth(root, own);
		expect(outline.inside.length).toBeGreaterThan(0);
		for (const h of outline.inside) expect(Number(h.slice(1, 2)), `${h} under h${outline.own} (${own})`).toBeGreaterThan(outline.own);
	};
	await check(entry, '#open-item-heading');
	await check(itemMinutes, `#${await entry.locator('h4[id^="item-minutes-"]').getAttribute('id')}`);
	await check(notes, '#notes-heading');

	// The heading tool still reports the heading as pressed (it is the first level, whatever the tag).
	await itemMinutes.getByText('Bakgrund').click();
	await expect(entry.getByTestId('tool-heading')).toHaveAttribute('aria-pressed', 'true');

	await context.close();
});
