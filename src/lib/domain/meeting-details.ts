import type { LifecycleStatus } from './meeting-lifecycle.js';
import { wallClockParts } from './time-zone.js';

/**
 * Changing a meeting's details after it was created (issue 10, point 1): which fields changed,
 * when the details may no longer change, and the wall-clock time a form shows for the start.
 */

/** The details as the create form names them, in the order a change lists them. */
export const DETAIL_FIELDS = ['title', 'startsAt', 'place', 'accessibilityNotes', 'onlineUrl'] as const;
export type DetailField = (typeof DETAIL_FIELDS)[number];

export interface Details {
	title: string;
	startsAt: Date;
	place: string;
	accessibilityNotes: string;
	onlineUrl: string;
}

/** Why a change of details is refused (message keys, domain/error-keys.ts). */
export const MEETING_DETAILS_REFUSALS = ['error_details_adjusted', 'error_details_cancelled', 'error_details_changed_meanwhile'] as const;
export type MeetingDetailsRefusal = (typeof MEETING_DETAILS_REFUSALS)[number];

/**
 * Null when the details may change in this status. An adjusted meeting's protocol is sealed with
 * them; a cancelled meeting is reinstated first (so its calendar entry comes back, then changes).
 */
export function detailsRefusal(status: LifecycleStatus): MeetingDetailsRefusal | null {
	if (status === 'adjusted') return 'error_details_adjusted';
	if (status === 'cancelled') return 'error_details_cancelled';
	return null;
}

/** The fields that differ, in DETAIL_FIELDS order (instants compared to the millisecond). */
export function changedDetails(before: Details, after: Details): DetailField[] {
	return DETAIL_FIELDS.filter((field) =>
		field === 'startsAt' ? before.startsAt.getTime() !== after.startsAt.getTime() : before[field] !== after[field]
	);
}

/**
 * "YYYY-MM-DDTHH:mm" for a datetime-local input: the instant on the wall clock of `timeZone`
 * (an IANA name; the fallback when Intl does not know it).
 */
export function localInZone(instant: Date, timeZone: string, fallback = 'Europe/Stockholm'): string {
	let parts: Intl.DateTimeFormatPart[];
	try {
		parts = wallClockParts(instant, timeZone);
	} catch {
		parts = wallClockParts(instant, fallback);
	}
	const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
	return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}
