import type { MeetingVenue, StoredAccessNeeds, Venue } from './types.js';
import { isAccessNeed, isVenueFeature, type VenueFields } from '../../domain/venue.js';
import { date, type Row } from './rows.js';

/**
 * Rows of board_venues, meeting_venues and access_needs → domain objects, for every adapter. The
 * jsonb lists keep only keys the domain knows (a key removed from the list in a later version
 * must not reach a form or the matching as something it cannot name).
 */
const list = (value: unknown): unknown[] => {
	const parsed = typeof value === 'string' ? JSON.parse(value) : value;
	return Array.isArray(parsed) ? parsed : [];
};
const str = (value: unknown) => (value == null ? '' : String(value));

const fields = (r: Row): VenueFields => ({
	name: str(r.name),
	hostAgency: str(r.host_agency),
	address: str(r.address),
	features: list(r.features).filter(isVenueFeature),
	interpretingLanguages: str(r.interpreting_languages),
	notes: str(r.notes)
});

export const toVenue = (r: Row): Venue => ({
	...fields(r),
	id: String(r.id),
	boardId: String(r.board_id),
	createdBy: r.created_by == null ? null : String(r.created_by),
	createdAt: date(r.created_at),
	updatedAt: r.updated_at == null ? null : date(r.updated_at),
	archivedAt: r.archived_at == null ? null : date(r.archived_at)
});

export const toMeetingVenue = (r: Row): MeetingVenue => ({ ...fields(r), venueId: r.venue_id == null ? null : String(r.venue_id) });

export const toAccessNeeds = (r: Row): StoredAccessNeeds => ({
	userId: String(r.user_id),
	needs: list(r.needs).filter(isAccessNeed),
	interpretingLanguage: str(r.interpreting_language),
	updatedAt: date(r.updated_at)
});

/** The columns a venue's fields are written to (features as JSON text for the SQL drivers' jsonb cast). */
export const venueColumns = (v: VenueFields) => ({
	name: v.name,
	host_agency: v.hostAgency,
	address: v.address,
	features: v.features,
	interpreting_languages: v.interpretingLanguages,
	notes: v.notes
});

/** samtavla_set_meeting_venue's p_venue. */
export const meetingVenueArg = (venue: MeetingVenue | null) => (venue ? { venue_id: venue.venueId, ...venueColumns(venue) } : null);
