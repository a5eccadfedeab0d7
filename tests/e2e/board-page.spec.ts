import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { expectAccessible, expectConnected, open, openItem, personContext, signUp, uniqueEmail } from './support';

/**
 * Issue 9.8 and 9.9: the board page as a chair and a secretary use it (meetings and a new meeting
 * first, then the other sections; the sole owner is not offered to lower or remove herself;
 * removing a member goes through the member's menu and a confirmation, by keyboard too), and the
 * meeting page asks for "your user perspective" only of user-association members and contributors.
 */
const memberRow = (page: Page, name: string) => page.getByTestId('member-list').getByRole('listitem').filter({ hasText: name });

async function ownerWithBoard(browser: Browser, tag: string) {
	const owner = await (await personContext(browser)).newPage();
	await open(owner, '/signup');
	await signUp(owner, { name: `Oda Ordförande ${tag}`, email: uniqueEmail('oda'), agency: `Socialförvaltningen ${tag}`, kind: 'social_services' });
	await owner.locator('#board-name').fill(`Ledningsgrupp ${tag}`);
	await owner.getByRole('button', { name: 'Skapa samverkansgrupp' }).click();
	await expect(owner).toHaveURL(/\/boards\/[a-z0-9]+$/);
	return { owner, boardUrl: new URL(owner.url()).pathname };
}

