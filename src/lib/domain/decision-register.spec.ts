import { describe, expect, it } from 'vitest';
import {
	decisionRegisterHref,
	decisionsToReview,
	filterDecisions,
	isFiltered,
	parseDecisionQuery,
	reviewMeetingOf,
	reviewPassed,
	sortDecisions,
	type RegisterDecision
} from './decision-register';

const row = (over: Partial<RegisterDecision>): RegisterDecision => ({
	boardId: 'b1',
	boardName: 'Ledningsgruppen',
	meetingId: 'm1',
	meetingTitle: 'Möte i november',
	meetingStartsAt: '2026-11-20T12:00:00.000Z',
	meetingDay: '2026-11-20',
	itemId: 'i1',
	itemNumber: 1,
	itemTitle: 'Bostad först',
	decisionId: 'd1',
	number: 1,
	text: 'Gruppen ställer sig bakom försöket.',
	kind: null,
	reviewDate: null,
	reservations: [],
	...over
});

const ROWS = [
	row({ decisionId: 'd1', number: 1, kind: 'consensus' }),
	row({ decisionId: 'd2', number: 2, kind: 'majority', reviewDate: '2027-03-31', reservations: [{ authorName: 'Maria', agencyName: 'BF', text: 'Vi tvekar' }] }),
	row({ decisionId: 'd3', meetingId: 'm2', meetingTitle: 'Möte i december', meetingStartsAt: '2026-12-18T12:00:00.000Z', meetingDay: '2026-12-18', itemTitle: 'Åsbyhems lokaler', number: 1, reviewDate: '2026-12-01', boardId: 'b2' })
];
const ids = (rows: RegisterDecision[]) => rows.map((r) => r.decisionId);
const query = (search: string) => parseDecisionQuery(new URLSearchParams(search));

describe('parseDecisionQuery', () => {
	it('reads the filters and treats anything unknown as "any"', () => {
		expect(query('kind=majority&reservations=with&review=passed&meeting=m1&q=+bostad+')).toEqual({ q: 'bostad', kind: 'majority', reservations: 'with', review: 'passed', meeting: 'm1', board: '' });
		expect(query('kind=coin&reservations=maybe&review=soon&meeting=%00x&board=a/b')).toEqual({ q: '', kind: '', reservations: '', review: '', meeting: '', board: '' });
		expect(query('q=' + 'x'.repeat(500)).q.length).toBe(200);
		expect(isFiltered(query(''))).toBe(false);
		expect(isFiltered(query('review=none'))).toBe(true);
	});
});

describe('filterDecisions', () => {
	const today = '2026-12-10';
	it('by kind, including "none"', () => {
		expect(ids(filterDecisions(ROWS, query('kind=majority'), today))).toEqual(['d2']);
		expect(ids(filterDecisions(ROWS, query('kind=none'), today))).toEqual(['d3']);
	});
	it('by reservations', () => {
		expect(ids(filterDecisions(ROWS, query('reservations=with'), today))).toEqual(['d2']);
		expect(ids(filterDecisions(ROWS, query('reservations=without'), today))).toEqual(['d1', 'd3']);
	});
	it('by review date: has one, still to come, passed, none', () => {
		expect(ids(filterDecisions(ROWS, query('review=dated'), today))).toEqual(['d2', 'd3']);
		expect(ids(filterDecisions(ROWS, query('review=upcoming'), today))).toEqual(['d2']);
		expect(ids(filterDecisions(ROWS, query('review=passed'), today))).toEqual(['d3']);
		expect(ids(filterDecisions(ROWS, query('review=none'), today))).toEqual(['d1']);
		expect(reviewPassed(ROWS[2], today)).toBe(true);
		expect(reviewPassed(ROWS[1], today)).toBe(false);
	});
	it('by meeting and board', () => {
		expect(ids(filterDecisions(ROWS, query('meeting=m2'), today))).toEqual(['d3']);
		expect(ids(filterDecisions(ROWS, query('board=b1'), today))).toEqual(['d1', 'd2']);
	});
	it('by free text in decision texts, titles and reservations, every word, ignoring case and accents', () => {
		expect(ids(filterDecisions(ROWS, query('q=asbyhems'), today))).toEqual(['d3']);
		expect(ids(filterDecisions(ROWS, query('q=FÖRSÖKET bostad'), today))).toEqual(['d1', 'd2']);
		expect(ids(filterDecisions(ROWS, query('q=tvekar'), today))).toEqual(['d2']);
		expect(ids(filterDecisions(ROWS, query('q=försöket+januari'), today))).toEqual([]);
	});
});

describe('sortDecisions', () => {
	it('puts the latest meeting first and keeps decision order within a meeting', () => {
		expect(ids(sortDecisions([ROWS[1], ROWS[0], ROWS[2]]))).toEqual(['d3', 'd1', 'd2']);
	});
});

describe('review at the first meeting after the review date', () => {
	const meetings = [
		{ id: 'jan', day: '2027-01-15', startsAt: '2027-01-15T12:00:00Z' },
		{ id: 'mar31', day: '2027-03-31', startsAt: '2027-03-31T12:00:00Z' },
		{ id: 'apr', day: '2027-04-20', startsAt: '2027-04-20T12:00:00Z' },
		{ id: 'jun', day: '2027-06-01', startsAt: '2027-06-01T12:00:00Z' }
	];
	it('is the first meeting on a later day (not one on the date itself)', () => {
		expect(reviewMeetingOf('2027-03-31', meetings)).toBe('apr');
		expect(reviewMeetingOf('2027-03-30', meetings)).toBe('mar31');
		expect(reviewMeetingOf('2027-07-01', meetings)).toBeNull();
	});
	it('lists what comes up at a meeting, and nothing elsewhere', () => {
		const rows = [row({ decisionId: 'pilot', reviewDate: '2027-03-31' }), row({ decisionId: 'other', reviewDate: '2027-05-01' }), row({ decisionId: 'none' })];
		expect(ids(decisionsToReview('apr', rows, meetings))).toEqual(['pilot']);
		expect(ids(decisionsToReview('jun', rows, meetings))).toEqual(['other']);
		expect(decisionsToReview('jan', rows, meetings)).toEqual([]);
	});
});

describe('decisionRegisterHref', () => {
	it('keeps only the filters that are set', () => {
		expect(decisionRegisterHref('/decisions', { q: '', kind: 'majority', review: '' })).toBe('/decisions?kind=majority');
		expect(decisionRegisterHref('/decisions', {})).toBe('/decisions');
	});
});
