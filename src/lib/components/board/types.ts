import type { BoardRole } from '$lib/domain/roles';

/** A member as the board page shows them (built by `boards.page`). */
export interface BoardMember {
	id: string;
	displayName: string;
	agency: { name: string; color: string };
	role: BoardRole;
	isMe: boolean;
	isSoleOwner: boolean;
	/** the owner may change this member's role and remove them */
	manageable: boolean;
}
