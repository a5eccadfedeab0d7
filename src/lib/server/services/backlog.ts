import { checkBacklogEntry, waitingBacklog, type BacklogEntry } from '../../domain/backlog.js';
import { newId } from '../../domain/ids.js';
import { canCreateMeeting, type BoardRole } from '../../domain/roles.js';
import type { Board, Store, User } from '../store/types.js';
import { fail, ok, type Result } from './result.js';

/**
 * The board's backlog on the board page (issue 12, point 6): what waits to be taken up later, an
 * item written straight onto it, and an item taken off it. The same rows carrying a postponed §
 * writes (services/carry-over.ts) and the draft agenda offers (services/agenda-suggestions.ts).
 * Owners and editors write, as they plan the meetings; every member reads.
 */
export type BacklogStore = Pick<Store, 'backlog' | 'meetings'>;
export interface BacklogAccess {
	user: User;
	board: Board;
	role: BoardRole;
}

export const mayEditBacklog = (role: BoardRole | null): boolean => canCreateMeeting(role);

export async function backlogPage(store: BacklogStore, access: BacklogAccess): Promise<{ entries: BacklogEntry[]; mayEdit: boolean }> {
	const [rows, meetings] = await Promise.all([store.backlog.list(access.board.id), store.meetings.listForBoard(access.board.id)]);
	return { entries: waitingBacklog(rows, meetings), mayEdit: mayEditBacklog(access.role) };
}

/** An item written straight onto the list (no meeting it came from). */
export async function addToBacklog(
	store: BacklogStore,
	access: BacklogAccess,
	form: { title: string; description: string },
	now = new Date()
): Promise<Result<{ id: string; title: string }>> {
	if (!mayEditBacklog(access.role)) return fail({ _form: 'error_not_allowed' });
	const checked = checkBacklogEntry(form);
	if (!checked.ok) return fail(checked.errors);
	const id = newId();
	await store.backlog.add({
		id,
		boardId: access.board.id,
		title: checked.title,
		description: checked.description,
		sourceMeetingId: null,
		sourceItemId: null,
		createdBy: access.user.id,
		createdAt: now
	});
	return ok({ id, title: checked.title });
}

/** Takes an item off the list; it is no longer offered for the agenda. */
export async function removeFromBacklog(store: BacklogStore, access: BacklogAccess, form: { id: string }, now = new Date()): Promise<Result<{ title: string }>> {
	if (!mayEditBacklog(access.role)) return fail({ _form: 'error_not_allowed' });
	const entry = form.id ? await store.backlog.get(form.id) : null;
	// Another board's id reads as gone: nothing about it is told.
	if (!entry || entry.boardId !== access.board.id) return fail({ _form: 'error_backlog_gone' });
	// False when it was scheduled or removed meanwhile (another editor, a moment earlier).
	if (!(await store.backlog.remove(entry.id, access.user.id, now))) return fail({ _form: 'error_backlog_gone' });
	return ok({ title: entry.title });
}
