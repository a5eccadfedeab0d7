import { DECISION_KINDS, type DecisionKind } from './meeting-doc.js';

/**
 * The decision register (issue 12, point 8): every decision of a board's meetings, or of all the
 * person's boards, with where it was made, how, its reservations and its review date; narrowed by
 * the filters in the URL (GET forms, so it works without JavaScript). Pure: the server reads the
 * documents (services/decision-register.ts) and hands the rows here.
 */
export interface RegisterReservation {
	/** '' when the author erased their account (shown as a former member of the agency). */
	authorName: string;
	agencyName: string;
	text: string;
}

export interface RegisterDecision {
	boardId: string;
	boardName: string;
	meetingId: string;
	meetingTitle: string;
	/** ISO instant of the meeting's start. */
	meetingStartsAt: string;
	/** The meeting's calendar day (YYYY-MM-DD) in the board's time zone. */
	meetingDay: string;
	itemId: string;
	itemNumber: number;
	itemTitle: string;
	decisionId: string;
	/** Numbered within its meeting. */
	number: number;
	text: string;
	kind: DecisionKind | null;
	reviewDate: string | null;
	reservations: RegisterReservation[];
}

export const KIND_FILTERS = ['', ...DECISION_KINDS, 'none'] as const;
export type KindFilter = (typeof KIND_FILTERS)[number];
export const RESERVATION_FILTERS = ['', 'with', 'without'] as const;
export type ReservationFilter = (typeof RESERVATION_FILTERS)[number];
/** '' any; 'dated' has a review date; 'upcoming' today or later; 'passed' before today; 'none' no date. */
export const REVIEW_FILTERS = ['', 'dated', 'upcoming', 'passed', 'none'] as const;
export type ReviewFilter = (typeof REVIEW_FILTERS)[number];

export interface DecisionQuery {
	q: string;
	kind: KindFilter;
	reservations: ReservationFilter;
	review: ReviewFilter;
	/** A meeting id, or '' for every meeting. */
	meeting: string;
	/** A board id, or '' for every board (the cross-board register). */
	board: string;
}

/** What a register page shows (services/decision-register.ts builds it). */
export interface RegisterPage {
	query: DecisionQuery;
	today: string;
	rows: RegisterDecision[];
	/** How many decisions there are before filtering (to tell "none yet" from "none match"). */
	total: number;
	/** The meetings to filter by, latest first. */
	meetings: Array<{ id: string; title: string; startsAt: Date; boardName: string }>;
	/** The boards to filter by (the cross-board register only). */
	boards: Array<{ id: string; name: string }>;
}

/** The longest search text read from the address; the rest is ignored. */
export const MAX_QUERY_TEXT = 200;

const pick = <T extends string>(values: readonly T[], value: string | null): T => ((values as readonly string[]).includes(value ?? '') ? ((value ?? '') as T) : values[0]);

/** The filters in a URL; anything unknown reads as "any", so a hand-edited address never fails. */
export function parseDecisionQuery(params: URLSearchParams): DecisionQuery {
	const id = (value: string | null) => (value && /^[A-Za-z0-9_-]{1,64}$/.test(value) ? value : '');
	return {
		q: (params.get('q') ?? '').slice(0, MAX_QUERY_TEXT).trim(),
		kind: pick(KIND_FILTERS, params.get('kind')),
		reservations: pick(RESERVATION_FILTERS, params.get('reservations')),
		review: pick(REVIEW_FILTERS, params.get('review')),
		meeting: id(params.get('meeting')),
		board: id(params.get('board'))
	};
}

/** Is any filter set (so the page offers "clear filters")? */
export const isFiltered = (query: DecisionQuery): boolean => Object.values(query).some((value) => value !== '');

/** Case- and accent-insensitive text for search ("Åsby" finds "asby", "Æ" stays distinct from "E"). */
const folded = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('sv');

function matchesText(row: RegisterDecision, q: string): boolean {
	if (!q) return true;
	const haystack = folded([row.text, row.itemTitle, row.meetingTitle, ...row.reservations.map((r) => r.text)].join('\n'));
	return folded(q)
		.split(/\s+/)
		.filter(Boolean)
		.every((word) => haystack.includes(word));
}

/** The rows the query keeps; `today` (YYYY-MM-DD, the reader's) decides what has passed. */
export function filterDecisions(rows: readonly RegisterDecision[], query: DecisionQuery, today: string): RegisterDecision[] {
	return rows.filter((row) => {
		if (query.board && row.boardId !== query.board) return false;
		if (query.meeting && row.meetingId !== query.meeting) return false;
		if (query.kind === 'none' ? row.kind !== null : query.kind && row.kind !== query.kind) return false;
		if (query.reservations === 'with' && row.reservations.length === 0) return false;
		if (query.reservations === 'without' && row.reservations.length > 0) return false;
		switch (query.review) {
			case 'dated':
				if (!row.reviewDate) return false;
				break;
			case 'upcoming':
				if (!row.reviewDate || row.reviewDate < today) return false;
				break;
			case 'passed':
				if (!row.reviewDate || row.reviewDate >= today) return false;
				break;
			case 'none':
				if (row.reviewDate) return false;
				break;
		}
		return matchesText(row, query.q);
	});
}

/** Latest meeting first; within a meeting, by the decision's number. */
export function sortDecisions(rows: readonly RegisterDecision[]): RegisterDecision[] {
	return [...rows].sort(
		(a, b) =>
			b.meetingStartsAt.localeCompare(a.meetingStartsAt) ||
			(a.meetingId < b.meetingId ? -1 : a.meetingId > b.meetingId ? 1 : 0) ||
			a.number - b.number
	);
}

/** A review date that has passed (before `today`). */
export const reviewPassed = (row: Pick<RegisterDecision, 'reviewDate'>, today: string): boolean => row.reviewDate !== null && row.reviewDate < today;

/**
 * The meeting at which a decision with this review date comes up for review: the board's first
 * meeting held after that day ("pilot until 31 March" is reviewed at the first meeting from
 * 1 April). `meetings` are the board's meetings that are held (not cancelled), with their day.
 */
export function reviewMeetingOf(reviewDate: string, meetings: ReadonlyArray<{ id: string; day: string; startsAt: string }>): string | null {
	const after = meetings.filter((m) => m.day > reviewDate).sort((a, b) => a.startsAt.localeCompare(b.startsAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	return after[0]?.id ?? null;
}

/** The decisions (of earlier meetings of the board) that come up for review at `meetingId`. */
export function decisionsToReview(
	meetingId: string,
	rows: readonly RegisterDecision[],
	meetings: ReadonlyArray<{ id: string; day: string; startsAt: string }>
): RegisterDecision[] {
	return rows
		.filter((row) => row.reviewDate !== null && row.meetingId !== meetingId && reviewMeetingOf(row.reviewDate, meetings) === meetingId)
		.sort((a, b) => a.reviewDate!.localeCompare(b.reviewDate!) || a.meetingStartsAt.localeCompare(b.meetingStartsAt) || a.number - b.number);
}

/** The address of a register with this query (only the filters that are set). */
export function decisionRegisterHref(base: string, query: Partial<DecisionQuery>): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
	const search = params.toString();
	return search ? `${base}?${search}` : base;
}
