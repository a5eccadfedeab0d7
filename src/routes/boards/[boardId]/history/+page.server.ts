import { requireBoardMember } from '$lib/server/services/guards';
import { actionHistory } from '$lib/server/services/action-history';
import type { PageServerLoad } from './$types';

/** Who created, changed, moved, closed or removed each of the board's actions (issue 11, point 7). */
export const load: PageServerLoad = async (event) => {
	const { board } = await requireBoardMember(event, event.params.boardId);
	return { board: { id: board.id, name: board.name }, history: await actionHistory(event.locals.runtime.store, board.id) };
};
