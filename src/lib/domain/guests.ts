import * as v from 'valibot';
import { CONTROL_CHARS_ERROR, hasControlChars } from './control-chars.js';

/**
 * Guests of one meeting (issue 14, point 1): a tenant, a relative, someone invited once to tell
 * their story. No account and no password: a link, for that one meeting, until it expires or is
 * revoked. A guest may add their perspective (contributor) or only follow (viewer); never more.
 */
export const GUEST_ROLES = ['contributor', 'viewer'] as const;
export type GuestRole = (typeof GUEST_ROLES)[number];

/** The choice in the invite form for someone who comes on their own behalf, not for an agency. */
export const PRIVATE_PERSON = 'private';

export const GUEST_REFUSALS = ['guest_error_unknown', 'guest_error_expired', 'guest_error_revoked', 'guest_error_agency'] as const;

export const GuestInviteSchema = v.object({
	displayName: v.pipe(
		v.string('error_name_required'),
		v.trim(),
		v.nonEmpty('error_name_required'),
		v.check((value: string) => !hasControlChars(value), CONTROL_CHARS_ERROR),
		v.maxLength(80, 'error_too_long')
	),
	// An agency of the board, or PRIVATE_PERSON; the service checks it is one of the board's.
	agencyId: v.pipe(v.string('guest_error_agency'), v.trim(), v.nonEmpty('guest_error_agency'), v.maxLength(64, 'guest_error_agency')),
	role: v.picklist(GUEST_ROLES, 'error_role_required')
});
export type GuestInvite = v.InferOutput<typeof GuestInviteSchema>;

export type GuestStatus = 'active' | 'expired' | 'revoked';

export function guestStatus(guest: { revokedAt: Date | null; expiresAt: Date }, now: Date): GuestStatus {
	if (guest.revokedAt) return 'revoked';
	if (guest.expiresAt.getTime() <= now.getTime()) return 'expired';
	return 'active';
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long after the meeting's day a guest link still works: to read the minutes and add afterthoughts. */
export const GUEST_DAYS_AFTER = 7;

/**
 * When a new guest link expires: the end of the meeting's day (UTC) plus seven days, and never
 * sooner than a day from now (a link made after the meeting must still open).
 */
export function guestExpiry(meetingStartsAt: Date, now: Date): Date {
	const day = new Date(meetingStartsAt);
	day.setUTCHours(23, 59, 59, 0);
	const fromMeeting = day.getTime() + GUEST_DAYS_AFTER * DAY_MS;
	return new Date(Math.max(fromMeeting, now.getTime() + DAY_MS));
}

/**
 * Where a guest may go: their meeting's simple view, its live documents' access check, the link
 * pages, signing out and the accessibility statement. Everything else sends them back to their
 * meeting (hooks.server.ts); the services refuse them anyway, since a guest belongs to no board.
 */
export function guestMayOpen(pathname: string, meetingId: string): boolean {
	if (pathname === `/meetings/${meetingId}/easy`) return true;
	if (pathname.startsWith('/g/') || pathname === '/signout' || pathname === '/accessibility') return true;
	if (pathname.startsWith('/api/doc-access/')) return true;
	return false;
}
