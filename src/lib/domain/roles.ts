export const BOARD_ROLES = ['owner', 'editor', 'contributor', 'viewer'] as const;
export type BoardRole = (typeof BOARD_ROLES)[number];

/** Roles an invite link may carry: ownership is never handed out by link. */
export const INVITE_ROLES = ['editor', 'contributor', 'viewer'] as const;
export type InviteRole = (typeof INVITE_ROLES)[number];

export function isBoardRole(value: unknown): value is BoardRole {
	return typeof value === 'string' && (BOARD_ROLES as readonly string[]).includes(value);
}

export function isInviteRole(value: unknown): value is InviteRole {
	return typeof value === 'string' && (INVITE_ROLES as readonly string[]).includes(value);
}

export function canManageBoard(role: BoardRole | null): boolean {
	return role === 'owner';
}

export function canCreateMeeting(role: BoardRole | null): boolean {
	return role === 'owner' || role === 'editor';
}
