import { isAuditKind, type AuditKind } from './audit-kinds.js';
import { isIsoDate } from './iso-date.js';
import { localInZone } from './meeting-details.js';
import type { AuditRecord } from './audit-chain.js';

/**
 * The audit log as people read it (issue 11, point 9): the filter a GET form sends, and the CSV
 * download. Pure, so the page, the CSV and the tests read the query the same way.
 */
export interface AuditQuery {
	/** A person: entries they made or that are about them. '' for everyone. */
	person: string;
	kind: AuditKind | '';
	/** 'YYYY-MM-DD' in the reader's time zone, or ''. Both days are included. */
	from: string;
	to: string;
	/** Older than this entry (the next page); null for the newest. */
	before: number | null;
}

/** What the form sent, with anything not understood left out (a bad value never breaks the page). */
export function parseAuditQuery(params: URLSearchParams): AuditQuery {
	const kind = params.get('kind') ?? '';
	const date = (name: string) => {
		const value = (params.get(name) ?? '').trim();
		return isIsoDate(value) ? value : '';
	};
	const before = Number(params.get('before'));
	const person = (params.get('person') ?? '').trim();
	return {
		person: person.length <= 100 && !/[\u0000-\u001f\u007f]/.test(person) ? person : '',
		kind: isAuditKind(kind) ? kind : '',
		from: date('from'),
		to: date('to'),
		before: Number.isSafeInteger(before) && before > 0 ? before : null
	};
}

/** The instant a local day begins in `timeZone` (the first instant whose wall clock shows that day). */
export function startOfLocalDay(day: string, timeZone: string): Date {
	const [y, m, d] = day.split('-').map(Number);
	const midnightUtc = Date.UTC(y, m - 1, d);
	// The zone's offset is at most ±14 h: step from 14 h before UTC midnight, an hour at a time
	// back down to the first hour showing that day, then to the minute (zones with :30 and :45).
	let at = midnightUtc - 14 * 3_600_000;
	while (localInZone(new Date(at), timeZone).slice(0, 10) < day) at += 3_600_000;
	let low = at - 3_600_000;
	while (at - low > 60_000) {
		const mid = low + Math.floor((at - low) / 120_000) * 60_000;
		if (localInZone(new Date(mid), timeZone).slice(0, 10) < day) low = mid;
		else at = mid;
	}
	return new Date(at);
}

/** The day after 'YYYY-MM-DD'. */
export function nextDay(day: string): string {
	const [y, m, d] = day.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The query as the store's filter (instants from local days). */
export function auditRange(query: AuditQuery, timeZone: string): { from?: Date; to?: Date } {
	return {
		from: query.from ? startOfLocalDay(query.from, timeZone) : undefined,
		to: query.to ? startOfLocalDay(nextDay(query.to), timeZone) : undefined
	};
}

export const CSV_COLUMNS = ['id', 'at', 'actor_id', 'actor_name', 'actor_agency', 'kind', 'board_id', 'meeting_id', 'subject', 'details', 'address', 'prev_hash', 'hash'] as const;

/**
 * One CSV field (RFC 4180: quoted when it holds a comma, quote or line break). A field a
 * spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) gets a leading
 * apostrophe: names are typed by people, and a download must not run what someone typed.
 */
export function csvField(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(r: AuditRecord): string {
	const cells = [String(r.id), r.at.toISOString(), r.actorId ?? '', r.actorName, r.actorAgency, r.kind, r.boardId ?? '', r.meetingId ?? '', r.subject ?? '', JSON.stringify(r.details), r.address ?? '', r.prevHash, r.hash];
	return cells.map(csvField).join(',');
}

export function csvHeader(): string {
	return CSV_COLUMNS.join(',');
}
