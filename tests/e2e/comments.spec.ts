import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, expectConnected, open, personContext, signUp, uniqueEmail } from './support';

/**
 * Comments on the minutes (issue 12, point 4): a contributor, who only reads the minutes, comments
 * on a passage of them; the owner sees the passage highlighted, replies and resolves the thread;
 * the contributor sees it resolved. The minutes themselves never change.
 */

const openItem = (page: Page) => page.getByTestId('open-item');
const MINUTES = 'Nämnden föreslår en ny budget för boendet.';
const QUESTION = 'Vad ingår i den nya budgeten?';
const REPLY = 'Hyra och personal, se bilagan.';

/** Selects `word` in the open §'s minutes as a mouse would (the contributor's editor is read-only). */
async function selectInMinutes(page: Page, word: string) {
	await page.getByTestId('item-minutes-editor').evaluate((root, word) => {
		const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const at = node.textContent!.indexOf(word);
			if (at < 0) continue;
			const range = document.createRange();
			range.setStart(node, at);
			range.setEnd(node, at + word.length);
			const selection = window.getSelection()!;
			selection.removeAllRanges();
			selection.addRange(range);
			return;
		}
		throw new Error(`no "${word}" in the minutes`);
	}, word);
}

test('a contributor comments on a passage; the owner replies and resolves it', async ({ browser }) => {
	// Two people, sign-up, invite and a whole thread: longer than the default on a loaded machine.
	test.setTimeout(180_000);
	const owner = await (await personContext(browser)).newPage();
	const member = await (await personContext(browser)).newPage();

	await open(owner, '/signup');
	await signUp(owner, { name: 'Olle Ordförande', email: uniqueEmail('olle'), agency: 'Socialförvaltningen Kommentby', kind: 'social_services' });
	await owner.locator('#board-name').fill('Ledningsgrupp Kommentby');
	await owner.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(owner).toHaveURL(/\/boards\/[a-z0-9]+$/);
	const boardUrl = owner.url();
	await owner.locator('#meeting-title').fill('Möte om boende');
	await owner.locator('#meeting-starts-at').fill('2026-12-10T09:30');
	await owner.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(owner).toHaveURL(/\/meetings\//);
	const meetingUrl = new URL(owner.url()).pathname;
	await open(owner, boardUrl);
	await owner.getByRole('radio', { name: /Bidragsgivare/ }).check();
	await owner.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	const link = new URL(await owner.getByTestId('invite-link').inputValue()).pathname;

	await open(member, `/signup?redirectTo=${encodeURIComponent(link)}`);
	await signUp(member, { name: 'Kim Kommentar', email: uniqueEmail('kim'), agency: 'Brukarföreningen Kommentby', kind: 'user_association' });
	await expect(member).toHaveURL(/\/invite\//);
	await member.getByTestId('join-board').click();
	await expect(member).toHaveURL(boardUrl);

	// The owner writes a § and its minutes.
	await open(owner, meetingUrl);
	await expectConnected(owner);
	const form = owner.getByTestId('add-item-form');
	await form.getByLabel('Rubrik').fill('Boende först');
	await form.getByRole('button', { name: 'Lägg till punkt' }).click();
	const pick = async (page: Page) => {
		await page.getByTestId('agenda-item').filter({ hasText: 'Boende först' }).getByTestId('item-link').click();
		await expect(openItem(page).locator('#open-item-heading')).toContainText('Boende först');
	};
	await pick(owner);
	await owner.getByTestId('item-minutes-editor').click();
	await owner.keyboard.type(MINUTES);

	// The contributor reads the minutes (read-only), selects a passage and comments on it.
	await open(member, meetingUrl);
	await expectConnected(member);
	await pick(member);
	const memberMinutes = member.getByTestId('item-minutes-editor');
	await expect(memberMinutes).toContainText(MINUTES);
	await expect(memberMinutes).toHaveAttribute('aria-readonly', 'true');
	// Nothing selected: told how to choose a passage.
	await openItem(member).getByTestId('comment-on-selection').click();
	await expect(openItem(member).getByTestId('comment-needs-selection')).toContainText('Markera först');
	await selectInMinutes(member, 'ny budget');
	await openItem(member).getByTestId('comment-on-selection').click();
	const newComment = openItem(member).getByTestId('new-comment-form');
	await expect(newComment.getByRole('textbox', { name: 'Din kommentar' })).toBeFocused();
	await expect(newComment).toContainText('ny budget');
	await newComment.getByRole('textbox', { name: 'Din kommentar' }).fill(QUESTION);
	await newComment.getByRole('button', { name: 'Skicka kommentar' }).click();
	const memberThread = openItem(member).getByTestId('comment-thread');
	await expect(memberThread).toContainText(QUESTION);
	await expect(memberThread.getByTestId('comment-author')).toHaveText('Kim Kommentar, Brukarföreningen Kommentby');
	// The contributor may not resolve.
	await expect(memberThread.getByTestId('resolve-thread')).toHaveCount(0);

	// The owner sees the passage highlighted (a decoration: the minutes are unchanged) and the thread.
	const highlight = openItem(owner).getByTestId('item-minutes-editor').locator('.comment-highlight');
	await expect(highlight).toHaveText('ny budget');
	await expect(owner.getByTestId('item-minutes-editor')).toContainText(MINUTES);
	const ownerThread = openItem(owner).getByTestId('comment-thread');
	await expect(ownerThread).toContainText(QUESTION);
	await expect(ownerThread).toContainText('Kim Kommentar, Brukarföreningen Kommentby');
	await expectAccessible(owner, 'meeting page with a comment thread');

	// Text typed before the passage: the highlight follows the words.
	await owner.getByTestId('item-minutes-editor').click();
	await owner.keyboard.press('Control+Home');
	await owner.keyboard.type('Punkt: ');
	await expect(highlight).toHaveText('ny budget');

	// The owner replies and resolves.
	await ownerThread.getByRole('textbox', { name: 'Ditt svar' }).fill(REPLY);
	await ownerThread.getByRole('button', { name: 'Svara' }).click();
	await expect(memberThread).toContainText(REPLY);
	await ownerThread.getByTestId('resolve-thread').click();
	await expect(highlight).toHaveCount(0);

	// The contributor sees it resolved (behind "show resolved").
	await expect(openItem(member).getByTestId('open-threads')).toHaveCount(0);
	await openItem(member).getByTestId('show-resolved').check();
	const resolved = openItem(member).getByTestId('resolved-threads').getByTestId('comment-thread');
	await expect(resolved).toHaveAttribute('data-resolved', 'true');
	await expect(resolved.getByTestId('thread-resolved')).toHaveText('Löst av Olle Ordförande');
	await expect(resolved).toContainText(REPLY);
	await expectAccessible(member, 'meeting page with a resolved comment');

	// At 360 px: nothing scrolls sideways, and it stays accessible.
	await member.setViewportSize({ width: 360, height: 800 });
	expect(await member.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await expectAccessible(member, 'meeting page with comments at 360 px');

	// Keyboard only: a comment on the whole § from its button, posted with Enter on the button.
	await openItem(member).getByTestId('comment-on-item').focus();
	await member.keyboard.press('Enter');
	await expect(openItem(member).getByRole('textbox', { name: 'Din kommentar' })).toBeFocused();
	await member.keyboard.type('Tack för svaret.');
	await openItem(member).getByTestId('new-comment-form').getByRole('button', { name: 'Skicka kommentar' }).focus();
	await member.keyboard.press('Enter');
	await expect(openItem(owner).getByTestId('open-threads').getByTestId('comment-thread')).toContainText('Tack för svaret.');
	await expect(openItem(owner).getByTestId('open-threads')).toContainText('Om hela § 1');

	// Keyboard only, on a passage: read-only minutes have no caret, so a paragraph is chosen from a list.
	const paragraph = openItem(member).getByTestId('comment-on-paragraph');
	await paragraph.getByRole('combobox', { name: 'Eller välj ett stycke att kommentera' }).selectOption({ index: 1 });
	await paragraph.getByRole('button', { name: 'Kommentera stycket' }).focus();
	await member.keyboard.press('Enter');
	await expect(openItem(member).getByRole('textbox', { name: 'Din kommentar' })).toBeFocused();
	await expect(openItem(member).getByTestId('new-comment-form')).toContainText('ny budget');
	await member.keyboard.type('Gäller hela stycket.');
	await openItem(member).getByTestId('new-comment-form').getByRole('button', { name: 'Skicka kommentar' }).focus();
	await member.keyboard.press('Enter');
	await expect(openItem(owner).getByTestId('open-threads').getByTestId('comment-thread').filter({ hasText: 'Gäller hela stycket.' })).toHaveCount(1);
	await expect(openItem(owner).getByTestId('item-minutes-editor').locator('.comment-highlight')).toContainText('ny budget');

	// The meeting's other notes take comments too, highlighted for the owner.
	await owner.getByTestId('minutes-editor').click();
	await owner.keyboard.type('Nästa möte hålls i Rådhuset.');
	await expect(member.getByTestId('minutes-editor')).toContainText('Rådhuset');
	await member.getByTestId('minutes-editor').evaluate((root) => {
		const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const at = node.textContent!.indexOf('Rådhuset');
			if (at < 0) continue;
			const range = document.createRange();
			range.setStart(node, at);
			range.setEnd(node, at + 'Rådhuset'.length);
			window.getSelection()!.removeAllRanges();
			window.getSelection()!.addRange(range);
			return;
		}
	});
	const notes = member.getByTestId('notes-comments');
	await member.locator('#notes').getByTestId('comment-on-selection').click();
	await notes.getByRole('textbox', { name: 'Din kommentar' }).fill('Vilken sal?');
	await notes.getByRole('button', { name: 'Skicka kommentar' }).click();
	await expect(owner.getByTestId('minutes-editor').locator('.comment-highlight')).toHaveText('Rådhuset');
	await expect(owner.getByTestId('notes-comments').getByTestId('comment-thread')).toContainText('Vilken sal?');
	await expect(openItem(owner).getByTestId('comment-thread').filter({ hasText: 'Vilken sal?' })).toHaveCount(0);
});
