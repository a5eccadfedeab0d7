import * as register from '../services/decision-register.js';
import type { RegisterDecision } from '../../domain/decision-register.js';
import { PROTOCOL_TIME_ZONES } from '../../domain/board-language.js';
import { boardAccess } from './access.js';
import type { ApiDeps } from './deps.js';
import { pageOf } from './paging.js';

/** The decision register through the API (issue 15): /decisions' and /boards/{id}/decisions' own service and filters. */
type DecisionsQuery = { limit: number; cursor?: number; q?: string; kind?: string; reservations?: string; review?: string; meeting?: string; board?: string };

const decisionOut = (d: RegisterDecision) => ({
	boardId: d.boardId,
	meetingId: d.meetingId,
	meetingTitle: d.meetingTitle,
	meetingDay: d.meetingDay,
	itemNumber: d.itemNumber,
	itemTitle: d.itemTitle,
	id: d.decisionId,
	number: d.number,
	text: d.text,
	kind: d.kind,
	reviewDate: d.reviewDate,
	reservations: d.reservations.map(({ authorName, agencyName, text }) => ({ authorName, agencyName, text }))
});

function filters(query: DecisionsQuery): URLSearchParams {
	const params = new URLSearchParams();
	for (const key of ['q', 'kind', 'reservations', 'review', 'meeting', 'board'] as const) if (query[key]) params.set(key, query[key]);
	return params;
}

export async function listDecisions(deps: ApiDeps, query: DecisionsQuery, url: URL, boardId?: string) {
	const only = boardId ?? deps.caller.token.boardId ?? undefined;
	if (only) {
		const { board } = await boardAccess(deps.store, deps.caller, only);
		deps.concerns(board.id);
		const page = await register.boardPage(deps.store, deps.live, board, filters(query), PROTOCOL_TIME_ZONES[board.language]);
		return pageOf(page.rows.map(decisionOut), query, url);
	}
	const page = await register.userPage(deps.store, deps.live, deps.caller.user, filters(query), 'Europe/Stockholm');
	return pageOf(page.rows.map(decisionOut), query, url);
}
