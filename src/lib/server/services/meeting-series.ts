import { docName } from '../../domain/doc-names.js';
import { newId } from '../../domain/ids.js';
import { applyTemplate } from '../../domain/meeting-template.js';
import { MAX_SERIES_WEEKS, seriesStarts } from '../../domain/series.js';
import { DocumentSealedError, type LiveDocWriter } from '../runtime.js';
import type { NewMeeting, Store, User } from '../store/types.js';
import { createMeeting } from './boards.js';
import { fail, ok, type Result } from './result.js';
import { localInZone } from '../../domain/meeting-details.js';

/**
 * Creating meetings from the board page (issue 12, point 7): one meeting, or a series (every N
 * weeks on the first meeting's weekday, until a date), each a meeting of its own (own page, own
 * calendar entry with its own UID), linked to the others by one series id (its page says which
 * of how many it is). Each gets the board template's standing items on its agenda and its length
 * (the calendar entry's end).
 */
export interface SeriesInput {
	/** 'on' when the series box is ticked (a checkbox posts nothing otherwise). */
	repeat: string;
	everyWeeks: string;
	/** 'YYYY-MM-DD' */
	until: string;
}

/** A series runs at most two years ahead (and MAX_SERIES_MEETINGS meetings, domain/series.ts). */
const MAX_SERIES_DAYS = 731;

export async function createMeetings(
	deps: { store: Store; live: LiveDocWriter },
	user: User,
	boardId: string,
	raw: unknown,
	series: SeriesInput,
	timeZone: string,
	now = new Date()
): Promise<Result<{ meetings: NewMeeting[] }>> {
	const repeat = series.repeat === 'on';
	const weeks = /^\d{1,2}$/.test(series.everyWeeks.trim()) ? Number(series.everyWeeks.trim()) : NaN;
	const until = series.until.trim();
	if (repeat) {
		const errors: Record<string, 'error_series_weeks' | 'error_series_until'> = {};
		if (!(weeks >= 1 && weeks <= MAX_SERIES_WEEKS)) errors.everyWeeks = 'error_series_weeks';
		// The first meeting's day as typed (the form's wall clock): the until day may not come before it.
		const typed = (raw as { startsAt?: unknown } | null)?.startsAt;
		const firstDay = typeof typed === 'string' ? typed.trim().slice(0, 10) : '';
		if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || Number.isNaN(Date.parse(`${until}T00:00:00Z`)) || until < firstDay) errors.until = 'error_series_until';
		if (Object.keys(errors).length) return fail(errors, { max: MAX_SERIES_WEEKS });
	}
	const template = await deps.store.templates.get(boardId);
	// The series id is given before the number of dates is known: a series that turns out to be one
	// meeting keeps it, and is shown as no series (domain/series.ts, seriesPlaces).
	const first = await createMeeting(deps.store, user, boardId, raw, now, { lengthMinutes: template?.lengthMinutes ?? null, seriesId: repeat ? newId() : null });
	if (!first.ok) return first;
	const meetings = [first.value];
	if (repeat) {
		const firstDay = localInZone(first.value.startsAt, timeZone).slice(0, 10);
		const lastDay = new Date(Date.parse(`${firstDay}T00:00:00Z`) + MAX_SERIES_DAYS * 86_400_000).toISOString().slice(0, 10);
		const starts = seriesStarts(first.value.startsAt, { everyWeeks: weeks, until: until > lastDay ? lastDay : until, timeZone });
		for (const startsAt of starts.slice(1)) {
			const meeting: NewMeeting = { ...first.value, id: newId(), startsAt };
			await deps.store.meetings.create(meeting);
			meetings.push(meeting);
		}
	}
	if (template && template.standingItems.length) {
		const author = { userId: user.id, agencyId: user.agencyId };
		for (const meeting of meetings) {
			try {
				await deps.live.changeDoc(docName({ kind: 'meeting', meetingId: meeting.id }), author, (doc) => applyTemplate(doc, template));
			} catch (error) {
				// A brand-new meeting cannot be adjusted; anything else is unexpected.
				if (!(error instanceof DocumentSealedError)) throw error;
			}
		}
	}
	return ok({ meetings });
}
