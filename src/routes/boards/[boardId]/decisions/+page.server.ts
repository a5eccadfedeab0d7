import { requireBoardMember } from '$lib/server/services/guards';
import * as register from '$lib/server/services/decision-register';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { board } = await requireBoardMember(event, event.params.boardId);
	const { timeZone } = await event.parent();
	const { store, live } = event.locals.runtime;
	return { register: await register.boardPage(store, live, board, event.url.searchParams, timeZone), board: { id: board.id, name: board.name } };
};
