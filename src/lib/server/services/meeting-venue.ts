import type { BoardRole } from '../../domain/roles.js';
import type { LiveDocs, LiveDocWriter } from '../runtime.js';
import type { Board, Meeting, MeetingVenue, NewMeeting, Store, User } from '../store/types.js';
import { createMeetings, type SeriesInput } from './meeting-series.js';
import { updateDetails, type DetailsUpdate } from './meeting-details.js';
import { venueWarnings } from './access-needs.js';
import { pickerVenues, placeText, resolveChoice } from './venues.js';
import type { Result } from './result.js';

/**
 * Where a meeting is (issue 12, point 10), for the create and edit forms and the pages: the place
 * is either a copy of one of the board's saved venues (its name and address also become the
 * meeting's place text) or typed text as before. The choice is checked before anything is stored,
 * so a wrong choice creates or changes nothing.
 */

/** What the forms send about the place, besides the typed `place` itself. */
export interface PlaceChoice {
	venueChoice: string;
	venueId: string;
}

/**
 * Creates the meeting, or a series of them (meeting-series.ts), at the chosen place (board page,
 * "New meeting"): every meeting of a series gets its own copy of the venue.
 */
export async function createMeetingsAt(
	deps: { store: Store; live: LiveDocWriter },
	user: User,
	boardId: string,
	raw: Record<string, unknown> & { place: string },
	choice: PlaceChoice,
	series: SeriesInput,
	timeZone: string,
	now = new Date()
): Promise<Result<{ meetings: NewMeeting[] }>> {
	const chosen = await resolveChoice(deps.store, boardId, choice);
	if (!chosen.ok) return chosen;
	const result = await createMeetings(deps, user, boardId, { ...raw, place: chosen.value ? placeText(chosen.value) : raw.place }, series, timeZone, now);
	if (result.ok && chosen.value) for (const meeting of result.value.meetings) await deps.store.venues.setForMeeting(meeting.id, chosen.value, user.id, now);
	return result;
}

/** Changes the meeting's details and place (edit page); `venueChanged` when the venue copy changed. */
export async function updateDetailsAt(
	store: Store,
	user: User,
	meeting: Meeting,
	raw: Record<string, unknown> & { place: string },
	choice: PlaceChoice,
	now = new Date()
): Promise<Result<DetailsUpdate & { venueChanged: boolean }>> {
	const chosen = await resolveChoice(store, meeting.boardId, choice, await store.venues.forMeeting(meeting.id));
	if (!chosen.ok) return chosen;
	const result = await updateDetails(store, user, meeting.id, { ...raw, place: chosen.value ? placeText(chosen.value) : raw.place }, now);
	if (!result.ok) return result;
	const venueChanged = await store.venues.setForMeeting(meeting.id, chosen.value, user.id, now);
	return { ok: true, value: { ...result.value, venueChanged } };
}

/** The edit form's picker: the board's venues, and the meeting's own copy (shown even once its venue is archived). */
export async function editPlace(store: Store, boardId: string, meetingId: string) {
	const [venues, current] = await Promise.all([pickerVenues(store, boardId), store.venues.forMeeting(meetingId)]);
	return {
		venues,
		current: current ? { venueId: current.venueId, name: current.name } : null,
		choice: { venueChoice: current?.venueId ? 'saved' : 'typed', venueId: current?.venueId ?? '' }
	};
}

type Deps = { store: Store; live: Pick<LiveDocs, 'readWith'> };
type Access = { user: User; role: BoardRole; board: Board };

/** The board page: venues for "New meeting", and the warnings this person is to see. */
export async function boardVenues(deps: Deps, access: Access) {
	const [venues, meetings] = await Promise.all([pickerVenues(deps.store, access.board.id), deps.store.meetings.listForBoard(access.board.id)]);
	return { venues, warnings: await venueWarnings(deps, access, meetings) };
}

/** The meeting page: the venue's card for every member, the warning for owners and the chair. */
export async function meetingVenue(deps: Deps, access: Access & { meeting: Meeting }): Promise<{ card: MeetingVenue | null; warnings: Awaited<ReturnType<typeof venueWarnings>> }> {
	const [card, warnings] = await Promise.all([deps.store.venues.forMeeting(access.meeting.id), venueWarnings(deps, access, [access.meeting])]);
	return { card, warnings };
}
