import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, expectConnected, open, personContext, signUp, uniqueEmail } from './support';

/**
 * Issue 9.7: the meeting page as a workspace. The agenda is a list beside the open §; every
 * section and every § is a few key presses away; the chair sets a current item that everyone
 * sees and can follow; a new meeting says where to start; a phone gets the same, stacked.
 */

const items = (page: Page) => page.getByTestId('agenda-item');
const item = (page: Page, title: string) => items(page).filter({ has: page.getByTestId('item-title').getByText(title, { exact: true }) });
const openItem = (page: Page) => page.getByTestId('open-item');
const openTitle = (page: Page) => openItem(page).locator('#open-item-heading');

async function newMeeting(browser: Browser, tag: string) {
	const owner = await (await personContext(browser)).newPage();
	await open(owner, '/signup');
	await signUp(owner, { name: 'Olle Ordförande', email: uniqueEmail(`olle${tag}`), agency: `Socialförvaltningen ${tag}`, kind: 'social_services' });
	await owner.locator('#board-name').fill(`Ledningsgrupp ${tag}`);
	await owner.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(owner).toHaveURL(/\/boards\/[a-z0-9]+$/);
	const boardUrl = owner.url();
	await owner.locator('#meeting-title').fill('Möte i arbetsrummet');
	await owner.locator('#meeting-starts-at').fill('2026-12-10T09:30');
	await owner.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(owner).toHaveURL(/\/meetings\//);
	return { owner, boardUrl, meetingUrl: new URL(owner.url()).pathname };
}

async function addItem(page: Page, title: string) {
	const form = page.getByTestId('add-item-form');
	await form.getByLabel('Rubrik').fill(title);
	await form.getByRole('button', { name: 'Lägg till punkt' }).click();
	await expect(item(page, title)).toBeVisible();
}

/**
 * Presses along a roving list of `count` links whose Tab stop is link `from`, to reach link `to`:
 * the arrow keys go round the ends, so the shorter way is taken.
 */
function arrows(from: number, to: number, count: number): string[] {
	const forward = (to - from + count) % count;
	return forward <= count - forward ? Array(forward).fill('ArrowRight') : Array(count - forward).fill('ArrowLeft');
}

async function press(page: Page, keys: string[]): Promise<number> {
	for (const key of keys) await page.keyboard.press(key);
	return keys.length;
}

test('a new meeting shows where to start; then every section and every § is at most 6 key presses from the top of the content', async ({ browser }) => {
	test.setTimeout(120_000);
	const { owner, meetingUrl } = await newMeeting(browser, 'Tangent');
	await open(owner, meetingUrl);
	await expectConnected(owner);

	// Empty: one clear start — the first §, and a pointer to the free notes.
	const start = owner.getByTestId('agenda-start');
	await expect(start.getByRole('heading', { name: 'Börja med dagordningen' })).toBeVisible();
	await expect(start.getByTestId('add-item-form').getByLabel('Rubrik')).toBeVisible();
	await expect(owner.getByTestId('open-item')).toHaveCount(0);
	await start.getByRole('link', { name: 'Skriv i övriga anteckningar' }).click();
	await expect(owner.getByRole('heading', { name: 'Övriga anteckningar' })).toBeFocused();
	await expectAccessible(owner, 'new meeting, empty agenda');

	await addItem(owner, 'Välkomna');
	// The first § opens at once, and the start gives way to the ordinary "add an item".
	await expect(openTitle(owner)).toHaveText('§ 1 Välkomna');
	await expect(owner.getByTestId('agenda-start')).toHaveCount(0);
	await addItem(owner, 'Boende först');
	await addItem(owner, 'Övriga frågor');

	// In the outline the open § (h3) sits directly under "Agenda" (h2), its parts under it.
	const outline = await owner.locator('h1, h2, h3').evaluateAll((hs) => hs.map((h) => `${h.tagName} ${h.textContent?.trim()}`));
	const agendaAt = outline.indexOf('H2 Dagordning');
	expect(outline[agendaAt + 1]).toBe('H3 § 1 Välkomna');

	// The skip link is the first Tab stop and leads to the content (2 presses); counted from there.
	await open(owner, meetingUrl);
	await expectConnected(owner);
	await owner.keyboard.press('Tab');
	await expect(owner.getByRole('link', { name: 'Hoppa till innehållet' })).toBeFocused();
	await owner.keyboard.press('Enter');
	await expect(owner.locator('#main')).toBeFocused();

	const sections = ['follow-up', 'agenda', 'decisions', 'attendance', 'summaries', 'notes'];
	for (const [index, id] of sections.entries()) {
		await open(owner, meetingUrl);
		await expectConnected(owner);
		await owner.locator('#main').focus();
		// Back to the board, then the section links (one Tab stop), the arrows, Enter.
		const count = await press(owner, ['Tab', 'Tab', ...arrows(0, index, sections.length), 'Enter']);
		await expect.poll(() => owner.evaluate((section) => !!document.activeElement?.closest(`#${section}`), id), `focus in #${id}`).toBe(true);
		expect(count, `key presses to ${id}`).toBeLessThanOrEqual(6);
	}

	const titles = ['Välkomna', 'Boende först', 'Övriga frågor'];
	for (const [index, title] of titles.entries()) {
		await open(owner, meetingUrl);
		await expectConnected(owner);
		await owner.locator('#main').focus();
		// The section links to "Agenda" lands on the agenda list (one Tab stop, on the open § 1); arrows pick the §.
		let count = await press(owner, ['Tab', 'Tab', 'ArrowRight', 'Enter']);
		// Focus moves on the next animation frame (focusTarget); a person is never faster than that,
		// but a script on a loaded machine is, so wait for it before the arrows.
		await expect(owner.getByTestId('agenda-list').locator('a[data-open]')).toBeFocused();
		count += await press(owner, [...arrows(0, index, titles.length), 'Enter']);
		await expect(openTitle(owner)).toBeFocused();
		await expect(openTitle(owner)).toContainText(title);
		expect(count, `key presses to § ${index + 1}`).toBeLessThanOrEqual(6);
	}
	// The § picked is in the address: a shared link or a reload opens it again.
	await expect(owner).toHaveURL(/#item-/);
	await owner.reload();
	await expectConnected(owner);
	await expect(openTitle(owner)).toContainText('Övriga frågor');
	await owner.context().close();
});

test('the chair sets the current item; another member sees it highlighted and, following the chair, its § opens live', async ({ browser }) => {
	test.setTimeout(120_000);
	const { owner, boardUrl, meetingUrl } = await newMeeting(browser, 'Aktuell');
	await open(owner, boardUrl);
	await owner.getByRole('radio', { name: /Redaktör/ }).check();
	await owner.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	const link = new URL(await owner.getByTestId('invite-link').inputValue()).pathname;
	const member = await (await personContext(browser)).newPage();
	await open(member, `/signup?redirectTo=${encodeURIComponent(link)}`);
	await signUp(member, { name: 'Cecilia Kollega', email: uniqueEmail('cecilia'), agency: 'Arbetsförmedlingen Aktuell', kind: 'employment_services' });
	await expect(member).toHaveURL(/\/invite\//);
	await member.getByTestId('join-board').click();
	await expect(member).toHaveURL(boardUrl);

	await open(owner, meetingUrl);
	await open(member, meetingUrl);
	await expectConnected(owner);
	await expectConnected(member);
	for (const title of ['Välkomna', 'Boende först', 'Sommarjobb']) await addItem(owner, title);
	await expect(items(member)).toHaveCount(3);

	// No chair chosen yet: every editor may set the current item. Once Olle chairs, only he (and a secretary) may.
	await expect(openItem(member).getByTestId('set-current')).toBeVisible();
	await owner.getByLabel('Ordförande', { exact: true }).selectOption({ label: 'Olle Ordförande (Socialförvaltningen Aktuell)' });
	await expect(member.getByTestId('meeting-chair')).toHaveValue(/.+/);
	await expect(openItem(member).getByTestId('set-current')).toHaveCount(0);

	// Cecilia, with § 1 open from the list (in her address), follows the chair; Olle opens § 3 and makes it current.
	await item(member, 'Välkomna').getByTestId('item-link').click();
	await expect(member).toHaveURL(/#item-/);
	await member.getByLabel('Följ ordföranden').check();
	await item(owner, 'Sommarjobb').getByTestId('item-link').click();
	const setCurrent = openItem(owner).getByTestId('set-current');
	await expect(setCurrent).toHaveAttribute('aria-pressed', 'false');
	await setCurrent.click();
	await expect(setCurrent).toHaveAttribute('aria-pressed', 'true');
	await expect(setCurrent).toBeFocused();

	await expect(item(member, 'Sommarjobb').getByTestId('current-badge')).toHaveText('Aktuell');
	await expect(item(member, 'Sommarjobb').getByTestId('item-link')).toHaveAttribute('aria-current', 'step');
	await expect(item(member, 'Välkomna').getByTestId('item-link')).not.toHaveAttribute('aria-current', /.*/);
	await expect(openTitle(member)).toContainText('§ 3 Sommarjobb');

	// The chair moves on to § 2: Cecilia's open § follows, and it is said.
	await item(owner, 'Boende först').getByTestId('item-link').click();
	await openItem(owner).getByTestId('set-current').click();
	await expect(openTitle(member)).toContainText('§ 2 Boende först');
	await expect(item(member, 'Boende först').getByTestId('current-badge')).toBeVisible();
	await expect(item(member, 'Sommarjobb').getByTestId('current-badge')).toHaveCount(0);
	await expect(member.getByTestId('announcer')).toHaveText('Ordföranden gick vidare till § 2 Boende först.');
	await expectAccessible(member, 'meeting workspace, following the chair');

	// Cecilia opens § 1 herself: she stops following, and stays there when the chair moves on.
	await item(member, 'Välkomna').getByTestId('item-link').click();
	await expect(member.getByLabel('Följ ordföranden')).not.toBeChecked();
	await item(owner, 'Sommarjobb').getByTestId('item-link').click();
	await openItem(owner).getByTestId('set-current').click();
	await expect(item(member, 'Sommarjobb').getByTestId('current-badge')).toBeVisible();
	await expect(openTitle(member)).toContainText('§ 1 Välkomna');

	// On a laptop the list sits beside the open §; on a 360 px phone they stack — nav, agenda, §.
	await member.setViewportSize({ width: 1280, height: 900 });
	const side = (await member.getByTestId('agenda-list').boundingBox())!;
	const main = (await openItem(member).boundingBox())!;
	expect(side.x + side.width).toBeLessThanOrEqual(main.x);
	await member.setViewportSize({ width: 360, height: 740 });
	await member.waitForTimeout(200);
	const nav = (await member.getByTestId('section-nav').boundingBox())!;
	const list = (await member.getByTestId('agenda-list').boundingBox())!;
	const open360 = (await openItem(member).boundingBox())!;
	expect(nav.y).toBeLessThan(list.y);
	expect(list.y + list.height).toBeLessThanOrEqual(open360.y);
	const overflow = await member.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow).toBeLessThanOrEqual(0);
	await expectAccessible(member, 'meeting workspace, 360 px');

	await owner.context().close();
	await member.context().close();
});
