import { hasControlChars } from '../../domain/control-chars.js';
import type { BoardRole } from '../../domain/roles.js';
import type { ApiCaller } from '../services/api-tokens.js';
import type { Board, Meeting, Store, User } from '../store/types.js';
import { notFound } from './problem.js';

/**
 * Which board an API caller reads, and as whom (issue 15). A personal token reads the person's
 * boards with their role; a board token reads its one board as an owner (it is checked at every
 * request that its maker still owns the board: services/api-tokens.ts). Anything else is 404, not
 * 403: a token learns nothing of a board it does not read, not even that it exists.
 */
export interface ApiBoardAccess {
	user: User;
	board: Board;
	role: BoardRole;
}

export async function boardAccess(store: Pick<Store, 'boards'>, caller: ApiCaller, boardId: string): Promise<ApiBoardAccess> {
	if (hasControlChars(boardId) || boardId.length > 64) throw notFound();
	if (caller.token.boardId && caller.token.boardId !== boardId) throw notFound();
	const board = await store.boards.get(boardId);
	if (!board) throw notFound();
	const role = caller.token.boardId ? 'owner' : await store.boards.role(boardId, caller.user.id);
	if (!role) throw notFound();
	return { user: caller.user, board, role };
}

export async function meetingAccess(store: Pick<Store, 'boards' | 'meetings'>, caller: ApiCaller, meetingId: string): Promise<ApiBoardAccess & { meeting: Meeting }> {
	if (hasControlChars(meetingId) || meetingId.length > 64) throw notFound();
	const meeting = await store.meetings.get(meetingId);
	if (!meeting) throw notFound();
	return { ...(await boardAccess(store, caller, meeting.boardId)), meeting };
}

/** The boards a caller reads: a board token its one, a person all of theirs. */
export async function readableBoards(store: Pick<Store, 'boards'>, caller: ApiCaller): Promise<Array<Board & { role: BoardRole }>> {
	if (caller.token.boardId) {
		const board = await store.boards.get(caller.token.boardId);
		return board ? [{ ...board, role: 'owner' }] : [];
	}
	return store.boards.listForUser(caller.user.id);
}
