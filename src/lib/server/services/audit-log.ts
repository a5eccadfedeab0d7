import { ACCOUNT_KINDS, AUDIT_KINDS, type AuditKind } from '../../domain/audit-kinds.js';
import type { AuditRecord } from '../../domain/audit-chain.js';
import { auditRange, csvHeader, csvRow, parseAuditQuery, type AuditQuery } from '../../domain/audit-view.js';
import type { AuditFilter, Board, Store, User } from '../store/types.js';
import type { BoardRole } from '../../domain/roles.js';

/**
 * Reading the audit log (issue 11, point 9): a board's owners see the board's entries, everyone
 * sees their own (made by them, or about them: a failed sign-in to their account, their role
 * changed). A page of entries at a time, newest first; the CSV has every matching entry.
 */
export const LOG_PAGE = 50;
/** A download stops here; an operator with more to read has `npm run audit:check`'s database. */
export const CSV_MAX = 100_000;

export interface LogEntryView {
	id: number;
	at: string;
	kind: AuditKind | string;
	actorName: string;
	actorAgency: string;
	/** Who or what it is about, by name when it is a person the page knows. */
	subject: string;
	boardName: string | null;
	meeting: { id: string; title: string } | null;
	details: Array<[string, string]>;
	address: string;
}

export interface LogPage {
	query: AuditQuery;
	entries: LogEntryView[];
	/** The `before` of the next (older) page, or null when this is the last. */
	older: number | null;
}

/** The board's log, for its owners only (null otherwise: the route answers 403). */
export async function boardLog(store: Store, access: { user: User; board: Board; role: BoardRole }, params: URLSearchParams, timeZone: string) {
	if (access.role !== 'owner') return null;
	const query = parseAuditQuery(params);
	const members = await store.boards.members(access.board.id);
	const filter: AuditFilter = { boardId: access.board.id, involving: query.person || undefined, ...common(query, timeZone) };
	const page = await readPage(store, filter, query, new Map(members.map((m) => [m.user.id, m.user.displayName])));
	return {
		board: { id: access.board.id, name: access.board.name },
		people: members.map((m) => ({ id: m.user.id, name: m.user.displayName, agency: m.agency.name })),
		kinds: AUDIT_KINDS.filter((k) => !ACCOUNT_KINDS.includes(k)),
		...page
	};
}

/** The person's own entries, on every board and none. */
export async function myLog(store: Store, user: User, params: URLSearchParams, timeZone: string) {
	const query = { ...parseAuditQuery(params), person: user.id };
	const page = await readPage(store, { involving: user.id, ...common(query, timeZone) }, query, new Map([[user.id, user.displayName]]));
	return { kinds: AUDIT_KINDS, ...page };
}

export function boardCsvFilter(boardId: string, params: URLSearchParams, timeZone: string): AuditFilter {
	const query = parseAuditQuery(params);
	return { boardId, involving: query.person || undefined, ...common({ ...query, before: null }, timeZone) };
}

export function myCsvFilter(user: User, params: URLSearchParams, timeZone: string): AuditFilter {
	return { involving: user.id, ...common({ ...parseAuditQuery(params), before: null }, timeZone) };
}

/** Every entry the filter matches, newest first, as CSV (UTF-8 with a byte order mark, which spreadsheets need to read å, ä, ö). */
export async function csv(store: Store, filter: AuditFilter): Promise<string> {
	const lines = [csvHeader()];
	let before = filter.before;
	for (let read = 0; read < CSV_MAX; ) {
		const page = await store.audit.list({ ...filter, before, limit: 1000 });
		for (const r of page) lines.push(csvRow(r));
		read += page.length;
		if (page.length < 1000) break;
		before = page[page.length - 1].id;
	}
	return '\ufeff' + lines.join('\r\n') + '\r\n';
}

function common(query: AuditQuery, timeZone: string): AuditFilter {
	return { kinds: query.kind ? [query.kind] : undefined, ...auditRange(query, timeZone), before: query.before ?? undefined };
}

async function readPage(store: Store, filter: AuditFilter, query: AuditQuery, names: Map<string, string>): Promise<LogPage> {
	const records = await store.audit.list({ ...filter, limit: LOG_PAGE + 1 });
	const shown = records.slice(0, LOG_PAGE);
	for (const r of shown) if (r.actorId && r.actorName && !names.has(r.actorId)) names.set(r.actorId, r.actorName);
	const [meetings, boards] = await Promise.all([lookup(shown.map((r) => r.meetingId), (id) => store.meetings.get(id)), lookup(shown.map((r) => r.boardId), (id) => store.boards.get(id))]);
	return {
		query,
		entries: shown.map((r) => view(r, names, meetings, boards)),
		older: records.length > LOG_PAGE ? shown[shown.length - 1].id : null
	};
}

async function lookup<T>(ids: Array<string | null>, get: (id: string) => Promise<T | null>): Promise<Map<string, T>> {
	const unique = [...new Set(ids.filter((id): id is string => id !== null))];
	const found = await Promise.all(unique.map(async (id) => [id, await get(id)] as const));
	return new Map(found.filter((f): f is readonly [string, Awaited<T>] => f[1] !== null));
}

function view(r: AuditRecord, names: Map<string, string>, meetings: Map<string, { id: string; title: string }>, boards: Map<string, { name: string }>): LogEntryView {
	const meeting = r.meetingId ? meetings.get(r.meetingId) : undefined;
	return {
		id: r.id,
		at: r.at.toISOString(),
		kind: r.kind,
		actorName: r.actorName,
		actorAgency: r.actorAgency,
		subject: r.subject ? (names.get(r.subject) ?? r.subject) : '',
		boardName: r.boardId ? (boards.get(r.boardId)?.name ?? null) : null,
		meeting: meeting ? { id: meeting.id, title: meeting.title } : null,
		// By key: jsonb keeps its own order (shortest key first), which reads as no order at all.
		details: Object.entries(r.details)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
		address: r.address ?? ''
	};
}

/** The download: personal data, so never cached; named with the day it was taken. */
export function csvResponse(body: string, name: string, now = new Date()): Response {
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name.replace(/[^A-Za-z0-9_-]/g, '_')}-${now.toISOString().slice(0, 10)}.csv"`,
			'cache-control': 'no-store'
		}
	});
}
