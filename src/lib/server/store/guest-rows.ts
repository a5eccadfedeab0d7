import type { MeetingGuest, NewMeetingGuest } from './types.js';
import type { GuestRole } from '../../domain/guests.js';
import { date, type Row } from './rows.js';

/** Guests' rows (samtavla_meeting_guests's JSON) and the argument of samtavla_create_guest, for every adapter. */
export const toMeetingGuest = (r: Row): MeetingGuest => ({
	id: String(r.id),
	meetingId: String(r.meeting_id),
	userId: String(r.user_id),
	displayName: String(r.display_name),
	agencyId: String(r.agency_id),
	agencyName: String(r.agency_name),
	agencyColor: String(r.agency_color),
	role: String(r.role) as GuestRole,
	createdBy: r.created_by == null ? null : String(r.created_by),
	createdAt: date(r.created_at),
	expiresAt: date(r.expires_at),
	revokedAt: r.revoked_at == null ? null : date(r.revoked_at),
	firstOpenedAt: r.first_opened_at == null ? null : date(r.first_opened_at)
});

/** The JSON argument of samtavla_create_guest. */
export const guestArg = (g: NewMeetingGuest) => ({
	id: g.id,
	meeting_id: g.meetingId,
	user_id: g.userId,
	display_name: g.displayName,
	agency_id: g.agencyId,
	role: g.role,
	token_hash: g.tokenHash,
	created_by: g.createdBy,
	created_at: g.createdAt.toISOString(),
	expires_at: g.expiresAt.toISOString()
});
