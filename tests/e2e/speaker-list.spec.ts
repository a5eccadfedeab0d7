import { expect, test } from '@playwright/test';
import { expectAccessible, expectConnected, open, personContext, signUp, startBoard, uniqueEmail } from './support';
import { msg } from './catalogue';

/**
 * Issue 14, point 5: the speaker list, by keyboard, live for everyone. A contributor from a user
 * association asks for the floor on a phone; the chair sees the ask with their agency and time
 * spoken, gives the floor, ends the turn; the member sees each step as it happens. Swedish.
 */
test('a member asks for the floor by keyboard; the chair gives it and ends the turn by keyboard; both see it live', async ({ browser }) => {
	test.setTimeout(180_000);
	const owner = await (await personContext(browser)).newPage();
	const member = await (await personContext(browser)).newPage();
	await member.setViewportSize({ width: 360, height: 740 });

	const { boardPath: boardUrl, meetingPath: meetingUrl } = await startBoard(owner, { person: { name: 'Olle Ordförande', agency: 'Socialförvaltningen Talare', kind: 'social_services' }, board: 'Samverkan Talarlista', meeting: 'Möte med talarlista' });
	await open(owner, boardUrl);
	await owner.getByRole('radio', { name: /Bidragsgivare/ }).check();
	await owner.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
	const link = new URL(await owner.getByTestId('invite-link').inputValue()).pathname;

	await open(member, `/signup?redirectTo=${encodeURIComponent(link)}`);
	await signUp(member, { name: 'Gun Gäst', email: uniqueEmail('gun'), agency: 'Brukarföreningen Talare', kind: 'user_association' });
	await expect(member).toHaveURL(/\/invite\//);
	await member.getByTestId('join-board').click();
	await expect(member).toHaveURL(new RegExp(`${boardUrl}$`));

	await open(owner, meetingUrl);
	await open(member, meetingUrl);
	await expectConnected(owner);
	await expectConnected(member);
	// The list is there once the meeting runs (a planned meeting's page does not load it).
	await expect(owner.getByTestId('speaker-list')).toHaveCount(0);
	await owner.getByTestId('meeting-lifecycle').getByRole('button', { name: 'Starta mötet' }).click();
	const ownersList = owner.getByTestId('speaker-list');
	const membersList = member.getByTestId('speaker-list');
	await expect(ownersList.getByRole('heading', { name: 'Talarlista' })).toBeVisible();
	await expect(ownersList.getByTestId('floor-nobody')).toHaveText(msg('sv', 'floor_nobody'));

	// Gun (a contributor: she cannot write the minutes) asks for the floor with the keyboard.
	const ask = membersList.getByRole('button', { name: 'Begär ordet' });
	await ask.focus();
	await member.keyboard.press('Enter');
	await expect(membersList.getByTestId('floor-mine')).toHaveText(msg('sv', 'floor_you_wait', { place: 1 }));
	await expect(membersList.getByRole('button', { name: msg('sv', 'floor_withdraw') })).toBeFocused();

	// The chair sees her in the queue, with her association and her time spoken so far.
	const entry = ownersList.getByTestId('floor-entry');
	await expect(entry).toHaveCount(1);
	await expect(entry).toContainText('1. Gun Gäst');
	await expect(entry).toContainText('Brukarföreningen Talare');
	await expect(entry.getByTestId('floor-spoken')).toHaveText(msg('sv', 'floor_spoken', { time: '0 min 00 s' }));
	// The chair's tools below the list open like any disclosure, by keyboard.
	await ownersList.getByText(msg('sv', 'floor_chair_tools')).focus();
	await owner.keyboard.press('Enter');
	const hint = ownersList.getByTestId('floor-not-heard');
	await expect(hint).toContainText('Brukarföreningen Talare');
	await expectAccessible(owner, 'meeting with the speaker list, chair');

	// … and gives her the floor with the keyboard; the focus moves on to "End the turn".
	const give = entry.getByRole('button', { name: 'Ge ordet till Gun Gäst' });
	await give.focus();
	await owner.keyboard.press('Enter');
	const end = ownersList.getByRole('button', { name: 'Avsluta inlägget' });
	await expect(end).toBeFocused();
	await expect(ownersList.getByTestId('floor-speaking')).toHaveText('Gun Gäst');

	// Gun hears it (read out politely, as other people's changes are) and sees it live, with the counter of her turn.
	await expect(member.getByTestId('remote-announcer')).toHaveText(msg('sv', 'floor_announce_speaking', { name: 'Gun Gäst' }));
	await expect(membersList.getByTestId('floor-speaking')).toHaveText('Gun Gäst');
	await expect(membersList.getByTestId('floor-mine')).toHaveText(msg('sv', 'floor_you_speak'));
	await expect(membersList.getByTestId('floor-turn')).toHaveText(/^Detta inlägg: \d+ min \d\d s$/);
	await expect(hint).not.toContainText('Brukarföreningen Talare');
	await expect(hint).toContainText('Socialförvaltningen Talare');
	expect(await member.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await expectAccessible(member, 'meeting with the speaker list, member, 360 px');

	// The chair ends the turn; the chair then puts Gun on the list again from attendance, where her time spoken shows.
	await end.press('Enter');
	await expect(membersList.getByTestId('floor-nobody')).toBeVisible();
	await expect(membersList.getByRole('button', { name: 'Begär ordet' })).toBeVisible();
	await ownersList.getByLabel(msg('sv', 'floor_add_label')).selectOption({ label: 'Gun Gäst (Brukarföreningen Talare)' });
	await ownersList.getByRole('button', { name: msg('sv', 'floor_add_button'), exact: true }).press('Enter');
	await expect(membersList.getByTestId('floor-mine')).toHaveText(msg('sv', 'floor_you_wait', { place: 1 }));
	await expect(membersList.getByTestId('floor-entry').getByTestId('floor-spoken')).toHaveText(/^Talat i mötet: \d+ min \d\d s$/);

	// The chair puts himself on the list too and moves himself first, by keyboard; the focus stays with him.
	await ownersList.getByLabel(msg('sv', 'floor_add_label')).selectOption({ label: 'Olle Ordförande (Socialförvaltningen Talare)' });
	await ownersList.getByRole('button', { name: msg('sv', 'floor_add_button'), exact: true }).press('Enter');
	await expect(ownersList.getByTestId('floor-entry')).toHaveCount(2);
	await ownersList.getByRole('button', { name: 'Flytta Olle Ordförande upp' }).press('Enter');
	await expect(ownersList.getByRole('button', { name: 'Flytta Olle Ordförande ned' })).toBeFocused();
	await expect(membersList.getByTestId('floor-entry')).toContainText(['1. Olle Ordförande', '2. Gun Gäst']);
	await expect(membersList.getByTestId('floor-mine')).toHaveText(msg('sv', 'floor_you_wait', { place: 2 }));

	// She takes it back herself, by keyboard.
	await membersList.getByRole('button', { name: msg('sv', 'floor_withdraw') }).press('Enter');
	await expect(ownersList.getByTestId('floor-entry')).toHaveCount(1);
	await expect(membersList.getByRole('button', { name: 'Begär ordet' })).toBeFocused();
});
