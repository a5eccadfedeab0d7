import { expect, test, type Browser } from '@playwright/test';
import { expectConnected, open, personContext, signUp, uniqueEmail } from './support';

/**
 * The live minutes editor with a screen reader and a keyboard (issue 9, points 11 and 12): other
 * people's carets are drawn inside the text but hidden from assistive technology (presence is
 * listed elsewhere), Escape leaves the editor, and Tab/Shift+Tab in a list are documented and
 * announced.
 */

/** An owner with a board and a meeting open; `withEditor` also invites an editor who opens it too. */
async function meeting(browser: Browser, tag: string) {
	const owner = await (await personContext(browser)).newPage();
	await open(owner, '/signup');
	await signUp(owner, { name: 'Ada Ägare', email: uniqueEmail(`ada${tag}`), agency: `Socialförvaltningen ${tag}`, kind: 'social_services' });
	await owner.locator('#board-name').fill(`Samverkan ${tag}`);
	await owner.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(owner).toHaveURL(/\/boards\/[a-z0-9]+$/);
	const boardUrl = owner.url();
	await owner.locator('#meeting-title').fill('Möte om protokollet');
	await owner.locator('#meeting-starts-at').fill('2026-12-03T10:00');
	await owner.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(owner).toHaveURL(/\/meetings\//);
	return { owner, boardUrl, meetingUrl: new URL(owner.url()).pathname };
}

test("another member's caret is in the minutes but hidden from assistive technology", async ({ browser }) => {
	const { owner, boardUrl, meetingUrl } = await meeting(browser, 'K');
	await open(owner, boardUrl);
	await owner.getByRole('radio', { name: /Redaktör/ }).check();
	await owner.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	const link = new URL(await owner.getByTestId('invite-link').inputValue()).pathname;

	const other = await (await personContext(browser)).newPage();
	await open(other, `/signup?redirectTo=${encodeURIComponent(link)}`);
	await signUp(other, { name: 'Cecilia Kollega', email: uniqueEmail('cecilia'), agency: 'Arbetsförmedlingen K', kind: 'employment_services' });
	await expect(other).toHaveURL(/\/invite\//);
	await other.getByTestId('join-board').click();
	await expect(other).toHaveURL(boardUrl);

	await open(owner, meetingUrl);
	await open(other, meetingUrl);
	await expectConnected(owner);
	await expectConnected(other);

	const ownerMinutes = owner.getByTestId('minutes-editor');
	await ownerMinutes.click();
	await owner.keyboard.type('Inga personuppgifter i protokollet.');
	// The colleague puts her caret in the middle of a word.
	const otherMinutes = other.getByTestId('minutes-editor');
	await expect(otherMinutes).toContainText('Inga personuppgifter i protokollet.');
	await otherMinutes.click();
	await other.keyboard.press('Home');
	for (let i = 0; i < 'Inga personu'.length; i++) await other.keyboard.press('ArrowRight');

	// Her caret and its name label are drawn in the owner's text…
	const caret = ownerMinutes.locator('.collaboration-carets__caret');
	await expect(caret).toHaveCount(1);
	await expect(caret).toContainText('Cecilia Kollega');
	// …hidden from assistive technology, so the text reads whole.
	await expect(caret).toHaveAttribute('aria-hidden', 'true');
	await expect(caret.locator('.collaboration-carets__label')).toHaveAttribute('aria-hidden', 'true');
	const tree = await ownerMinutes.ariaSnapshot();
	expect(tree).toContain('Inga personuppgifter i protokollet.');
	expect(tree).not.toContain('Cecilia');
	// The caret keeps its look: the person's colour on the bar and the label.
	const color = await caret.evaluate((node) => getComputedStyle(node).borderLeftColor);
	expect(color).not.toBe('rgba(0, 0, 0, 0)');
});

test('in the minutes, Tab indents a list item and says so, Escape leaves the editor, and both are documented', async ({ browser }) => {
	const { owner } = await meeting(browser, 'T');
	await open(owner, new URL(owner.url()).pathname);
	await expectConnected(owner);

	const minutes = owner.getByTestId('minutes-editor');
	// The keys are documented on the text area itself, in the page's language.
	await expect(minutes).toHaveAccessibleDescription('I en lista drar Tab in punkten och Skift+Tab drar ut den. Esc lämnar textrutan. Ctrl+Alt+M kommenterar markerad text.');

	// A list: Tab on its second item nests it, and a polite live region says so.
	await minutes.click();
	await owner.getByTestId('tool-bullet-list').click();
	await owner.keyboard.type('Första punkten');
	await owner.keyboard.press('Enter');
	await owner.keyboard.type('Andra punkten');
	const announcer = owner.locator('#notes').getByTestId('editor-announcer');
	await expect(announcer).toHaveAttribute('aria-live', 'polite');
	await owner.keyboard.press('Tab');
	await expect(minutes.locator('ul ul li')).toHaveText('Andra punkten');
	await expect(minutes).toBeFocused();
	await expect(announcer).toHaveText('Listpunkten är indragen till nivå 2.');
	// Shift+Tab takes it back out, also announced.
	await owner.keyboard.press('Shift+Tab');
	await expect(minutes.locator('ul ul')).toHaveCount(0);
	await expect(announcer).toHaveText('Listpunkten är utdragen till nivå 1.');
	// Tab on the first item cannot indent: nothing changes, so nothing new is announced.
	// The caret is put into the first item by a click. Chromium runs key events ahead of the
	// selectionchange task that tells the editor where the caret went, so on a loaded machine a Tab
	// right after the click reached the editor with the caret still in the second item (CI, stop 20):
	// wait until the editor itself has the caret in the first item.
	await minutes.locator('ul > li').first().click();
	await owner.keyboard.press('Home');
	await expect
		.poll(() =>
			minutes.evaluate(
				(node) => (node as HTMLElement & { editor?: { state: { selection: { $from: { parent: { textContent: string } } } } } }).editor?.state.selection.$from.parent.textContent
			)
		)
		.toBe('Första punkten');
	await owner.keyboard.press('Tab');
	await expect(minutes.locator('ul ul')).toHaveCount(0);
	await expect(announcer).toHaveText('Listpunkten är utdragen till nivå 1.');

	// Escape leaves the editor for the next control on the page.
	await minutes.click();
	await owner.keyboard.press('Escape');
	await expect(minutes).not.toBeFocused();
	const focused = await owner.evaluate(() => {
		const active = document.activeElement;
		return { body: active === document.body || active === null, inEditor: !!active?.closest('[contenteditable]') };
	});
	expect(focused).toEqual({ body: false, inEditor: false });
});
