import type * as Y from 'yjs';
import { PROTOCOL_TIME_ZONES } from '../../domain/board-language.js';
import {
	decisionsToReview,
	filterDecisions,
	parseDecisionQuery,
	sortDecisions,
	type RegisterDecision,
	type RegisterPage
} from '../../domain/decision-register.js';
import { docName } from '../../domain/doc-names.js';
import { listAgenda, listDecisions } from '../../domain/meeting-doc.js';
import { listReservations, reservationsByDecision } from '../../domain/voices-doc.js';
import type { LiveDocs } from '../runtime.js';
export type { RegisterPage } from '../../domain/decision-register.js';
import type { Board, Meeting, Store, User } from '../store/types.js';
import { todayIn } from './action-register.js';

/**
 * The decision register (issue 12, point 8), per board (`/boards/[id]/decisions`) and across the
 * person's boards (`/decisions`), and the decisions due for review at a meeting (its follow-up).
 *
 * Built by reading every meeting and voices document of the boards through `live.readWith` (the
 * live copy where this instance serves it, else as stored), as the protocol is. That is a read
 * per meeting on every request: fine for boards of tens of meetings. When boards grow large, a
 * SQL projection of decisions (like the action register's, kept by the collab server) can replace
 * `boardDecisions` without changing the pages, which only see `RegisterDecision` rows.
 */
type Reader = Pick<LiveDocs, 'readWith'>;
type RegisterStore = { meetings: Pick<Store['meetings'], 'listForBoard'>; boards: Pick<Store['boards'], 'listForUser'> };

/** A meeting's calendar day in the board's time zone. */
const dayOf = (board: Board, meeting: Meeting) => todayIn(PROTOCOL_TIME_ZONES[board.language] ?? 'Europe/Stockholm', meeting.startsAt);

/** Every decision of one meeting, with its § and reservations, read from its two documents. */
export function meetingDecisions(board: Board, meeting: Meeting, meetingDoc: Y.Doc, voicesDoc: Y.Doc): RegisterDecision[] {
	const items = new Map(listAgenda(meetingDoc).map((item) => [item.id, item]));
	const reservations = reservationsByDecision(listReservations(voicesDoc));
	return listDecisions(meetingDoc).map((d) => ({
		boardId: board.id,
		boardName: board.name,
		meetingId: meeting.id,
		meetingTitle: meeting.title,
		meetingStartsAt: meeting.startsAt.toISOString(),
		meetingDay: dayOf(board, meeting),
		itemId: d.itemId,
		itemNumber: d.itemNumber,
		itemTitle: items.get(d.itemId)?.title ?? '',
		decisionId: d.id,
		number: d.number,
		text: d.text,
		kind: d.kind,
		reviewDate: d.reviewDate,
		// Only those made against this decision under its own § (an id some client copied elsewhere is not).
		reservations: (reservations.get(d.id) ?? [])
			.filter((r) => r.itemId === d.itemId)
			.map(({ authorName, agencyName, text }) => ({ authorName, agencyName, text }))
	}));
}

async function boardDecisions(store: RegisterStore, live: Reader, board: Board, meetings?: Meeting[]): Promise<{ meetings: Meeting[]; rows: RegisterDecision[] }> {
	const list = (meetings ?? (await store.meetings.listForBoard(board.id))).filter((m) => m.status !== 'cancelled');
	const perMeeting = await Promise.all(
		list.map(async (meeting) => {
			const names = [docName({ kind: 'meeting', meetingId: meeting.id }), docName({ kind: 'voices', meetingId: meeting.id })];
			return live.readWith(names, ([meetingDoc, voicesDoc]) => meetingDecisions(board, meeting, meetingDoc, voicesDoc));
		})
	);
	return { meetings: list, rows: perMeeting.flat() };
}


const meetingChoices = (pairs: Array<{ board: Board; meeting: Meeting }>) =>
	pairs
		.map(({ board, meeting }) => ({ id: meeting.id, title: meeting.title, startsAt: meeting.startsAt, boardName: board.name }))
		.sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime());

/** One board's register; the caller has checked membership (requireBoardMember). */
export async function boardPage(store: RegisterStore, live: Reader, board: Board, params: URLSearchParams, timeZone: string, now = new Date()): Promise<RegisterPage> {
	const query = { ...parseDecisionQuery(params), board: '' };
	const today = todayIn(timeZone, now);
	const { meetings, rows } = await boardDecisions(store, live, board);
	return {
		query,
		today,
		rows: sortDecisions(filterDecisions(rows, query, today)),
		total: rows.length,
		meetings: meetingChoices(meetings.map((meeting) => ({ board, meeting }))),
		boards: []
	};
}

/** Every board the person is a member of, and nothing else. */
export async function userPage(store: RegisterStore, live: Reader, user: Pick<User, 'id'>, params: URLSearchParams, timeZone: string, now = new Date()): Promise<RegisterPage> {
	const query = parseDecisionQuery(params);
	const today = todayIn(timeZone, now);
	const boards = await store.boards.listForUser(user.id);
	const read = await Promise.all(boards.map(async (board) => ({ board, ...(await boardDecisions(store, live, board)) })));
	const rows = read.flatMap((r) => r.rows);
	return {
		query,
		today,
		rows: sortDecisions(filterDecisions(rows, query, today)),
		total: rows.length,
		meetings: meetingChoices(read.flatMap(({ board, meetings }) => meetings.map((meeting) => ({ board, meeting })))),
		boards: boards.map((b) => ({ id: b.id, name: b.name })).sort((a, b) => a.name.localeCompare(b.name, 'sv'))
	};
}

/**
 * The decisions of the board's other meetings whose review date makes them come up at `meeting`
 * (the first meeting after the date), for its follow-up. The caller has checked membership.
 */
export async function reviewsAt(store: RegisterStore, live: Reader, board: Board, meeting: Meeting): Promise<RegisterDecision[]> {
	const { meetings, rows } = await boardDecisions(store, live, board);
	const held = meetings.map((m) => ({ id: m.id, startsAt: m.startsAt.toISOString(), day: dayOf(board, m) }));
	return decisionsToReview(meeting.id, rows, held);
}