/** Someone new who joins the board with an invite link for `role`. */
async function joins(browser: Browser, owner: Page, boardUrl: string, role: string, person: { name: string; agency: string; kind: string }) {
	await open(owner, boardUrl);
	await owner.getByRole('radio', { name: new RegExp(role) }).check();
	await owner.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	const link = new URL(await owner.getByTestId('invite-link').inputValue()).pathname;
	const page = await (await personContext(browser)).newPage();
	await open(page, `/signup?redirectTo=${encodeURIComponent(link)}`);
	await signUp(page, { ...person, email: uniqueEmail('member') });
	await expect(page).toHaveURL(/\/invite\//);
	await page.getByTestId('join-board').click();
	await expect(page).toHaveURL(boardUrl);
	return page;
}

test('meetings come first; the sole owner cannot lower or remove herself; a member is removed by keyboard through the menu', async ({ browser }) => {
	const { owner, boardUrl } = await ownerWithBoard(browser, 'B');
	const editor = await joins(browser, owner, boardUrl, 'Redaktör', { name: 'Elin Redaktör B', agency: 'Arbetsförmedlingen B', kind: 'employment_services' });

	await open(owner, boardUrl);
	// The sections in reading order: meetings and a new meeting before actions, asks and what to take up later (issue 12), members and invites.
	const headings = await owner.locator('main h2').evaluateAll((all) => all.map((h) => h.id));
	// The owner's settings come last: the protocol's language, then the board's public address (issue 10), then the link to the board's log (issue 11).
	// Retention before the log; deleting the board the very last thing on the page (issue 11, points 11–12).
	// What other systems hear of the board (issue 15: webhooks) just before the log.
	expect(headings).toEqual([
		'meetings-heading',
		'new-meeting-heading',
		'actions-heading',
		'asks-heading',
		'backlog-heading',
		'members-heading',
		'invite-heading',
		'board-language-heading',
		'public-address-heading',
		'board-retention-heading',
		'board-integrations-heading',
		'board-log-heading',
		'board-danger-heading'
	]);
	// The page's nav reaches each section.
	const nav = owner.getByRole('navigation', { name: 'På den här sidan' });
	await expect(nav.getByRole('link')).toHaveText(['Möten', 'Nytt möte', 'Åtgärder', 'Önskemål', 'Att ta upp senare', 'Medlemmar', 'Bjud in fler', 'Protokollets språk']);
	await nav.getByRole('link', { name: 'Medlemmar' }).click();
	await expect(owner).toHaveURL(/#members-heading$/);

	// The sole owner: no role select and no menu on her own card, and a word on why.
	const me = memberRow(owner, 'Oda Ordförande B');
	await expect(me.getByTestId('member-role-select')).toHaveCount(0);
	await expect(me.getByTestId('member-menu')).toHaveCount(0);
	await expect(me.getByTestId('sole-owner-note')).toContainText('enda ägare');
	await expect(memberRow(owner, 'Elin Redaktör B').getByTestId('member-role-select')).toHaveCount(1);
	// No red removal button on the cards: removal waits in each member's menu.
	await expect(owner.getByTestId('member-list').locator('.btn-danger')).toHaveCount(0);

	// The editor sees no member management at all.
	await open(editor, boardUrl);
	await expect(editor.getByTestId('member-menu')).toHaveCount(0);
	await expect(editor.getByTestId('member-role-select')).toHaveCount(0);
	await expect(editor.getByRole('heading', { name: 'Bjud in fler' })).toHaveCount(0);

	// By keyboard: the menu opens on Enter, its item asks first, and the confirmation removes.
	const more = owner.getByRole('button', { name: 'Fler val för Elin Redaktör B' });
	await more.focus();
	await owner.keyboard.press('Enter');
	const item = owner.getByRole('menuitem', { name: 'Ta bort Elin Redaktör B från gruppen' });
	await expect(item).toBeFocused();
	await expectAccessible(owner, 'board page with a member menu open');
	await owner.keyboard.press('Escape');
	await expect(item).toBeHidden();
	await expect(more).toBeFocused();
	await owner.keyboard.press('Enter');
	await expect(item).toBeFocused();
	await owner.keyboard.press('Enter');
	const dialog = owner.getByTestId('confirm-dialog');
	await expect(dialog).toContainText('Ta bort Elin Redaktör B från gruppen?');
	// Focus starts on Cancel (the safe choice; the dialog's title and text are its name and
	// description); Tab reaches the confirming button.
	await expect(dialog.getByRole('button', { name: 'Avbryt', exact: true })).toBeFocused();
	await owner.keyboard.press('Tab');
	await expect(dialog.getByRole('button', { name: 'Ta bort', exact: true })).toBeFocused();
	await owner.keyboard.press('Enter');
	await expect(owner.getByTestId('member-notice')).toHaveText('Elin Redaktör B är inte längre med i gruppen.');
	await expect(memberRow(owner, 'Elin Redaktör B')).toHaveCount(0);
	await expect(owner.getByRole('heading', { name: 'Medlemmar' })).toBeFocused();

	// On a phone the same order, stacked, without sideways scrolling, a member's open menu included.
	const other = await joins(browser, owner, boardUrl, 'Läsare', { name: 'Lars Läsare med ett långt namn B', agency: 'Bostadsbolaget B', kind: 'housing' });
	const excess = () => owner.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	const fits = async (menu: Locator, width: number) => {
		const box = (await menu.boundingBox())!;
		expect(box.x, `${width} px`).toBeGreaterThanOrEqual(0);
		expect(box.x + box.width, `${width} px`).toBeLessThanOrEqual(width);
	};
	for (const width of [360, 320]) {
		await owner.setViewportSize({ width, height: 740 });
		await open(owner, boardUrl);
		await expect.poll(excess, { message: `${width} px` }).toBeLessThanOrEqual(0);
		await owner.getByRole('button', { name: 'Fler val för Lars Läsare med ett långt namn B' }).click();
		const menu = owner.getByRole('menu');
		await expect(menu).toBeVisible();
		await fits(menu, width);
		await owner.keyboard.press('Escape');
		const top = async (id: string) => (await owner.locator(`#${id}`).boundingBox())!.y;
		expect(await top('meetings-heading')).toBeLessThan(await top('members-heading'));
		expect(await top('new-meeting-heading')).toBeLessThan(await top('members-heading'));
	}

	await owner.context().close();
	await editor.context().close();
	await other.context().close();
});

test('a user-association member is asked for her user perspective; a civil servant reads it and is shown how to invite one', async ({ browser }) => {
	const { owner, boardUrl } = await ownerWithBoard(browser, 'P');
	await owner.locator('#meeting-title').fill('Möte om perspektiv');
	await owner.locator('#meeting-starts-at').fill('2026-12-08T13:00');
	await owner.getByRole('button', { name: 'Skapa möte' }).click();
	await expect(owner).toHaveURL(/\/meetings\//);
	const meetingUrl = new URL(owner.url()).pathname;
	const association = await joins(browser, owner, boardUrl, 'Redaktör', { name: 'Ulla Brukare P', agency: 'Brukarföreningen P', kind: 'user_association' });
	const servant = await joins(browser, owner, boardUrl, 'Redaktör', { name: 'Arne Handläggare P', agency: 'Arbetsförmedlingen P', kind: 'employment_services' });

	await open(owner, meetingUrl);
	await expectConnected(owner);
	await owner.getByTestId('add-item-form').getByLabel('Rubrik').fill('Boende');
	await owner.getByTestId('add-item-form').getByRole('button', { name: 'Lägg till punkt' }).click();
	const opened = async (page: Page) => {
		await open(page, meetingUrl);
		await expectConnected(page);
		return (await openItem(page, 'Boende')).getByTestId('item-perspectives');
	};

	// The association member (an editor) is asked, in her own words.
	const hers = await opened(association);
	await hers.getByLabel('Ditt brukarperspektiv på § 1 Boende').fill('Vi vill ha en egen dörr.');
	await hers.getByRole('button', { name: 'Lägg till brukarperspektiv' }).click();
	await expect(hers.getByTestId('perspective')).toContainText('Vi vill ha en egen dörr.');
	await expect(hers.getByTestId('perspective-who')).toHaveCount(0);

	// The owner, a civil servant, reads it and is offered to invite the association instead.
	await owner.reload();
	await owner.waitForSelector('html[data-hydrated]');
	const owners = (await openItem(owner, 'Boende')).getByTestId('item-perspectives');
	await expect(owners.getByTestId('perspective')).toContainText('Vi vill ha en egen dörr.');
	await expect(owners.getByTestId('add-perspective')).toHaveCount(0);
	await expect(owners.getByText(/Ditt brukarperspektiv/)).toHaveCount(0);
	const invite = owners.getByRole('link', { name: 'Bjud in brukarföreningen att ge sitt perspektiv' });
	await expect(invite).toHaveAttribute('href', `${boardUrl}#invite-heading`);

	// An editor from another agency: reads, is told who gives perspectives, and has no link to a page she cannot use.
	const his = await opened(servant);
	await expect(his.getByTestId('perspective')).toContainText('Vi vill ha en egen dörr.');
	await expect(his.getByTestId('add-perspective')).toHaveCount(0);
	await expect(his.getByTestId('perspective-who')).toContainText('Gruppens ägare kan bjuda in den med en länk.');
	await expect(his.getByRole('link', { name: /Bjud in/ })).toHaveCount(0);
	await expectAccessible(servant, 'meeting page of a civil servant with a user perspective');

	await invite.click();
	await expect(owner).toHaveURL(new RegExp(`${boardUrl}#invite-heading$`));
	await expect(owner.getByRole('heading', { name: 'Bjud in fler' })).toBeVisible();

	for (const page of [owner, association, servant]) await page.context().close();
});
