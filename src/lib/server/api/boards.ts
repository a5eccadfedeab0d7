import { boardPeople } from '../services/people.js';
import { byName } from '../../domain/board-people.js';
import { boardAccess, readableBoards } from './access.js';
import type { ApiDeps } from './deps.js';
import { pageOf } from './paging.js';

/** GET /boards and /boards/{id} (issue 15): the boards the caller reads, by name; one with its members. */
export async function listBoards({ store, caller }: ApiDeps, query: { limit: number; cursor?: number }, url: URL) {
	const boards = (await readableBoards(store, caller)).sort(byName);
	return pageOf(
		boards.map(({ id, name, description, language, role }) => ({ id, name, description, language, role })),
		query,
		url
	);
}

export async function getBoard(deps: ApiDeps, boardId: string) {
	const { board, role } = await boardAccess(deps.store, deps.caller, boardId);
	deps.concerns(board.id);
	const { people, agencies } = await boardPeople(deps.store, board.id);
	return {
		id: board.id,
		name: board.name,
		description: board.description,
		language: board.language,
		role,
		members: people.sort(byName).map((p) => ({ id: p.id, name: p.name, agency: p.agency.id ? { id: p.agency.id, name: p.agency.name } : null, role: p.role })),
		agencies: agencies.map(({ id, name }) => ({ id, name })).sort(byName)
	};
}
