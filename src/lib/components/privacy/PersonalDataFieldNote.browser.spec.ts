import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { listAgenda, recordDecision } from '$lib/domain/meeting-doc';
import ActionForm from '$lib/components/actions/ActionForm.svelte';
import MeetingRoomHost from '../../../../tests/browser/MeetingRoomHost.svelte';
import { openRoom, type OpenedRoom } from '../../../../tests/browser/rooms';

/**
 * The personal-data guard on plain fields, in Chromium: typing a personnummer into a new decision
 * (or one edited in place, or an action's title) names it in a sentence that the textarea is described by;
 * it goes when the number does.
 */
let opened: OpenedRoom[] = [];
afterEach(() => {
	for (const r of opened) r.close();
	opened = [];
});

describe('personal data in a plain field', () => {
	it('a new decision: the note appears as the number is typed and is the field’s description', async () => {
		const r = openRoom('editor', 'u2');
		opened.push(r);
		const screen = await render(MeetingRoomHost, { room: r.room, parts: ['decisions'] });
		const field = screen.getByRole('textbox', { name: 'Nytt beslut under § 1' });
		await field.click();
		await userEvent.keyboard('Bistånd beviljas 811218-987');
		await expect.element(field).toHaveAccessibleDescription('Skriv beslutet så som det ska stå i protokollet.');
		await userEvent.keyboard('6.');
		await expect.element(field).toHaveAccessibleDescription(/”811218-9876” ser ut som ett personnummer/);
		await userEvent.keyboard('{Backspace}{Backspace}{Backspace}');
		await expect.element(field).toHaveAccessibleDescription('Skriv beslutet så som det ska stå i protokollet.');
	});

	it('a decision edited in place: a mistyped number is "possibly" one', async () => {
		const r = openRoom('editor', 'u2');
		opened.push(r);
		recordDecision(r.meeting.doc, r.itemId, { text: 'Budgeten antas.', createdBy: 'u1' });
		const screen = await render(MeetingRoomHost, { room: r.room, parts: ['decisions'] });
		await screen.getByRole('button', { name: 'Ändra beslut 1' }).click();
		const field = screen.getByRole('textbox', { name: 'Ändra beslut 1' });
		await userEvent.keyboard(' Gäller 850709-1234.');
		await expect.element(field).toHaveAccessibleDescription(/”850709-1234” kan vara ett felskrivet personnummer/);
	});

	it('an action’s title: a CPR number is named under it', async () => {
		const screen = await render(ActionForm, {
			idPrefix: 'new-action',
			agencies: [{ id: 'a1', name: 'Socialtjänsten', color: '#1f4e5f' }],
			members: [],
			submitLabel: 'Lägg till',
			onsubmit: () => true
		});
		const field = screen.getByRole('textbox', { name: 'Vad ska göras?' });
		await field.click();
		await userEvent.keyboard('Ring om 070761-4285');
		await expect.element(field).toHaveAccessibleDescription(/”070761-4285” ser ut som ett personnummer/);
	});

	it('the quick fix replaces the number in the field with a selected placeholder that typing replaces', async () => {
		const r = openRoom('editor', 'u2');
		opened.push(r);
		const screen = await render(MeetingRoomHost, { room: r.room, parts: ['decisions'] });
		const field = screen.getByRole('textbox', { name: 'Nytt beslut under § 1' });
		await field.click();
		await userEvent.keyboard('Bistånd till 811218-9876 beviljas.');
		await expect.element(field).toHaveAccessibleDescription(/”811218-9876” ser ut som ett personnummer/);
		await screen.getByRole('button', { name: 'Ersätt numret med initialer' }).click();
		await expect.element(field).toHaveValue('Bistånd till [initialer] beviljas.');
		await expect.element(field).toHaveFocus();
		await userEvent.keyboard('K. L.');
		await expect.element(field).toHaveValue('Bistånd till K. L. beviljas.');
		await expect.element(field).toHaveAccessibleDescription('Skriv beslutet så som det ska stå i protokollet.');
		await expect.element(screen.getByRole('button', { name: 'Ersätt numret med initialer' })).not.toBeInTheDocument();
	});

	it('the third quick fix marks the § internal (personal data) for one who may change the agenda', async () => {
		const r = openRoom('editor', 'u2');
		opened.push(r);
		const screen = await render(MeetingRoomHost, { room: r.room, parts: ['decisions'] });
		const field = screen.getByRole('textbox', { name: 'Nytt beslut under § 1' });
		await field.click();
		await userEvent.keyboard('Bistånd till 811218-9876 beviljas.');
		await screen.getByRole('button', { name: 'Markera punkten som intern' }).click();
		const item = listAgenda(r.meeting.doc).find((i) => i.id === r.itemId);
		expect(item?.internal).toBe(true);
		expect(item?.internalReason).toBe('personal_data');
		// Internal now: the fix is no longer offered, the others still are.
		await expect.element(screen.getByRole('button', { name: 'Markera punkten som intern' })).not.toBeInTheDocument();
		await expect.element(screen.getByRole('button', { name: 'Ersätt numret med initialer' })).toBeInTheDocument();
	});

	it('a contributor’s perspective is not offered the internal fix (only the agenda’s editors may)', async () => {
		const r = openRoom('contributor', 'u3');
		opened.push(r);
		const screen = await render(MeetingRoomHost, { room: r.room, parts: ['perspectives'] });
		const field = screen.getByRole('textbox', { name: /brukarperspektiv/i });
		await field.click();
		await userEvent.keyboard('Gäller 811218-9876.');
		await expect.element(field).toHaveAccessibleDescription(/”811218-9876” ser ut som ett personnummer/);
		await expect.element(screen.getByRole('button', { name: 'Ersätt numret med initialer' })).toBeInTheDocument();
		await expect.element(screen.getByRole('button', { name: 'Markera punkten som intern' })).not.toBeInTheDocument();
	});

	it('a contact hint is named quietly, with no fix offered', async () => {
		const r = openRoom('editor', 'u2');
		opened.push(r);
		const screen = await render(MeetingRoomHost, { room: r.room, parts: ['decisions'] });
		const field = screen.getByRole('textbox', { name: 'Nytt beslut under § 1' });
		await field.click();
		await userEvent.keyboard('Kontakta anna.svensson@example.se om detta.');
		await expect.element(field).toHaveAccessibleDescription(/”anna\.svensson@example\.se” är en kontaktuppgift/);
		await expect.element(screen.getByRole('button', { name: 'Ersätt numret med initialer' })).not.toBeInTheDocument();
	});
});
