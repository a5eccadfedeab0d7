import { expect, test, type Page } from '@playwright/test';
import { expectConnected, open, openItem, personContext, signUp, uniqueEmail } from './support';

/**
 * Issue 9.13 and the "link created" part of 9.15: after each action the keyboard focus is on
 * something meaningful, never on the page body; a button busy sending its form keeps focus
 * (aria-disabled, a second press ignored); Escape cancels an inline edit form; a new link is
 * announced.
 */

/** What has focus, as a person would name it: its id, else its test id, else its tag. */
const focused = (page: Page) =>
	page.evaluate(() => {
		const active = document.activeElement;
		if (!active || active === document.body) return 'BODY';
		return active.id || active.getAttribute('data-testid') || active.tagName;
	});

/** Holds the form posts whose action name matches until `release` is called. */
async function holdPosts(page: Page, action: string) {
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	let held = 0;
	await page.route(
		(url) => url.search.includes(action),
		async (route) => {
			if (route.request().method() !== 'POST') return route.continue();
			held++;
			await released;
			await route.continue();
		}
	);
	return { release, held: () => held };
}

async function ownerWithMeeting(page: Page, tag: string) {
	await open(page, '/signup');
	// From a user association: she is the one asked for a user perspective (issue 9.9).
	await signUp(page, { name: `Fokus Frida ${tag}`, email: uniqueEmail('fokus'), agency: `Brukarföreningen ${tag}`, kind: 'user_association' });
	await page.locator('#board-name').fill(`Samverkan ${tag}`);
	await page.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(page).toHaveURL(/\/boards\/[a-z0-9]+$/);
	const boardUrl = new URL(page.url()).pathname;
	await page.locator('#meeting-title').fill(`Möte ${tag}`);
	await page.locator('#meeting-starts-at').fill('2026-12-14T10:00');
	await page.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(page).toHaveURL(/\/meetings\//);
	return { boardUrl, meetingUrl: new URL(page.url()).pathname };
}

test('creating an invite link: the button keeps focus while sending, then the link takes it and is announced; a role save keeps focus too', async ({ browser }) => {
	const owner = await (await personContext(browser)).newPage();
	const { boardUrl } = await ownerWithMeeting(owner, 'I');
	await open(owner, boardUrl);

	const create = owner.getByRole('button', { name: 'Skapa inbjudningslänk' });
	const posts = await holdPosts(owner, 'createInvite');
	await create.focus();
	await owner.keyboard.press('Enter');
	await expect(create).toHaveAttribute('aria-disabled', 'true');
	await expect(create).toBeFocused();
	await owner.keyboard.press('Enter'); // ignored while the first one is sent
	posts.release();
	await expect(owner.getByTestId('invite-created')).toBeVisible();
	await expect.poll(() => focused(owner)).toBe('invite-link');
	await expect(owner.getByTestId('invite-announcer')).toHaveText(/^Länken är skapad\./);
	await expect(create).not.toHaveAttribute('aria-disabled');
	expect(posts.held()).toBe(1);
	await expect(owner.getByTestId('invite-list').getByRole('listitem')).toHaveCount(1);
	const link = new URL(await owner.getByTestId('invite-link').inputValue()).pathname;

	// A second link is announced again (the same words).
	await create.click();
	await expect.poll(() => focused(owner)).toBe('invite-link');
	await expect(owner.getByTestId('invite-announcer')).toHaveText(/^Länken är skapad\./);

	// Someone joins; the owner saves a new role for them: the save button never loses focus.
	const member = await (await personContext(browser)).newPage();
	await open(member, `/signup?redirectTo=${encodeURIComponent(link)}`);
	await signUp(member, { name: 'Mats Medlem I', email: uniqueEmail('mats'), agency: 'Arbetsförmedlingen I', kind: 'employment_services' });
	await member.getByTestId('join-board').click();
	await expect(member).toHaveURL(boardUrl);

	await open(owner, boardUrl);
	const row = owner.getByTestId('member-list').getByRole('listitem').filter({ hasText: 'Mats Medlem I' });
	await row.getByTestId('member-role-select').selectOption({ label: 'Läsare' });
	const save = row.getByTestId('member-role-save');
	const rolePosts = await holdPosts(owner, 'changeRole');
	await save.focus();
	await owner.keyboard.press('Enter');
	await expect(save).toHaveAttribute('aria-disabled', 'true');
	await expect(save).toBeFocused();
	rolePosts.release();
	await expect(owner.getByTestId('member-notice')).toHaveText('Mats Medlem I har nu rollen läsare.');
	await expect(save).not.toHaveAttribute('aria-disabled');
	await expect(save).toBeFocused();

	await owner.context().close();
	await member.context().close();
});

test('creating a calendar link: the link takes focus and is announced', async ({ browser }) => {
	const page = await (await personContext(browser)).newPage();
	await ownerWithMeeting(page, 'C');
	await open(page, '/calendar');
	const create = page.getByRole('button', { name: 'Skapa kalenderlänk' });
	const posts = await holdPosts(page, 'create');
	await create.focus();
	await page.keyboard.press('Enter');
	await expect(create).toHaveAttribute('aria-disabled', 'true');
	await expect(create).toBeFocused();
	posts.release();
	await expect(page.getByTestId('calendar-created')).toBeVisible();
	await expect.poll(() => focused(page)).toBe('calendar-url');
	await expect(page.getByTestId('calendar-announcer')).toHaveText(/^Kalenderlänken är skapad\./);
	await page.context().close();
});

test('"Ändra § n" puts focus in the form; Escape cancels item, decision, perspective and summary edits', async ({ browser }) => {
	const page = await (await personContext(browser)).newPage();
	await ownerWithMeeting(page, 'E');
	await expectConnected(page);

	const form = page.getByTestId('add-item-form');
	await form.getByLabel('Rubrik').fill('Boende');
	await form.getByRole('button', { name: 'Lägg till punkt' }).click();
	// The § is picked from the agenda list and worked on where it opens, beside the list.
	const entry = await openItem(page, 'Boende');

	// The item: its form opens with focus in the title; Escape closes it unsaved.
	const edit = entry.getByRole('button', { name: 'Ändra § 1 Boende' });
	await edit.focus();
	await page.keyboard.press('Enter');
	const title = entry.getByTestId('edit-item-form').getByLabel('Rubrik');
	await expect(title).toBeFocused();
	await page.keyboard.type(' och arbete');
	await page.keyboard.press('Escape');
	await expect(entry.getByTestId('edit-item-form')).toHaveCount(0);
	await expect(edit).toBeFocused();
	await expect(page.getByTestId('agenda-item').first().getByTestId('item-title')).toHaveText('Boende');
	await expect(entry.locator('#open-item-heading')).toHaveText('§ 1 Boende');

	// A decision.
	await entry.getByLabel('Nytt beslut under § 1').fill('Gruppen tar fram en plan.');
	await entry.getByRole('button', { name: 'Lägg till beslut' }).click();
	const decisionEdit = entry.getByRole('button', { name: /^Ändra beslut/ });
	await decisionEdit.click();
	await expect(entry.locator('textarea[id^="decision-edit-"]')).toBeFocused();
	await page.keyboard.type(' Ändrat');
	await page.keyboard.press('Escape');
	await expect(entry.locator('textarea[id^="decision-edit-"]')).toHaveCount(0);
	await expect(decisionEdit).toBeFocused();
	await expect(entry.getByTestId('decision')).toContainText('Gruppen tar fram en plan.');
	await expect(entry.getByTestId('decision')).not.toContainText('Ändrat');

	// A perspective.
	await entry.getByTestId('add-perspective').getByRole('textbox').fill('Vi vill vara med från början.');
	await entry.getByTestId('add-perspective').getByRole('button').click();
	const perspectiveEdit = entry.getByTestId('perspective').getByRole('button', { name: /^Ändra/ });
	await perspectiveEdit.click();
	await expect(entry.locator('textarea[id^="perspective-edit-"]')).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(entry.locator('textarea[id^="perspective-edit-"]')).toHaveCount(0);
	await expect(perspectiveEdit).toBeFocused();

	// The reporter's summary.
	const write = page.getByTestId('write-summary');
	await write.click();
	await expect(page.locator('#summary-text')).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('summary-form')).toHaveCount(0);
	await expect(write).toBeFocused();

	await page.context().close();
});
