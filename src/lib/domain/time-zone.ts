/**
 * The browser reports its IANA time zone in this cookie (+layout.svelte) so that server-rendered
 * dates, and forms posted without JavaScript, use the zone the person sees.
 */
export const TIME_ZONE_COOKIE = 'samtavla_tz';

/** The zone when the browser never reported one (first visit, no JavaScript). */
export const FALLBACK_TIME_ZONE = 'Europe/Stockholm';

/** `value` when Intl knows it as a time zone, else the fallback: a cookie is the client's claim. */
export function validTimeZone(value: string | undefined | null): string {
	if (!value) return FALLBACK_TIME_ZONE;
	try {
		new Intl.DateTimeFormat('sv-SE', { timeZone: value });
		return value;
	} catch {
		return FALLBACK_TIME_ZONE;
	}
}

/** An instant's wall-clock parts (year … minute, 24-hour) in `timeZone`; throws on an unknown zone. */
export function wallClockParts(instant: Date, timeZone: string): Intl.DateTimeFormatPart[] {
	return new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit'
	}).formatToParts(instant);
}
