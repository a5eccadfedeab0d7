import { describe, expect, it } from 'vitest';
import { changedDetails, detailsRefusal, localInZone } from './meeting-details';
import { LIFECYCLE_STATUSES } from './meeting-lifecycle';

const details = {
	title: 'Möte',
	startsAt: new Date('2026-12-01T12:00:00Z'),
	place: 'Stadshuset',
	accessibilityNotes: '',
	onlineUrl: ''
};

describe('meeting details', () => {
	it('names the changed fields in form order; the same instant is no change', () => {
		expect(changedDetails(details, { ...details, startsAt: new Date('2026-12-01T12:00:00Z') })).toEqual([]);
		expect(changedDetails(details, { ...details, onlineUrl: 'https://x.se', title: 'Nytt', startsAt: new Date('2026-12-01T12:30:00Z') })).toEqual([
			'title',
			'startsAt',
			'onlineUrl'
		]);
	});

	it('may change until the meeting is adjusted or while it is cancelled', () => {
		const refusals = Object.fromEntries(LIFECYCLE_STATUSES.map((status) => [status, detailsRefusal(status)]));
		expect(refusals).toEqual({
			planned: null,
			in_progress: null,
			held: null,
			in_adjustment: null,
			adjusted: 'error_details_adjusted',
			cancelled: 'error_details_cancelled'
		});
	});

	it('shows the start on the wall clock of a zone, across daylight saving', () => {
		expect(localInZone(new Date('2026-12-01T12:00:00Z'), 'Europe/Stockholm')).toBe('2026-12-01T13:00');
		expect(localInZone(new Date('2026-06-01T12:00:00Z'), 'Europe/Stockholm')).toBe('2026-06-01T14:00');
		expect(localInZone(new Date('2026-12-01T23:30:00Z'), 'Europe/Copenhagen')).toBe('2026-12-02T00:30');
		expect(localInZone(new Date('2026-12-01T12:05:00Z'), 'UTC')).toBe('2026-12-01T12:05');
		// A zone Intl does not know (a client's cookie) falls back to Stockholm.
		expect(localInZone(new Date('2026-12-01T12:00:00Z'), 'Mars/Olympus')).toBe('2026-12-01T13:00');
	});
});
