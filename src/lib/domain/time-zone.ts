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
