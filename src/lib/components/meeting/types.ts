import type { AgencyKind } from '$lib/domain/agencies';
import type { BoardRole } from '$lib/domain/roles';

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

/** What a person fills in for an agenda item (new or existing). */
export interface ItemFields {
	title: string;
	presenterAgencyId: string | null;
	plannedMinutes: number | null;
}
