import type { AgencyKind } from './agencies.js';
import type { BoardRole } from './roles.js';

/**
 * The people of a board as pages show them (view models built by the services, read by the
 * routes' pages and the components in them).
 */

/** An agency with at least one member on the board. */
export interface BoardAgency {
	id: string;
	name: string;
	/** #rrggbb, always shown together with the name */
	color: string;
	kind: AgencyKind;
}

/** A member of the board, as the meeting page (and the action components in it) receive them. */
export interface BoardPerson {
	id: string;
	name: string;
	role: BoardRole;
	agencyId: string;
	agency: BoardAgency;
}

/** Names in Swedish collation: the product's lists read the same in every language. */
export const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'sv');

/** Each member's agency once, by name. */
export function agenciesOf(people: BoardPerson[]): BoardAgency[] {
	return [...new Map(people.map((person) => [person.agency.id, person.agency])).values()].sort(byName);
}
