import { canManageBoard, type BoardRole } from './roles.js';

/**
 * Which members an owner is offered to lower or remove on the board page. The only owner of a
 * board is not: the board would be left with no one to manage it. The store refuses that change
 * anyway (atomically, `srv_error_last_owner`); this only keeps the page from offering it.
 */
export function isSoleOwner(member: { role: BoardRole }, members: readonly { role: BoardRole }[]): boolean {
	return member.role === 'owner' && members.filter((other) => other.role === 'owner').length === 1;
}

/** May `viewerRole` be offered a role change and removal for `member` (owners only, never the sole owner). */
export function mayManageMember(viewerRole: BoardRole | null, member: { role: BoardRole }, members: readonly { role: BoardRole }[]): boolean {
	return canManageBoard(viewerRole) && !isSoleOwner(member, members);
}
