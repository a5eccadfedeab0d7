/**
 * Where an invite link stands on its own, whoever opens it: the board page lists it with this
 * status, and the invite page refuses a link that is not active.
 */
export const INVITE_STATUSES = ['active', 'expired', 'revoked', 'used-up'] as const;
export type InviteStatus = (typeof INVITE_STATUSES)[number];

export interface InviteLimits {
	revokedAt: Date | null;
	expiresAt: Date;
	/** null: anyone with the link may join until it expires */
	maxUses: number | null;
	uses: number;
}

export function inviteStatus(invite: InviteLimits, now: Date): InviteStatus {
	if (invite.revokedAt) return 'revoked';
	if (invite.expiresAt.getTime() <= now.getTime()) return 'expired';
	if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'used-up';
	return 'active';
}

/** How many more people may join with the link; null when it has no limit. */
export function usesLeft(invite: Pick<InviteLimits, 'maxUses' | 'uses'>): number | null {
	return invite.maxUses === null ? null : Math.max(0, invite.maxUses - invite.uses);
}
