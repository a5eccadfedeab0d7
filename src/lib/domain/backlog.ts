import { CONTROL_CHARS_ERROR, hasControlChars } from './control-chars.js';

/**
 * The board's backlog, "to take up later" (issue 12, point 6): what a person may write straight
 * onto it, and how the board page reads it. The rows are the store's (store/types.ts
 * `BacklogItem`); carrying a postponed § there is services/carry-over.ts.
 */

/** As the table's check (migration meetings_follow_on). */
export const BACKLOG_TITLE_MAX = 160;
/** Written by hand, a few lines; a § put aside keeps its minutes' text (up to the table's 20 000). */
export const BACKLOG_DESCRIPTION_MAX = 2000;

/** What adding and removing can answer with (message keys in the `followon` area). */
export const BACKLOG_REFUSALS = ['error_backlog_title_required', 'error_backlog_title_too_long', 'error_backlog_description_too_long', 'error_backlog_gone'] as const;
type BacklogRefusal = (typeof BACKLOG_REFUSALS)[number] | typeof CONTROL_CHARS_ERROR;

/** The entry as it will be stored (trimmed), or the errors by field. */
export function checkBacklogEntry(input: { title: string; description: string }): { ok: true; title: string; description: string } | { ok: false; errors: Record<string, BacklogRefusal> } {
	const title = input.title.trim();
	const description = input.description.trim();
	const errors: Record<string, BacklogRefusal> = {};
	if (!title) errors.title = 'error_backlog_title_required';
	else if (title.length > BACKLOG_TITLE_MAX) errors.title = 'error_backlog_title_too_long';
	else if (hasControlChars(title)) errors.title = CONTROL_CHARS_ERROR;
	if (description.length > BACKLOG_DESCRIPTION_MAX) errors.description = 'error_backlog_description_too_long';
	else if (hasControlChars(description, true)) errors.description = CONTROL_CHARS_ERROR;
	return Object.keys(errors).length ? { ok: false, errors } : { ok: true, title, description };
}

export interface BacklogRow {
	id: string;
	title: string;
	description: string;
	sourceMeetingId: string | null;
	sourceItemId: string | null;
	createdAt: Date;
	scheduledAt: Date | null;
	removedAt: Date | null;
}

/** Where an entry came from: a § of a meeting, a meeting no longer kept, or written straight onto the list. */
export type BacklogOrigin = { kind: 'meeting'; meetingId: string; meetingTitle: string; startsAt: Date; itemId: string | null } | { kind: 'meeting-gone' } | { kind: 'direct' };

export interface BacklogEntry {
	id: string;
	title: string;
	description: string;
	since: Date;
	origin: BacklogOrigin;
}

/** The entries still waiting (neither scheduled nor removed), oldest first, each with its origin. */
export function waitingBacklog(rows: BacklogRow[], meetings: Array<{ id: string; title: string; startsAt: Date }>): BacklogEntry[] {
	const byId = new Map(meetings.map((m) => [m.id, m]));
	const originOf = (row: BacklogRow): BacklogOrigin => {
		const meeting = row.sourceMeetingId ? byId.get(row.sourceMeetingId) : undefined;
		if (meeting) return { kind: 'meeting', meetingId: meeting.id, meetingTitle: meeting.title, startsAt: meeting.startsAt, itemId: row.sourceItemId };
		// The meeting link goes when retention removes the meeting; the § id stays behind.
		return row.sourceMeetingId || row.sourceItemId ? { kind: 'meeting-gone' } : { kind: 'direct' };
	};
	return rows
		.filter((row) => !row.scheduledAt && !row.removedAt)
		.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
		.map((row) => ({ id: row.id, title: row.title, description: row.description, since: row.createdAt, origin: originOf(row) }));
}
