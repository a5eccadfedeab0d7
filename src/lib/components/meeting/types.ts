import type { InternalReasonCategory } from '$lib/domain/protocol/protocol-model';
/** The board's people are view models the server builds (services); components read the same types. */
export type { BoardAgency, BoardPerson } from '$lib/domain/board-people';

/** What a person fills in for an agenda item (new or existing). */
export interface ItemFields {
	title: string;
	presenterAgencyId: string | null;
	plannedMinutes: number | null;
	internal: boolean;
	internalReason: InternalReasonCategory | null;
}
