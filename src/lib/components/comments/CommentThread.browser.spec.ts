import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import * as Y from 'yjs';
import { addComment, addThread, listThreads, type CommentAnchor } from '$lib/domain/comments-doc';
import { recordDecision } from '$lib/domain/meeting-doc';
import CommentsHost from '../../../../tests/browser/CommentsHost.svelte';
import { agency, openRoom, type OpenedRoom } from '../../../../tests/browser/rooms';

/**
 * A comment thread, driven by a MeetingRoom on fake sessions: each person edits and removes only
 * their own comments, by keyboard, with focus kept where they can carry on; what they do lands in
 * the comments document; nothing is offered once the comments are read-only.
 */
let opened: OpenedRoom[] = [];
function room(...args: Parameters<typeof openRoom>): OpenedRoom {
	const r = openRoom(...args);
	r.comments.sync();
	opened.push(r);
	return r;
}
afterEach(() => {
	for (const r of opened) r.close();
	opened = [];
});

const author = (id: string, name: string) => ({ id, name, agencyId: agency.id, agencyName: agency.name });
const cem = author('u3', 'Cem');
const dana = author('u4', 'Dana');
const anchor: CommentAnchor = { kind: 'minutes', start: '', end: '' };
const at = (minute: number) => new Date(`2026-11-30T10:0${minute}:00Z`);

/** A thread Cem opened on § 1, and Dana's reply. */
function conversation(doc: Y.Doc, itemId: string) {
	const threadId = addThread(doc, cem, { itemId, anchor, quote: '', text: 'Vad kostar det?' }, at(0));
	addComment(doc, threadId, dana, 'Hundra kronor.', at(5));
	return threadId;
}
const shown = (doc: Y.Doc) => listThreads(doc).map((t) => t.comments.map((c) => (c.removed ? '(borttagen)' : c.text)));

