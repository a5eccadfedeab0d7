import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { listDecisions, recordDecision } from '$lib/domain/meeting-doc';
import { addPerspective, listPerspectives } from '$lib/domain/voices-doc';
import MeetingRoomHost from '../../../../tests/browser/MeetingRoomHost.svelte';
import { agency, openRoom, type OpenedRoom } from '../../../../tests/browser/rooms';

/**
 * The list editor (ListEditor) as the decisions and the user perspectives use it, in real
 * Chromium: one entry edited in place at a time, Escape cancels, focus returns to the entry's
 * Edit button, and nothing is removed before the confirmation dialog is confirmed.
 */
let opened: OpenedRoom[] = [];
afterEach(() => {
	for (const r of opened) r.close();
	opened = [];
});

/** An editor's room with two decisions under § 1, rendered. */
async function decisions() {
	const r = openRoom('editor', 'u2');
	opened.push(r);
	recordDecision(r.meeting.doc, r.itemId, { text: 'Budgeten antas.', createdBy: 'u1' });
	recordDecision(r.meeting.doc, r.itemId, { text: 'Uppföljning i maj.', createdBy: 'u1' });
	const screen = await render(MeetingRoomHost, { room: r.room, parts: ['decisions'] });
	const texts = () => listDecisions(r.meeting.doc).map((d) => d.text);
	return { r, screen, texts };
}

describe('list editor (decisions)', () => {
	it('edits in place with focus in the field; Escape cancels, writes nothing and returns focus to Edit', async () => {
		const { screen, texts } = await decisions();
		const edit = screen.getByRole('button', { name: 'Ändra beslut 1' });
		await edit.click();
		const field = screen.getByRole('textbox', { name: 'Ändra beslut 1' });
		await expect.element(field).toHaveFocus();
		await expect.element(field).toHaveValue('Budgeten antas.');
		await userEvent.keyboard(' Och mer.');
		await userEvent.keyboard('{Escape}');

		await expect.element(field).not.toBeInTheDocument();
		await expect.element(screen.getByRole('button', { name: 'Ändra beslut 1' })).toHaveFocus();
		await expect.element(screen.getByTestId('decision').first()).toHaveTextContent('Beslut 1: Budgeten antas.');
		expect(texts()).toEqual(['Budgeten antas.', 'Uppföljning i maj.']);
	});

	it('saves the changed text into the document by keyboard and returns focus to Edit', async () => {
		const { screen, texts } = await decisions();
		await screen.getByRole('button', { name: 'Ändra beslut 2' }).click();
		const field = screen.getByRole('textbox', { name: 'Ändra beslut 2' });
		await field.fill('Uppföljning i juni.');
		await userEvent.tab();
		await expect.element(screen.getByRole('button', { name: 'Spara' })).toHaveFocus();
		await userEvent.keyboard('{Enter}');

		await expect.element(field).not.toBeInTheDocument();
		expect(texts()).toEqual(['Budgeten antas.', 'Uppföljning i juni.']);
		await expect.element(screen.getByTestId('decision').nth(1)).toHaveTextContent('Beslut 2: Uppföljning i juni.');
		await expect.element(screen.getByRole('button', { name: 'Ändra beslut 2' })).toHaveFocus();
	});

	it('does not save an emptied text: the field says what is missing and stays open', async () => {
		const { screen, texts } = await decisions();
		await screen.getByRole('button', { name: 'Ändra beslut 1' }).click();
		const field = screen.getByRole('textbox', { name: 'Ändra beslut 1' });
		await field.fill('   ');
		await screen.getByRole('button', { name: 'Spara' }).click();
		await expect.element(field).toHaveAttribute('aria-invalid', 'true');
		await expect.element(field).toHaveAccessibleDescription('Skriv vad som beslutades.');
		expect(texts()).toEqual(['Budgeten antas.', 'Uppföljning i maj.']);
	});

	it('edits one entry at a time: starting another closes the first without saving it', async () => {
		const { screen, texts } = await decisions();
		await screen.getByRole('button', { name: 'Ändra beslut 1' }).click();
		await screen.getByRole('textbox', { name: 'Ändra beslut 1' }).fill('Ändrat men inte sparat.');
		await screen.getByRole('button', { name: 'Ändra beslut 2' }).click();

		await expect.element(screen.getByRole('textbox', { name: 'Ändra beslut 2' })).toHaveFocus();
		await expect.element(screen.getByRole('textbox', { name: 'Ändra beslut 1' })).not.toBeInTheDocument();
		expect(screen.getByRole('button', { name: 'Spara' }).elements()).toHaveLength(1);
		await expect.element(screen.getByTestId('decision').first()).toHaveTextContent('Beslut 1: Budgeten antas.');
		expect(texts()).toEqual(['Budgeten antas.', 'Uppföljning i maj.']);
	});

	it('asks before removing; cancelling keeps the entry and returns focus to it', async () => {
		const { screen, texts } = await decisions();
		await screen.getByRole('button', { name: 'Ta bort beslut 1' }).click();
		const dialog = page.getByRole('alertdialog', { name: 'Ta bort beslut 1?' });
		await expect.element(dialog).toBeVisible();
		await expect.element(dialog).toHaveAccessibleDescription('Beslutet tas bort för alla, och de följande besluten numreras om.');
		// Focus starts on Cancel, never on the removal: Enter by habit keeps the decision.
		await expect.element(dialog.getByRole('button', { name: 'Avbryt' })).toHaveFocus();
		expect(texts()).toEqual(['Budgeten antas.', 'Uppföljning i maj.']);

		await userEvent.keyboard('{Escape}');
		await expect.element(dialog).not.toBeInTheDocument();
		expect(texts()).toEqual(['Budgeten antas.', 'Uppföljning i maj.']);
		await expect.element(screen.getByRole('button', { name: 'Ändra beslut 1' })).toHaveFocus();
	});

	it('removes only the confirmed entry, renumbers the rest and moves focus to the add field', async () => {
		const { screen, texts } = await decisions();
		await screen.getByRole('button', { name: 'Ta bort beslut 1' }).click();
		const dialog = page.getByRole('alertdialog', { name: 'Ta bort beslut 1?' });
		await dialog.getByRole('button', { name: 'Ta bort', exact: true }).click();

		await expect.element(dialog).not.toBeInTheDocument();
		expect(texts()).toEqual(['Uppföljning i maj.']);
		await expect.element(screen.getByTestId('decision')).toHaveTextContent('Beslut 1: Uppföljning i maj.');
		await expect.element(screen.getByRole('textbox', { name: 'Nytt beslut under § 1' })).toHaveFocus();
	});
});

