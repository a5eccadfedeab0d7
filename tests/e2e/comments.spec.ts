import { expect, test, type Browser, type Page } from '@playwright/test';
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

type Person = { name: string; email: string; agency: string };

/** An owner's new board with a meeting, and a contributor from a user association who joined it by invitation. */
async function boardWithContributor(browser: Browser, who: { owner: Person; member: Person; board: string }) {
	const owner = await (await personContext(browser)).newPage();
	const member = await (await personContext(browser)).newPage();

	await open(owner, '/signup');
	await signUp(owner, { name: who.owner.name, email: uniqueEmail(who.owner.email), agency: who.owner.agency, kind: 'social_services' });
	await owner.locator('#board-name').fill(who.board);
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
	await signUp(member, { name: who.member.name, email: uniqueEmail(who.member.email), agency: who.member.agency, kind: 'user_association' });
	await expect(member).toHaveURL(/\/invite\//);
	await member.getByTestId('join-board').click();
	await expect(member).toHaveURL(boardUrl);
	return { owner, member, meetingUrl };
}

test('a contributor comments on a passage; the owner replies and resolves it', async ({ browser }) => {
	// Two people, sign-up, invite and a whole thread (axe runs three times): longer than the default on a loaded machine.
	test.setTimeout(300_000);
	const { owner, member, meetingUrl } = await boardWithContributor(browser, {
		owner: { name: 'Olle Ordförande', email: 'olle', agency: 'Socialförvaltningen Kommentby' },
		member: { name: 'Kim Kommentar', email: 'kim', agency: 'Brukarföreningen Kommentby' },
		board: 'Ledningsgrupp Kommentby'
	});

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

/** Opens the § titled `title` from the agenda list and waits until it is the one shown. */
async function pickItem(page: Page, title: string) {
	await page.getByTestId('agenda-item').filter({ hasText: title }).getByTestId('item-link').click();
	await expect(openItem(page).locator('#open-item-heading')).toContainText(title);
}

/** The owner adds a § with `title` (and optionally minutes and a decision under it). */
async function addItem(owner: Page, title: string, content: { minutes?: string; decision?: string } = {}) {
	const form = owner.getByTestId('add-item-form');
	await form.getByLabel('Rubrik').fill(title);
	await form.getByRole('button', { name: 'Lägg till punkt' }).click();
	await pickItem(owner, title);
	if (content.minutes) {
		await owner.getByTestId('item-minutes-editor').click();
		await owner.keyboard.type(content.minutes);
	}
	if (content.decision) {
		const decisionForm = openItem(owner).getByTestId('add-decision');
		await decisionForm.getByRole('textbox', { name: /Nytt beslut under/ }).fill(content.decision);
		await decisionForm.getByRole('button', { name: 'Lägg till beslut' }).click();
		await expect(openItem(owner).getByTestId('item-decisions')).toContainText(content.decision);
	}
}

test('from the decision list a contributor comments on a decision, edits and removes it; nobody else is offered that', async ({ browser }) => {
	test.setTimeout(300_000);
	const { owner, member, meetingUrl } = await boardWithContributor(browser, {
		owner: { name: 'Olga Ordförande', email: 'olga', agency: 'Socialförvaltningen Ändraby' },
		member: { name: 'Bo Brukare', email: 'bo', agency: 'Brukarföreningen Ändraby' },
		board: 'Ledningsgrupp Ändraby'
	});
	await open(owner, meetingUrl);
	await expectConnected(owner);
	await addItem(owner, 'Budget', { decision: 'Budgeten för 2027 antas.' });
	await addItem(owner, 'Övrigt');
	await pickItem(owner, 'Budget');

	// The contributor has another § open; the meeting's decision list offers the comment all the same.
	await open(member, meetingUrl);
	await expectConnected(member);
	await pickItem(member, 'Övrigt');
	const list = member.getByTestId('decision-list');
	await expect(list).toContainText('Beslut 1 (§ 1): Budgeten för 2027 antas.');
	const commentOnDecision = list.getByRole('button', { name: 'Kommentera beslut 1' });
	await commentOnDecision.click();
	// Its § opens, with the new comment's text box focused and saying what it is about.
	await expect(openItem(member).locator('#open-item-heading')).toContainText('Budget');
	const field = openItem(member).getByRole('textbox', { name: 'Din kommentar' });
	await expect(field).toBeFocused();
	await expect(openItem(member).getByTestId('new-comment-form')).toContainText('Om beslut 1');
	await member.keyboard.type('Gäller det från januari?');
	await openItem(member).getByRole('button', { name: 'Skicka kommentar' }).click();
	// Sent: focus back where it was asked for, which now also leads to the comment.
	await expect(commentOnDecision).toBeFocused();
	const showComments = list.getByRole('button', { name: 'Visa kommentarer om beslut 1 (1)' });
	await expect(showComments).toBeVisible();

	// The owner sees it under the §, and is offered neither Edit nor Remove on it; replies.
	const ownerThread = openItem(owner).getByTestId('comment-thread');
	await expect(ownerThread).toContainText('Om beslut 1');
	await expect(ownerThread).toContainText('Gäller det från januari?');
	await expect(ownerThread.getByTestId('edit-comment')).toHaveCount(0);
	await expect(ownerThread.getByTestId('remove-comment')).toHaveCount(0);
	await ownerThread.getByRole('textbox', { name: 'Ditt svar' }).fill('Ja, från den första januari.');
	await ownerThread.getByRole('button', { name: 'Svara' }).click();

	// From another §, "show comments" opens the § and focuses the thread.
	await pickItem(member, 'Övrigt');
	await showComments.click();
	const memberThread = openItem(member).getByTestId('comment-thread');
	await expect(memberThread).toBeFocused();
	await expect(memberThread).toContainText('Ja, från den första januari.');
	// Edit and Remove on the contributor's own comment only, not on the owner's reply.
	await expect(memberThread.getByRole('button', { name: 'Ändra din kommentar' })).toHaveCount(1);
	await expect(memberThread.getByTestId('comment').nth(1).getByRole('button')).toHaveCount(0);
	await expectAccessible(member, 'comment thread with one’s own comment');

	// Edit: Escape cancels and returns to Edit; then saved, the owner sees the new text, marked as changed.
	const edit = memberThread.getByRole('button', { name: 'Ändra din kommentar' });
	await edit.click();
	const editField = memberThread.getByRole('textbox', { name: 'Ändra din kommentar' });
	await expect(editField).toBeFocused();
	await member.keyboard.type(' Och för vem?');
	await member.keyboard.press('Escape');
	await expect(edit).toBeFocused();
	await expect(memberThread.getByTestId('comment-text').first()).toHaveText('Gäller det från januari?');
	await edit.click();
	await editField.fill('Gäller det från januari 2027?');
	await memberThread.getByRole('button', { name: 'Spara' }).click();
	await expect(edit).toBeFocused();
	await expect(ownerThread.getByTestId('comment-text').first()).toContainText('Gäller det från januari 2027?');
	await expect(ownerThread.getByTestId('comment-edited')).toHaveText('(ändrad)');

	// Remove, after a confirmation: the reply stays, after a mark where the comment was.
	await memberThread.getByRole('button', { name: 'Ta bort din kommentar' }).click();
	const dialog = member.getByRole('alertdialog', { name: 'Ta bort din kommentar?' });
	await expect(dialog).toContainText('Svaren på den ligger kvar.');
	await expectAccessible(member, 'removing a comment, asked to confirm');
	await dialog.getByRole('button', { name: 'Ta bort' }).click();
	await expect(memberThread).toBeFocused();
	await expect(ownerThread.getByTestId('comment-removed')).toHaveText('Kommentaren togs bort.');
	await expect(ownerThread).not.toContainText('januari 2027');
	await expect(ownerThread).toContainText('Ja, från den första januari.');
	await expect(ownerThread).not.toContainText('Bo Brukare');

	// At 360 px the thread's controls fit.
	await member.setViewportSize({ width: 360, height: 800 });
	expect(await member.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('a highlighted passage leads to its thread, and the thread back to it', async ({ browser }) => {
	test.setTimeout(300_000);
	const { owner, member, meetingUrl } = await boardWithContributor(browser, {
		owner: { name: 'Pia Protokoll', email: 'pia', agency: 'Socialförvaltningen Markby' },
		member: { name: 'Tor Tråd', email: 'tor', agency: 'Brukarföreningen Markby' },
		board: 'Ledningsgrupp Markby'
	});
	await open(owner, meetingUrl);
	await expectConnected(owner);
	await addItem(owner, 'Boende först', { minutes: MINUTES });
	await open(member, meetingUrl);
	await expectConnected(member);
	await pickItem(member, 'Boende först');
	await expect(member.getByTestId('item-minutes-editor')).toContainText(MINUTES);
	await selectInMinutes(member, 'ny budget');
	await openItem(member).getByTestId('comment-on-selection').click();
	await openItem(member).getByRole('textbox', { name: 'Din kommentar' }).fill(QUESTION);
	await openItem(member).getByRole('button', { name: 'Skicka kommentar' }).click();

	// In the contributor's read-only minutes the highlight is a button to its thread: a click goes there.
	const thread = openItem(member).getByTestId('comment-thread');
	const highlight = openItem(member).getByRole('button', { name: 'ny budget' });
	await expect(highlight).toHaveAccessibleDescription('Kommenterad text. Tryck Enter för att läsa kommentaren.');
	await highlight.click();
	await expect(thread).toBeFocused();
	await expectAccessible(member, 'minutes with a commented passage');
	// And back: "Show in the text" focuses the highlight; Enter there, the thread again.
	await thread.getByRole('button', { name: 'Visa i texten' }).click();
	await expect(highlight).toBeFocused();
	await member.keyboard.press('Enter');
	await expect(thread).toBeFocused();

	// In the owner's editable minutes a click puts the caret in the text; "Show the comment" leads on.
	const ownerMinutes = owner.getByTestId('item-minutes-editor');
	const ownerHighlight = ownerMinutes.locator('.comment-highlight');
	await expect(ownerHighlight).toHaveText('ny budget');
	await ownerHighlight.click();
	await expect(ownerMinutes).toBeFocused();
	await openItem(owner).getByRole('button', { name: 'Visa kommentaren' }).click();
	const ownerThread = openItem(owner).getByTestId('comment-thread');
	await expect(ownerThread).toBeFocused();
	// Back from the thread: the passage is selected in the editor.
	await ownerThread.getByRole('button', { name: 'Visa i texten' }).click();
	await expect(ownerMinutes).toBeFocused();
	expect(await owner.evaluate(() => window.getSelection()?.toString())).toBe('ny budget');
	await expect(ownerMinutes).toContainText(MINUTES);
});
