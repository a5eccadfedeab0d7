import { agenciesOf, type BoardAgency, type BoardPerson } from '../../domain/board-people.js';
import type { Store } from '../store/types.js';

/**
 * A board's members with their agencies and colours, built once here for every page that shows
 * them (the board page, the meeting page). In the store's order.
 */
export async function boardPeople(store: Pick<Store, 'boards'>, boardId: string): Promise<{ people: BoardPerson[]; agencies: BoardAgency[] }> {
	const members = await store.boards.members(boardId);
	const people = members.map(
		(member): BoardPerson => ({
			id: member.user.id,
			name: member.user.displayName,
			role: member.role,
			agencyId: member.agency.id,
			agency: { id: member.agency.id, name: member.agency.name, color: member.agency.color, kind: member.agency.kind }
		})
	);
	return { people, agencies: agenciesOf(people) };
}
