import * as v from 'valibot';
import { canCreateMeeting, type BoardRole } from '../../domain/roles.js';
import { MeetingSchema, fieldErrors, localToInstant } from '../../domain/schemas.js';
import { changedDetails, detailsRefusal, localInZone, type DetailField } from '../../domain/meeting-details.js';
import type { Board, Meeting, MeetingDetails, Store, User } from '../store/types.js';
import { fail, ok, type Result } from './result.js';

export interface DetailsUpdate {
	/** Empty when nothing differed (and nothing was stored). */
	changed: DetailField[];
	details: MeetingDetails;
}

/**
 * Changes a meeting's details (title, start, place, accessibility notes, online link) for the
 * board's owners and editors, the people who may create meetings. `raw` is what the create form
 * sends (MeetingSchema, `tzOffset` included); `raw.revision`, when given, is the revision the
 * person's form was filled in from, so a change made by someone else since then is not
 * overwritten unseen. The calendar entry changes with it (the iCal SEQUENCE is bumped) and the
 * change is recorded as a 'details' event naming the fields.
 */
export async function updateDetails(store: Store, user: User, meetingId: string, raw: unknown, now = new Date()): Promise<Result<DetailsUpdate>> {
	const meeting = await store.meetings.get(meetingId);
	if (!meeting || !canCreateMeeting(await store.boards.role(meeting.boardId, user.id))) return fail({ _form: 'error_not_allowed' });
	const refusal = detailsRefusal(meeting.status);
	if (refusal) return fail({ _form: refusal });

	const parsed = v.safeParse(MeetingSchema, raw);
	if (!parsed.success) return fail(fieldErrors(parsed.issues));
	const { startsAt, tzOffset, title, place, accessibilityNotes, onlineUrl } = parsed.output;
	const instant = localToInstant(startsAt, tzOffset);
	if (!instant) return fail({ startsAt: 'error_date_required' });

	const seen = seenRevision(raw);
	if (seen !== null && seen !== meeting.revision) return fail({ _form: 'error_details_changed_meanwhile' });

	const details: MeetingDetails = { title, startsAt: instant, place, accessibilityNotes, onlineUrl };
	const changed = changedDetails(meeting, details);
	if (changed.length === 0) return ok({ changed, details });

	const revision = await store.meetings.change(meeting.id, {
		revision: meeting.revision,
		details,
		bumpSequence: true,
		event: { kind: 'details', actorId: user.id, at: now, detail: { changed } }
	});
	if (revision === null) return fail({ _form: 'error_details_changed_meanwhile' });
	return ok({ changed, details });
}

/** The form's hidden revision: a whole number, or null when absent or not understood. */
function seenRevision(raw: unknown): number | null {
	const value = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).revision : undefined;
	if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
	if (typeof value === 'string' && /^\d{1,15}$/.test(value.trim())) return Number(value.trim());
	return null;
}

/** Whether the meeting page offers "Edit meeting" to this role, in this status. */
export function mayEditDetails(role: BoardRole, status: Meeting['status']): boolean {
	return canCreateMeeting(role) && detailsRefusal(status) === null;
}

/**
 * The edit form's data for an owner or editor (the route's guard found them a member; anyone else
 * gets null, which the route answers with 403): the details as the form shows them, the start on
 * the wall clock of `timeZone`, and the revision they were read at.
 */
export function editPage(access: { board: Board; role: BoardRole; meeting: Meeting }, timeZone: string) {
	const { board, role, meeting } = access;
	if (!canCreateMeeting(role)) return null;
	return {
		board: { id: board.id, name: board.name },
		meeting: { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt },
		refusal: detailsRefusal(meeting.status),
		revision: meeting.revision,
		timeZone,
		values: {
			title: meeting.title,
			startsAt: localInZone(meeting.startsAt, timeZone),
			place: meeting.place,
			accessibilityNotes: meeting.accessibilityNotes,
			onlineUrl: meeting.onlineUrl
		}
	};
}
