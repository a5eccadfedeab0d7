import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { createAction, listActions, setActionStatus } from '$lib/domain/board-doc';
import type { BoardRole } from '$lib/domain/roles';
import MeetingRoomHost from '../../../../tests/browser/MeetingRoomHost.svelte';
import { agency, openRoom, type OpenedRoom } from '../../../../tests/browser/rooms';

/**
 * The follow-up at the top of a meeting, read from the board document through the meeting room's
 * BoardRoom (fake sessions): which actions it lists, who may change their status, and that a
 * status chosen by keyboard is written once — not once per arrow key.
 */
let opened: OpenedRoom[] = [];
afterEach(() => {
	for (const r of opened) r.close();
	opened = [];
});

const action = (title: string, meetingId: string | null) => ({
	title,
	agencyId: agency.id,
	raisedByAgencyId: agency.id,
	createdBy: 'u1',
	meetingId
});

/** A room for `role` whose board has actions from an earlier meeting, the board page, this meeting, and a done one. */
async function followUp(role: BoardRole, userId: string) {
	const r = openRoom(role, userId);
	opened.push(r);
	const doc = r.board.doc;
	const earlier = createAction(doc, action('Ta fram tolkrutiner', 'm0'));
	const fromBoard = createAction(doc, action('Boka lokal', null));
	createAction(doc, action('Skriv remissvar', 'm1'));
	const done = createAction(doc, action('Skicka kallelse', 'm0'));
	setActionStatus(doc, done, 'done', 'u1');
	const screen = await render(MeetingRoomHost, { room: r.room, parts: ['follow-up'] });
	const stored = (id: string) => listActions(doc).find((a) => a.id === id)!;
	return { r, screen, earlier, fromBoard, stored };
}

describe('FollowUp in a meeting room', () => {
	it('lists the open actions from earlier meetings and the board, not this meeting’s or done ones', async () => {
		const { screen } = await followUp('viewer', 'u4');
		const list = screen.getByRole('list', { name: 'Uppföljning av åtgärder' });
		await expect.element(list).toBeVisible();
		const titles = list.getByRole('heading', { level: 3 }).elements().map((h) => h.textContent?.trim());
		expect(titles.sort()).toEqual(['Boka lokal', 'Ta fram tolkrutiner']);
		await expect.element(screen.getByText(/Från mötet Förra mötet/)).toBeVisible();
		await expect.element(screen.getByText(/Tillagd på gruppens sida/)).toBeVisible();
	});

	for (const [role, userId] of [['viewer', 'u4'], ['contributor', 'u3']] as const) {
		it(`shows a ${role} each status as text, with nothing to change it`, async () => {
			const { screen } = await followUp(role, userId);
			await expect.element(screen.getByTestId('action-status-text').first()).toHaveTextContent('Öppen');
			expect(screen.getByRole('combobox').elements()).toHaveLength(0);
			expect(screen.getByRole('button', { name: /Ändra/ }).elements()).toHaveLength(0);
		});
	}

	it('writes a status stepped to by arrow keys once, on Enter, with who changed it', async () => {
		const { r, screen, earlier, stored } = await followUp('editor', 'u2');
		const setStatus = vi.spyOn(r.room.board, 'setStatus');
		const select = screen.getByRole('combobox', { name: 'Status: Ta fram tolkrutiner' });
		// Reached by keyboard focus: a click would open the option list, where arrows behave differently.
		(select.element() as HTMLSelectElement).focus();
		await userEvent.keyboard('{ArrowDown}{ArrowDown}');
		await expect.element(select).toHaveValue('waiting');
		expect(stored(earlier).history).toHaveLength(1);

		await userEvent.keyboard('{Enter}');
		await expect.element(screen.getByRole('status').first()).toHaveTextContent('Status för ”Ta fram tolkrutiner” ändrad till Väntar på annan förvaltning.');
		expect(stored(earlier).status).toBe('waiting');
		expect(stored(earlier).history.map(({ status, by }) => [status, by])).toEqual([
			['open', 'u1'],
			['waiting', 'u2']
		]);
		// Leaving the select afterwards writes nothing more.
		await userEvent.tab();
		expect(stored(earlier).history).toHaveLength(2);
		expect(setStatus).toHaveBeenCalledExactlyOnceWith(earlier, 'waiting');
	});

	it('drops an action marked done from the list and keeps keyboard focus on the section', async () => {
		const { r, screen, fromBoard, stored } = await followUp('owner', 'u1');
		const setStatus = vi.spyOn(r.room.board, 'setStatus');
		const select = screen.getByRole('combobox', { name: 'Status: Boka lokal' });
		(select.element() as HTMLSelectElement).focus();
		await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{Enter}');

		await expect.element(select).not.toBeInTheDocument();
		expect(stored(fromBoard).status).toBe('done');
		expect(stored(fromBoard).history).toHaveLength(2);
		await expect.element(screen.getByRole('heading', { name: 'Uppföljning av åtgärder' })).toHaveFocus();
		await expect.element(screen.getByRole('status').first()).toHaveTextContent('”Boka lokal” är klar och har tagits bort från uppföljningen.');
		// The select it was chosen in leaves with the action: its blur must not write it again.
		expect(setStatus).toHaveBeenCalledExactlyOnceWith(fromBoard, 'done');
	});

	it('shows a status another person changes, and drops the action they mark done', async () => {
		const { r, screen, earlier, fromBoard } = await followUp('editor', 'u2');
		setActionStatus(r.board.doc, earlier, 'in_progress', 'u1');
		await expect.element(screen.getByRole('combobox', { name: 'Status: Ta fram tolkrutiner' })).toHaveValue('in_progress');
		setActionStatus(r.board.doc, fromBoard, 'done', 'u1');
		await expect.element(screen.getByRole('heading', { name: 'Boka lokal' })).not.toBeInTheDocument();
	});

	it('says so and offers no status change when the server refuses the editor’s changes', async () => {
		const { r, screen } = await followUp('editor', 'u2');
		await expect.element(screen.getByRole('combobox').first()).toBeVisible();
		r.board.connection.denyWrites();
		await expect.element(screen.getByText('Servern tar inte emot dina ändringar av åtgärderna: din roll tillåter bara läsning.')).toBeVisible();
		await expect.element(screen.getByRole('combobox').first()).not.toBeInTheDocument();
		await expect.element(screen.getByTestId('action-status-text').first()).toHaveTextContent('Öppen');
	});
});
