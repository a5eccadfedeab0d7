/** What the action components are given about the board's people (props of the meeting page too). */
export interface ActionAgency {
	id: string;
	name: string;
	color: string;
}

export interface ActionMember {
	userId: string;
	name: string;
	agencyId: string;
}
