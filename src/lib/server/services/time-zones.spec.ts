import { describe, expect, it } from 'vitest';
import { localToInstant } from '$lib/domain/schemas';
import { offsetMinutesAt } from './time-zones';

/** The wall-clock time ("YYYY-MM-DDTHH:mm") that `instant` shows in `timeZone`. */
function wallClock(instant: Date, timeZone: string): string {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit'
	}).formatToParts(instant);
	const get = (type: string) => parts.find((p) => p.type === type)!.value;
	return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

describe('offsetMinutesAt', () => {
	it.each([
		['2026-01-15T12:00', 'Europe/Stockholm', 60],
		['2026-07-15T12:00', 'Europe/Stockholm', 120],
		['2026-01-15T12:00', 'Europe/Copenhagen', 60],
		['2026-07-15T12:00', 'Europe/Copenhagen', 120],
		['2026-07-15T12:00', 'UTC', 0],
		['2026-01-15T12:00', 'Europe/London', 0],
		['2026-07-15T12:00', 'Europe/London', 60],
		['2026-01-15T12:00', 'America/New_York', -300],
		['2026-07-15T12:00', 'America/New_York', -240],
		['2026-07-15T12:00', 'Asia/Kolkata', 330],
		['2026-07-15T12:00', 'Asia/Kathmandu', 345],
		['2026-01-15T12:00', 'America/St_Johns', -210],
		['2026-01-15T12:00', 'Australia/Lord_Howe', 660],
		['2026-07-15T12:00', 'Australia/Lord_Howe', 630],
		['2026-01-15T12:00', 'Pacific/Chatham', 825],
		['2026-07-15T12:00', 'Pacific/Kiritimati', 840],
		['2026-07-15T12:00', 'Pacific/Pago_Pago', -660]
	])('%s in %s is %i minutes east of UTC', (local, zone, expected) => {
		expect(offsetMinutesAt(local, zone)).toBe(expected);
	});

	it('handles midnight and the turn of the year (hour 00, never 24)', () => {
		expect(offsetMinutesAt('2026-01-15T00:00', 'Europe/Stockholm')).toBe(60);
		expect(offsetMinutesAt('2026-01-01T00:30', 'Europe/Stockholm')).toBe(60);
		expect(offsetMinutesAt('2025-12-31T23:59', 'America/New_York')).toBe(-300);
		expect(offsetMinutesAt('2026-01-01T00:00', 'Pacific/Kiritimati')).toBe(840);
	});

	it('settles the offset just before a spring-forward change (a single pass would be off by an hour)', () => {
		// Stockholm jumps 02:00 → 03:00 on 2026-03-29 (01:00Z): 01:30 is still winter time.
		expect(offsetMinutesAt('2026-03-29T01:30', 'Europe/Stockholm')).toBe(60);
		expect(offsetMinutesAt('2026-03-29T03:30', 'Europe/Stockholm')).toBe(120);
		// New York jumps 02:00 → 03:00 on 2026-03-08 (07:00Z).
		expect(offsetMinutesAt('2026-03-08T01:30', 'America/New_York')).toBe(-300);
		expect(offsetMinutesAt('2026-03-08T03:30', 'America/New_York')).toBe(-240);
	});

	it('settles the offset just after a fall-back change (a single pass would be off by an hour)', () => {
		// New York falls back 02:00 EDT → 01:00 EST on 2026-11-01 (06:00Z): 02:30 is winter time.
		expect(offsetMinutesAt('2026-11-01T02:30', 'America/New_York')).toBe(-300);
		expect(offsetMinutesAt('2026-11-01T00:30', 'America/New_York')).toBe(-240);
		// Stockholm falls back 03:00 → 02:00 on 2026-10-25 (01:00Z).
		expect(offsetMinutesAt('2026-10-25T03:30', 'Europe/Stockholm')).toBe(60);
		expect(offsetMinutesAt('2026-10-25T01:30', 'Europe/Stockholm')).toBe(120);
	});

	it('an hour that happens twice gets one of its two real offsets', () => {
		expect([60, 120]).toContain(offsetMinutesAt('2026-10-25T02:30', 'Europe/Stockholm'));
		expect([-240, -300]).toContain(offsetMinutesAt('2026-11-01T01:30', 'America/New_York'));
	});

	it('an hour skipped by spring-forward still gets one of the zone’s offsets', () => {
		expect([60, 120]).toContain(offsetMinutesAt('2026-03-29T02:30', 'Europe/Stockholm'));
		expect([-240, -300]).toContain(offsetMinutesAt('2026-03-08T02:30', 'America/New_York'));
	});

	it('the offset turns the wall-clock time back into itself, every half hour around both changes', () => {
		// The offsets each zone uses in a year: a local time no offset turns back into itself was skipped.
		const zones: Record<string, number[]> = {
			'Europe/Stockholm': [60, 120],
			'America/New_York': [-300, -240],
			'Australia/Sydney': [600, 660],
			'Australia/Lord_Howe': [630, 660],
			'Asia/Kolkata': [330]
		};
		const days = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-10-04', '2026-10-25', '2026-11-01'];
		let checked = 0;
		let skipped = 0;
		for (const [zone, offsets] of Object.entries(zones)) {
			for (const day of days) {
				for (let minutes = 0; minutes < 24 * 60; minutes += 30) {
					const local = `${day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
					const offset = offsetMinutesAt(local, zone);
					expect(offset, `${local} ${zone}`).not.toBeNull();
					expect(offsets, `${local} ${zone}`).toContain(offset);
					const exists = offsets.some((o) => wallClock(localToInstant(local, o)!, zone) === local);
					if (!exists) {
						skipped++;
						continue;
					}
					expect(wallClock(localToInstant(local, offset!)!, zone), `${local} in ${zone} with offset ${offset}`).toBe(local);
					checked++;
				}
			}
		}
		// Stockholm, New York, Sydney: two skipped half hours each; Lord Howe: one.
		expect(skipped).toBe(7);
		expect(checked).toBe(5 * days.length * 48 - 7);
	});

	it('returns null for a zone it does not know', () => {
		expect(offsetMinutesAt('2026-01-15T12:00', 'Mars/Olympus_Mons')).toBeNull();
		expect(offsetMinutesAt('2026-01-15T12:00', '')).toBeNull();
		expect(offsetMinutesAt('2026-01-15T12:00', 'not a zone')).toBeNull();
	});

	it('returns null for a time that is not "YYYY-MM-DDTHH:mm"', () => {
		for (const local of ['', 'tomorrow', '2026-01-15', '2026-01-15 12:00', '2026-01-15T12:00:00', '2026-01-15T12:00Z', '15/01/2026 12:00', '2026-1-15T12:00']) {
			expect(offsetMinutesAt(local, 'Europe/Stockholm'), local).toBeNull();
		}
	});
});
