import { describe, expect, it } from 'vitest';
import { MAX_SERIES_MEETINGS, seriesPlaces, seriesStarts, zonedInstant } from './series';
import { localInZone } from './meeting-details';

const zone = 'Europe/Stockholm';
const local = (dates: Date[]) => dates.map((d) => localInZone(d, zone));

describe('seriesStarts', () => {
	it('keeps 09:30 on the wall clock across the late-March switch to summer time', () => {
		// 2027-03-28 is the last Sunday of March: clocks go from 02:00 to 03:00.
		const first = zonedInstant(2027, 3, 16, 9, 30, zone);
		const starts = seriesStarts(first, { everyWeeks: 1, until: '2027-04-06', timeZone: zone });
		expect(local(starts)).toEqual(['2027-03-16T09:30', '2027-03-23T09:30', '2027-03-30T09:30', '2027-04-06T09:30']);
		expect(starts.map((d) => d.toISOString())).toEqual(['2027-03-16T08:30:00.000Z', '2027-03-23T08:30:00.000Z', '2027-03-30T07:30:00.000Z', '2027-04-06T07:30:00.000Z']);
	});

	it('keeps 09:30 across the late-October switch back to winter time', () => {
		// 2026-10-25 is the last Sunday of October: clocks go from 03:00 back to 02:00.
		const first = zonedInstant(2026, 10, 14, 9, 30, zone);
		const starts = seriesStarts(first, { everyWeeks: 2, until: '2026-11-11', timeZone: zone });
		expect(local(starts)).toEqual(['2026-10-14T09:30', '2026-10-28T09:30', '2026-11-11T09:30']);
		expect(starts.map((d) => d.toISOString())).toEqual(['2026-10-14T07:30:00.000Z', '2026-10-28T08:30:00.000Z', '2026-11-11T08:30:00.000Z']);
	});

	it('stays on the weekday of the first meeting, every N weeks, until the day named (inclusive)', () => {
		const first = zonedInstant(2026, 12, 3, 13, 0, zone); // a Thursday
		const starts = seriesStarts(first, { everyWeeks: 3, until: '2027-01-14', timeZone: zone });
		expect(local(starts)).toEqual(['2026-12-03T13:00', '2026-12-24T13:00', '2027-01-14T13:00']);
		expect(new Set(starts.map((d) => d.getUTCDay()))).toEqual(new Set([4]));
	});

	it('works in another zone (New York switches on other dates)', () => {
		const ny = 'America/New_York';
		const first = zonedInstant(2027, 3, 4, 9, 30, ny);
		const starts = seriesStarts(first, { everyWeeks: 1, until: '2027-03-18', timeZone: ny });
		expect(starts.map((d) => localInZone(d, ny))).toEqual(['2027-03-04T09:30', '2027-03-11T09:30', '2027-03-18T09:30']);
		// 2027-03-14 is New York's switch: that week is an hour shorter, the one before is not.
		expect(starts[1].getTime() - starts[0].getTime()).toBe(7 * 24 * 3600_000);
		expect(starts[2].getTime() - starts[1].getTime()).toBe(7 * 24 * 3600_000 - 3600_000);
	});

	it('makes at most MAX_SERIES_MEETINGS meetings', () => {
		const first = zonedInstant(2027, 1, 4, 10, 0, zone);
		expect(seriesStarts(first, { everyWeeks: 1, until: '2030-01-01', timeZone: zone })).toHaveLength(MAX_SERIES_MEETINGS);
	});

	it('gives only the first when the until day comes before the second, and nothing for an unusable rule', () => {
		const first = zonedInstant(2027, 1, 4, 10, 0, zone);
		expect(seriesStarts(first, { everyWeeks: 1, until: '2027-01-10', timeZone: zone })).toEqual([first]);
		expect(seriesStarts(first, { everyWeeks: 0, until: '2027-02-01', timeZone: zone })).toEqual([]);
		expect(seriesStarts(first, { everyWeeks: 13, until: '2027-02-01', timeZone: zone })).toEqual([]);
		expect(seriesStarts(first, { everyWeeks: 1, until: 'next year', timeZone: zone })).toEqual([]);
	});
});

describe('seriesPlaces', () => {
	const day = (d: number) => new Date(Date.UTC(2027, 2, d, 8, 30));

	it('numbers each series in time order with its neighbours; meetings on their own get no place', () => {
		const places = seriesPlaces([
			{ id: 'c', startsAt: day(30), seriesId: 's1' },
			{ id: 'a', startsAt: day(16), seriesId: 's1' },
			{ id: 'alone', startsAt: day(17), seriesId: null },
			{ id: 'b', startsAt: day(23), seriesId: 's1' },
			{ id: 'x', startsAt: day(18) },
			{ id: 'y', startsAt: day(25), seriesId: 's2' },
			{ id: 'z', startsAt: day(18), seriesId: 's2' }
		]);
		expect(places.get('a')).toEqual({ seriesId: 's1', number: 1, total: 3, previousId: null, nextId: 'b' });
		expect(places.get('b')).toEqual({ seriesId: 's1', number: 2, total: 3, previousId: 'a', nextId: 'c' });
		expect(places.get('c')).toEqual({ seriesId: 's1', number: 3, total: 3, previousId: 'b', nextId: null });
		expect(places.get('z')).toMatchObject({ number: 1, total: 2, nextId: 'y' });
		expect(places.has('alone')).toBe(false);
		expect(places.has('x')).toBe(false);
	});

	it('follows a meeting moved to another day, breaks ties by id, and gives a series of one no place', () => {
		const places = seriesPlaces([
			{ id: 'first', startsAt: day(16), seriesId: 's' },
			// The second meeting moved before the first.
			{ id: 'second', startsAt: day(9), seriesId: 's' },
			{ id: 'q', startsAt: day(16), seriesId: 's' },
			{ id: 'lonely', startsAt: day(16), seriesId: 'one' }
		]);
		expect(['second', 'first', 'q'].map((id) => places.get(id)?.number)).toEqual([1, 2, 3]);
		expect(places.has('lonely')).toBe(false);
	});
});
