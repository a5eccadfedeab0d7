import { FALLBACK_TIME_ZONE, wallClockParts } from '../../domain/time-zone.js';

/**
 * Minutes east of UTC that `timeZone` observes at the wall-clock time `local`
 * ("YYYY-MM-DDTHH:mm"), or null when either is not understood. Used when a form arrives without
 * the browser's own offset (no JavaScript): the zone comes from the browser's last visit.
 */
export function offsetMinutesAt(local: string, timeZone: string): number | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
	if (!match) return null;
	const [y, mo, d, h, mi] = match.slice(1).map(Number);
	const wallAsUtc = Date.UTC(y, mo - 1, d, h, mi);
	try {
		// Two passes settle the offset on either side of a daylight-saving change.
		const first = zoneOffsetAt(wallAsUtc, timeZone);
		return zoneOffsetAt(wallAsUtc - first * 60_000, timeZone);
	} catch {
		return null;
	}
}

function zoneOffsetAt(instant: number, timeZone: string): number {
	const parts = wallClockParts(new Date(instant), timeZone);
	const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
	const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
	return Math.round((wall - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/**
 * The offset a meeting form means (minutes east of UTC, as the form's text). The browser sends its
 * offset for the chosen date; without JavaScript, use its last known zone (the time-zone cookie),
 * or (never hydrated, so never reported) the zone the pages are rendered in.
 */
export function formTimeZoneOffset(sent: string, local: string, reportedZone: string | undefined): string {
	if (/^-?\d{1,4}$/.test(sent)) return sent;
	const zone = reportedZone || FALLBACK_TIME_ZONE;
	return String(offsetMinutesAt(local, zone) ?? offsetMinutesAt(local, FALLBACK_TIME_ZONE) ?? 0);
}
