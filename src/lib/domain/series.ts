import { wallClockParts } from './time-zone.js';

/**
 * A meeting series (issue 12, point 7): every N weeks on the weekday of the first meeting, until a
 * date. Each date is computed on the wall clock of the board's time zone, so a series begun at
 * 09:30 stays at 09:30 when daylight saving begins or ends in between (a fixed step of 7 × 24 hours
 * would drift an hour).
 */

/** At most this many meetings in one series (a year of weekly meetings). */
export const MAX_SERIES_MEETINGS = 52;
export const MAX_SERIES_WEEKS = 12;

export interface SeriesRule {
	/** Weeks between meetings (1 … MAX_SERIES_WEEKS). */
	everyWeeks: number;
	/** The last day a meeting may fall on, 'YYYY-MM-DD' on the zone's calendar (inclusive). */
	until: string;
	/** IANA zone the times are meant in. */
	timeZone: string;
}

/** 'YYYY-MM-DDTHH:mm' of an instant on the zone's wall clock. */
function wallClock(instant: Date, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number } {
	const parts = wallClockParts(instant, timeZone);
	const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
	return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour'), mi: get('minute') };
}

/** Minutes east of UTC the zone observes at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
	const w = wallClock(new Date(instant), timeZone);
	return Math.round((Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi) - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/**
 * The instant the zone's wall clock shows y-mo-d h:mi. Two passes settle the offset on either side
 * of a change; a time skipped in spring (02:30 on the last Sunday of March) lands an hour later.
 */
export function zonedInstant(y: number, mo: number, d: number, h: number, mi: number, timeZone: string): Date {
	const wallAsUtc = Date.UTC(y, mo - 1, d, h, mi);
	const first = offsetAt(wallAsUtc, timeZone);
	const second = offsetAt(wallAsUtc - first * 60_000, timeZone);
	return new Date(wallAsUtc - second * 60_000);
}

/**
 * The starts of the series' meetings, the first one included, at most MAX_SERIES_MEETINGS. Empty
 * when the rule is not usable (weeks out of range, an until that is no date); just the first when
 * the until day is before the second date.
 */
export function seriesStarts(first: Date, rule: SeriesRule): Date[] {
	const until = /^(\d{4})-(\d{2})-(\d{2})$/.exec(rule.until);
	if (!until || !Number.isInteger(rule.everyWeeks) || rule.everyWeeks < 1 || rule.everyWeeks > MAX_SERIES_WEEKS) return [];
	const lastDay = Date.UTC(Number(until[1]), Number(until[2]) - 1, Number(until[3]));
	const start = wallClock(first, rule.timeZone);
	const starts = [first];
	for (let n = 1; starts.length < MAX_SERIES_MEETINGS; n++) {
		// Calendar arithmetic on the date alone (UTC has no daylight saving), then the wall clock.
		const day = new Date(Date.UTC(start.y, start.mo - 1, start.d + n * 7 * rule.everyWeeks));
		if (day.getTime() > lastDay) break;
		starts.push(zonedInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), start.h, start.mi, rule.timeZone));
	}
	return starts;
}

/** Where a meeting stands in its series: "Möte 2 av 6 i serien", and its neighbours' ids. */
export interface SeriesPlace {
	seriesId: string;
	/** 1-based, in time order. */
	number: number;
	total: number;
	previousId: string | null;
	nextId: string | null;
}

/**
 * Each series meeting's place in its series, by meeting id. The order is the meetings' starts now
 * (a meeting moved to another day moves in the series too), ties by id; every meeting of the
 * series counts, a cancelled one included (it keeps its page). A "series" of one meeting (the
 * until day came before the second date) is no series and gets no place.
 */
export function seriesPlaces(meetings: ReadonlyArray<{ id: string; startsAt: Date; seriesId?: string | null }>): Map<string, SeriesPlace> {
	const groups = new Map<string, Array<{ id: string; startsAt: Date }>>();
	for (const m of meetings) if (m.seriesId) groups.set(m.seriesId, [...(groups.get(m.seriesId) ?? []), m]);
	const places = new Map<string, SeriesPlace>();
	for (const [seriesId, group] of groups) {
		if (group.length < 2) continue;
		group.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
		group.forEach((m, i) =>
			places.set(m.id, { seriesId, number: i + 1, total: group.length, previousId: group[i - 1]?.id ?? null, nextId: group[i + 1]?.id ?? null })
		);
	}
	return places;
}