describe('CommentThread in a MeetingRoom', () => {
	it('offers Edit and Remove on one’s own comment only; editing by keyboard, Escape cancels back to Edit', async () => {
		const r = room('contributor', 'u3');
		conversation(r.comments.doc, r.itemId);
		const announce = vi.fn();
		const screen = await render(CommentsHost, { room: r.room, announce });
		const [mine, theirs] = screen.getByTestId('comment').elements();
		expect(theirs.querySelector('[data-testid="edit-comment"], [data-testid="remove-comment"]')).toBeNull();
		const edit = screen.getByRole('button', { name: 'Ändra din kommentar' });
		expect(screen.getByRole('button', { name: 'Ändra din kommentar' }).elements()).toHaveLength(1);
		await expect.element(edit).toHaveAccessibleDescription('Vad kostar det?');
		expect(mine.contains(edit.element())).toBe(true);

		await edit.click();
		const field = screen.getByRole('textbox', { name: 'Ändra din kommentar' });
		await expect.element(field).toHaveFocus();
		await expect.element(field).toHaveValue('Vad kostar det?');
		await userEvent.keyboard(' Per år?');
		await userEvent.keyboard('{Escape}');
		await expect.element(screen.getByRole('button', { name: 'Ändra din kommentar' })).toHaveFocus();
		expect(shown(r.comments.doc)).toEqual([['Vad kostar det?', 'Hundra kronor.']]);

		await userEvent.keyboard('{Enter}');
		await expect.element(field).toHaveFocus();
		await userEvent.clear(field);
		await userEvent.keyboard('Vad kostar det per år?');
		await screen.getByRole('button', { name: 'Spara' }).click();
		await expect.element(screen.getByRole('button', { name: 'Ändra din kommentar' })).toHaveFocus();
		expect(shown(r.comments.doc)).toEqual([['Vad kostar det per år?', 'Hundra kronor.']]);
		await expect.element(screen.getByTestId('comment-edited')).toHaveTextContent('(ändrad)');
		expect(announce).toHaveBeenCalledWith('Din kommentar är ändrad.');
	});

	it('will not save an emptied comment', async () => {
		const r = room('contributor', 'u3');
		conversation(r.comments.doc, r.itemId);
		const screen = await render(CommentsHost, { room: r.room });
		await screen.getByRole('button', { name: 'Ändra din kommentar' }).click();
		await userEvent.clear(screen.getByRole('textbox', { name: 'Ändra din kommentar' }));
		await screen.getByRole('button', { name: 'Spara' }).click();
		await expect.element(screen.getByRole('textbox', { name: 'Ändra din kommentar' })).toHaveAttribute('aria-invalid', 'true');
		await expect.element(screen.getByText('Skriv något först.')).toBeVisible();
		expect(shown(r.comments.doc)).toEqual([['Vad kostar det?', 'Hundra kronor.']]);
	});

	it('removes an opening comment after a confirmation, leaving a mark the reply follows', async () => {
		const r = room('contributor', 'u3');
		const threadId = conversation(r.comments.doc, r.itemId);
		const announce = vi.fn();
		const screen = await render(CommentsHost, { room: r.room, announce });

		// Cancelled: nothing changes, focus back on Remove.
		await screen.getByRole('button', { name: 'Ta bort din kommentar' }).click();
		const dialog = screen.getByRole('alertdialog');
		await expect.element(dialog).toHaveTextContent('Svaren på den ligger kvar.');
		await expect.element(dialog.getByRole('button', { name: 'Avbryt' })).toHaveFocus();
		await userEvent.keyboard('{Escape}');
		await expect.element(screen.getByRole('button', { name: 'Ta bort din kommentar' })).toHaveFocus();
		expect(shown(r.comments.doc)).toEqual([['Vad kostar det?', 'Hundra kronor.']]);

		await screen.getByRole('button', { name: 'Ta bort din kommentar' }).click();
		await screen.getByRole('alertdialog').getByRole('button', { name: 'Ta bort' }).click();
		await expect.element(screen.getByTestId('comment-removed')).toHaveTextContent('Kommentaren togs bort.');
		expect(shown(r.comments.doc)).toEqual([['(borttagen)', 'Hundra kronor.']]);
		await expect.element(screen.getByTestId('comment-thread')).toHaveFocus();
		await expect.element(screen.getByTestId('comment-thread')).toHaveAttribute('data-thread-id', threadId);
		await expect.element(screen.getByTestId('comment-thread')).not.toHaveTextContent('Cem');
		expect(screen.getByRole('button', { name: 'Ta bort din kommentar' }).elements()).toHaveLength(0);
		expect(announce).toHaveBeenCalledWith('Din kommentar är borttagen.');
	});

	it('removes a thread that was only one’s own, and leaves focus on the comments heading', async () => {
		const r = room('viewer', 'u4');
		addThread(r.comments.doc, dana, { itemId: r.itemId, anchor, quote: '', text: 'Ensam fråga.' });
		const screen = await render(CommentsHost, { room: r.room });
		await screen.getByRole('button', { name: 'Ta bort din kommentar' }).click();
		await expect.element(screen.getByRole('alertdialog')).toHaveTextContent('Kommentaren tas bort för alla i mötet. Det går inte att ångra.');
		await screen.getByRole('alertdialog').getByRole('button', { name: 'Ta bort' }).click();
		await expect.element(screen.getByText('Inga kommentarer än.')).toBeVisible();
		await expect.element(screen.getByRole('heading', { name: 'Kommentarer (0)' })).toHaveFocus();
		expect([r.comments.doc.getMap('threads').size, r.comments.doc.getMap('comments').size]).toEqual([0, 0]);
	});

	it('offers neither Edit nor Remove once the comments are read-only (the meeting adjusted)', async () => {
		const r = room('contributor', 'u3', (info) => ({ ...info, access: { ...info.access, comments: 'read' } }));
		conversation(r.comments.doc, r.itemId);
		const screen = await render(CommentsHost, { room: r.room });
		await expect.element(screen.getByTestId('comments-closed')).toBeVisible();
		await expect.element(screen.getByText('Vad kostar det?')).toBeVisible();
		expect(screen.getByRole('button').elements()).toHaveLength(0);
	});

	it('comments on a decision from its button and shows its comments from another', async () => {
		const r = room('contributor', 'u3');
		recordDecision(r.meeting.doc, r.itemId, { text: 'Budgeten antas.', createdBy: 'u1' });
		const screen = await render(CommentsHost, { room: r.room });
		await screen.getByRole('button', { name: 'Kommentera beslut 1' }).click();
		await expect.element(screen.getByRole('textbox', { name: 'Din kommentar' })).toHaveFocus();
		await userEvent.keyboard('Från när?');
		await screen.getByRole('button', { name: 'Skicka kommentar' }).click();
		// Sent: focus back on the button it was asked from.
		await expect.element(screen.getByRole('button', { name: 'Kommentera beslut 1' })).toHaveFocus();
		const show = screen.getByRole('button', { name: 'Visa kommentarer om beslut 1 (1)' });
		await show.click();
		await expect.element(screen.getByTestId('comment-thread')).toHaveFocus();
		await expect.element(screen.getByTestId('comment-thread')).toHaveTextContent('Om beslut 1');
	});
});