describe('list editor (user perspectives)', () => {
	const cem = { id: 'u3', name: 'Cem', agencyId: agency.id, agencyName: agency.name };
	const bo = { id: 'u2', name: 'Bo', agencyId: agency.id, agencyName: agency.name };

	async function perspectives(role: 'owner' | 'editor', userId: string) {
		const r = openRoom(role, userId);
		opened.push(r);
		addPerspective(r.voices.doc, r.itemId, cem, 'Vi behöver tolk.');
		addPerspective(r.voices.doc, r.itemId, bo, 'Bra förslag.');
		const screen = await render(MeetingRoomHost, { room: r.room, parts: ['perspectives'] });
		const texts = () => listPerspectives(r.voices.doc).map((p) => `${p.authorName}: ${p.text}`).sort();
		return { r, screen, texts };
	}

	it('offers an editor to change only their own perspective', async () => {
		const { screen } = await perspectives('editor', 'u2');
		await expect.element(screen.getByRole('button', { name: 'Ändra brukarperspektivet från Bo' })).toBeVisible();
		await expect.element(screen.getByRole('button', { name: 'Ta bort brukarperspektivet från Bo' })).toBeVisible();
		await expect.element(screen.getByText('Vi behöver tolk.')).toBeVisible();
		await expect.element(screen.getByRole('button', { name: 'Ändra brukarperspektivet från Cem' })).not.toBeInTheDocument();
		await expect.element(screen.getByRole('button', { name: 'Ta bort brukarperspektivet från Cem' })).not.toBeInTheDocument();
	});

	it('lets the owner change someone else’s perspective in place, writing the voices document', async () => {
		const { screen, texts } = await perspectives('owner', 'u1');
		await screen.getByRole('button', { name: 'Ändra brukarperspektivet från Cem' }).click();
		const field = screen.getByRole('textbox', { name: 'Ändra ditt brukarperspektiv' });
		await expect.element(field).toHaveFocus();
		await userEvent.keyboard('{Escape}');
		await expect.element(screen.getByRole('button', { name: 'Ändra brukarperspektivet från Cem' })).toHaveFocus();

		await userEvent.keyboard('{Enter}');
		await field.fill('Vi behöver tolk till mötet.');
		await screen.getByRole('button', { name: 'Spara' }).click();
		await expect.element(screen.getByText('Vi behöver tolk till mötet.')).toBeVisible();
		expect(texts()).toEqual(['Bo: Bra förslag.', 'Cem: Vi behöver tolk till mötet.']);
		await expect.element(screen.getByRole('button', { name: 'Ändra brukarperspektivet från Cem' })).toHaveFocus();
	});

	it('removes a perspective only after the confirmation names whose it is', async () => {
		const { screen, texts } = await perspectives('owner', 'u1');
		await screen.getByRole('button', { name: 'Ta bort brukarperspektivet från Cem' }).click();
		const dialog = page.getByRole('alertdialog', { name: 'Ta bort brukarperspektivet?' });
		await expect.element(dialog).toHaveAccessibleDescription('Texten från Cem tas bort för alla.');
		expect(texts()).toEqual(['Bo: Bra förslag.', 'Cem: Vi behöver tolk.']);
		await dialog.getByRole('button', { name: 'Ta bort', exact: true }).click();
		await expect.element(screen.getByText('Vi behöver tolk.')).not.toBeInTheDocument();
		expect(texts()).toEqual(['Bo: Bra förslag.']);
	});
});
