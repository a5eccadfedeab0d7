import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { BoardRoom } from '$lib/collab/board-room.svelte';
import { fakePool, type FakeSession } from '$lib/collab/fake-session';
import { createAction, listActions } from '$lib/domain/board-doc';
import type { BoardRole } from '$lib/domain/roles';
import BoardRoomHost from '../../../../tests/browser/BoardRoomHost.svelte';
import { agency } from '../../../../tests/browser/rooms';

/**
 * The board page's action items on a BoardRoom over a fake session: nothing is shown before the
 * board's state is in, an editor adds and changes actions in the board document by keyboard, and
 * a viewer reads them with nothing to change.
 */
const members = [
	{ userId: 'u1', name: 'Alva', agencyId: agency.id },
	{ userId: 'u2', name: 'Bo', agencyId: agency.id }
];

let closers: Array<() => void> = [];
afterEach(() => {
	for (const close of closers) close();
	closers = [];
});

function boardRoom(role: BoardRole, userId = 'u2', synced = true) {
	const { pool, opened } = fakePool();
	const room = new BoardRoom(
		() => ({
			boardId: 'b1',
			role,
			user: { id: userId, name: 'Bo', color: agency.color, agency: agency.name },
			userAgencyId: agency.id,
			agencies: [agency],
			members,
			meetingTitles: {}
		}),
		{ pool }
	);
	closers.push(room.open());
	const board = opened.get('board:b1') as FakeSession;
	if (synced) board.sync();
	return { room, board };
}

describe('BoardActions on a BoardRoom', () => {
	it('waits for the board’s state before listing anything', async () => {
		const { room, board } = boardRoom('editor', 'u2', false);
		createAction(board.doc, { title: 'Boka lokal', agencyId: agency.id, raisedByAgencyId: agency.id, createdBy: 'u1' });
		const screen = await render(BoardRoomHost, { room });
		await expect.element(screen.getByText('Hämtar åtgärder …')).toBeVisible();
		await expect.element(screen.getByRole('heading', { name: 'Boka lokal' })).not.toBeInTheDocument();
		board.sync();
		await expect.element(screen.getByRole('heading', { name: 'Boka lokal' })).toBeVisible();
	});

	it('lets an editor add an action by keyboard, raised by their agency and written to the board document', async () => {
		const { room, board } = boardRoom('editor', 'u2');
		const screen = await render(BoardRoomHost, { room });
		await expect.element(screen.getByTestId('board-action-list-empty')).toBeVisible();
		const title = screen.getByRole('textbox', { name: 'Vad ska göras?' });
		(title.element() as HTMLInputElement).focus();
		await userEvent.keyboard('Ta fram tolkrutiner{Enter}');

		await expect.element(screen.getByTestId('action-created')).toHaveTextContent('Åtgärden ”Ta fram tolkrutiner” lades till.');
		expect(listActions(board.doc)).toMatchObject([
			{ title: 'Ta fram tolkrutiner', agencyId: agency.id, raisedByAgencyId: agency.id, createdBy: 'u2', status: 'open', meetingId: null }
		]);
		await expect.element(screen.getByRole('heading', { name: 'Ta fram tolkrutiner' })).toBeVisible();
		await expect.element(title).toHaveValue('');
	});

	it('writes an action raised by another agency when the editor names one (on behalf of a user association)', async () => {
		const association = { id: 'ag-bf', name: 'Brukarföreningen', color: '#2e6b30' };
		const { pool, opened } = fakePool();
		const room = new BoardRoom(
			() => ({
				boardId: 'b1',
				role: 'editor',
				user: { id: 'u2', name: 'Bo', color: agency.color, agency: agency.name },
				userAgencyId: agency.id,
				agencies: [agency, association],
				members,
				meetingTitles: {}
			}),
			{ pool }
		);
		closers.push(room.open());
		const board = opened.get('board:b1') as FakeSession;
		board.sync();
		const screen = await render(BoardRoomHost, { room });
		await screen.getByRole('textbox', { name: 'Vad ska göras?' }).fill('Öppna mötesplatsen på kvällar');
		await screen.getByRole('combobox', { name: 'Ansvarig förvaltning' }).selectOptions(agency.name);
		await screen.getByRole('combobox', { name: /^Väckt av/ }).selectOptions('Brukarföreningen');
		await screen.getByRole('button', { name: 'Lägg till åtgärd' }).click();
		await expect.element(screen.getByTestId('action-created')).toBeVisible();
		expect(listActions(board.doc)).toMatchObject([{ title: 'Öppna mötesplatsen på kvällar', agencyId: agency.id, raisedByAgencyId: association.id, createdBy: 'u2' }]);
		await expect.element(screen.getByText('Väckt av Brukarföreningen.')).toBeVisible();
	});

	it('saves an edited action into the document and returns focus to its Edit button', async () => {
		const { room, board } = boardRoom('owner', 'u1');
		const id = createAction(board.doc, { title: 'Boka lokal', agencyId: agency.id, raisedByAgencyId: agency.id, createdBy: 'u1' });
		const screen = await render(BoardRoomHost, { room });
		const edit = screen.getByRole('button', { name: 'Ändra: Boka lokal' });
		await edit.click();
		const title = screen.getByRole('textbox', { name: 'Vad ska göras?' }).first();
		await expect.element(title).toHaveFocus();
		await title.fill('Boka större lokal');
		await userEvent.keyboard('{Enter}');

		await expect.element(screen.getByRole('heading', { name: 'Boka större lokal' })).toBeVisible();
		expect(listActions(board.doc).find((a) => a.id === id)?.title).toBe('Boka större lokal');
		await expect.element(screen.getByRole('button', { name: 'Ändra: Boka större lokal' })).toHaveFocus();
	});

	it('shows a viewer the actions and says they are read-only, with no form and no status control', async () => {
		const { room, board } = boardRoom('viewer', 'u2');
		createAction(board.doc, { title: 'Boka lokal', agencyId: agency.id, raisedByAgencyId: agency.id, createdBy: 'u1' });
		const screen = await render(BoardRoomHost, { room });
		await expect.element(screen.getByText('Du kan läsa åtgärderna men inte ändra dem.')).toBeVisible();
		await expect.element(screen.getByTestId('action-status-text')).toHaveTextContent('Öppen');
		expect(screen.getByRole('combobox').elements()).toHaveLength(0);
		expect(screen.getByRole('textbox').elements()).toHaveLength(0);
		expect(screen.getByRole('button').elements()).toHaveLength(0);
	});
});
