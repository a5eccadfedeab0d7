import * as v from 'valibot';
import { canCreateMeeting, type BoardRole } from '../../domain/roles.js';
import { fieldErrors } from '../../domain/schemas.js';
import { newId } from '../../domain/ids.js';
import { VenueChoiceSchema, VenueSchema, type VenueFields } from '../../domain/venue.js';
import type { Board, MeetingVenue, Store, User, Venue } from '../store/types.js';
import { fail, ok, type Result } from './result.js';

/**
 * A board's saved venues (issue 12, point 10): owners and editors (the people who create meetings)
 * add, edit and archive them; every member sees them. Creating or editing a meeting chooses one
 * (resolveChoice), and the meeting keeps a copy of its fields (see the migration
 * venues_and_access_needs for why a copy).
 */

const mayManage = async (store: Store, user: User, boardId: string) => canCreateMeeting(await store.boards.role(boardId, user.id));

/** `/boards/<id>/venues`: the venues, archived ones apart, and whether the person may change them. */
export async function venuesPage(store: Store, access: { board: Board; role: BoardRole }) {
	const all = await store.venues.listForBoard(access.board.id, { archived: true });
	return {
		board: { id: access.board.id, name: access.board.name },
		canManage: canCreateMeeting(access.role),
		venues: all.filter((x) => !x.archivedAt).map(shown),
		archived: all.filter((x) => x.archivedAt).map(shown)
	};
}

const shown = (x: Venue) => ({ id: x.id, ...fieldsOf(x) });
export const fieldsOf = (x: VenueFields): VenueFields => ({
	name: x.name,
	hostAgency: x.hostAgency,
	address: x.address,
	features: x.features,
	interpretingLanguages: x.interpretingLanguages,
	notes: x.notes
});

/** Saved venues for the create and edit forms' picker (not archived). */
export async function pickerVenues(store: Store, boardId: string): Promise<Array<{ id: string; name: string; address: string }>> {
	return (await store.venues.listForBoard(boardId)).map((x) => ({ id: x.id, name: x.name, address: x.address }));
}

export async function createVenue(store: Store, user: User, boardId: string, raw: unknown, now = new Date()): Promise<Result<Venue>> {
	if (!(await mayManage(store, user, boardId))) return fail({ _form: 'error_not_allowed' });
	const parsed = v.safeParse(VenueSchema, raw);
	if (!parsed.success) return fail(fieldErrors(parsed.issues));
	const venue: Venue = { id: newId(), boardId, ...parsed.output, createdBy: user.id, createdAt: now, updatedAt: null, archivedAt: null };
	await store.venues.create(venue);
	return ok(venue);
}

/** The venue when it belongs to the board (else null: another board's id is as unknown as a made-up one). */
async function boardVenue(store: Store, boardId: string, venueId: string): Promise<Venue | null> {
	if (!venueId || venueId.length > 64) return null;
	const venue = await store.venues.get(venueId);
	return venue && venue.boardId === boardId ? venue : null;
}

/**
 * Changes a saved venue; meetings that already chose it keep the copy they have. `changed` names
 * the fields that differ from before (for the audit log: which, never what they say).
 */
export async function updateVenue(store: Store, user: User, boardId: string, venueId: string, raw: unknown, now = new Date()): Promise<Result<Venue & { changed: Array<keyof VenueFields> }>> {
	if (!(await mayManage(store, user, boardId))) return fail({ _form: 'error_not_allowed' });
	const venue = await boardVenue(store, boardId, venueId);
	if (!venue) return fail({ _form: 'venue_error_unknown' });
	const parsed = v.safeParse(VenueSchema, raw);
	if (!parsed.success) return fail(fieldErrors(parsed.issues));
	if (!(await store.venues.update(venue.id, parsed.output, now))) return fail({ _form: 'venue_error_unknown' });
	return ok({ ...venue, ...parsed.output, updatedAt: now, changed: changedFields(venue, parsed.output) });
}

/** The fields that differ; features compared as a set (their order is the form's). */
function changedFields(before: VenueFields, after: VenueFields): Array<keyof VenueFields> {
	const same = (key: keyof VenueFields) =>
		key === 'features' ? [...before.features].sort().join() === [...after.features].sort().join() : before[key] === after[key];
	return (['name', 'hostAgency', 'address', 'features', 'interpretingLanguages', 'notes'] as const).filter((key) => !same(key));
}

/** Archives a venue (no longer offered) or brings it back; `changed` is false when it already was so. */
export async function archiveVenue(store: Store, user: User, boardId: string, venueId: string, archived: boolean, now = new Date()): Promise<Result<Venue & { changed: boolean }>> {
	if (!(await mayManage(store, user, boardId))) return fail({ _form: 'error_not_allowed' });
	const venue = await boardVenue(store, boardId, venueId);
	if (!venue) return fail({ _form: 'venue_error_unknown' });
	await store.venues.setArchived(venue.id, archived ? now : null);
	return ok({ ...venue, archivedAt: archived ? now : null, changed: (venue.archivedAt !== null) !== archived });
}

/** The place text a meeting shows (and lists) for a chosen venue: its name and address. */
export function placeText(venue: VenueFields): string {
	return [venue.name, venue.address].filter(Boolean).join(', ').slice(0, 200);
}

/**
 * What the create or edit form chose for the place: a copy of a saved venue (null: the typed
 * place, as before venues existed). `current` is the meeting's copy when editing: choosing the
 * same venue again refreshes the copy from the saved venue, or keeps the copy when that venue
 * has since been archived (the form still offers it as the meeting's own).
 */
export async function resolveChoice(store: Store, boardId: string, raw: unknown, current: MeetingVenue | null = null): Promise<Result<MeetingVenue | null>> {
	const parsed = v.safeParse(VenueChoiceSchema, raw);
	if (!parsed.success) return fail(fieldErrors(parsed.issues));
	if (parsed.output.venueChoice === 'typed') return ok(null);
	const venue = await boardVenue(store, boardId, parsed.output.venueId);
	if (venue && !venue.archivedAt) return ok({ venueId: venue.id, ...fieldsOf(venue) });
	if (current && current.venueId === parsed.output.venueId) return ok(current);
	return fail({ venueId: 'venue_error_choose' });
}
