import * as asks from '../services/asks.js';
import type { Ask } from '../../domain/board-voices-doc.js';
import type { ErrorKey } from '../../domain/error-keys.js';
import { boardAccess } from './access.js';
import type { ApiDeps } from './deps.js';
import { pageOf } from './paging.js';
import { ApiProblem, notFound } from './problem.js';

/** Asks through the API (issue 15): the board page's own service (services/asks.ts) reads and proposes. */
const askOut = (boardId: string, ask: Ask) => ({
	id: ask.id,
	boardId,
	kind: ask.kind,
	text: ask.text,
	meetingId: ask.meetingId,
	toAgencyId: ask.toAgencyId,
	createdAt: new Date(ask.createdAt).toISOString(),
	authorName: ask.authorName,
	agencyName: ask.agencyName,
	withdrawn: ask.withdrawnAt !== null,
	answer: ask.answer ? { outcome: ask.answer.outcome, meetingId: ask.answer.meetingId, actionId: ask.answer.actionId, reason: ask.answer.reason } : null
});

async function all(deps: ApiDeps, boardId: string) {
	const access = await boardAccess(deps.store, deps.caller, boardId);
	deps.concerns(access.board.id);
	const page = await asks.asksPage({ store: deps.store, live: deps.live }, access);
	return { access, list: page.asks.map((ask) => askOut(access.board.id, ask)) };
}

export async function listAsks(deps: ApiDeps, boardId: string, query: { limit: number; cursor?: number }, url: URL) {
	return pageOf((await all(deps, boardId)).list, query, url);
}

/** A member asks in their own name (a personal token only: a board token is no one to ask as). */
export async function createAsk(deps: ApiDeps, boardId: string, body: { kind: string; text: string; meetingId?: string | null; toAgencyId?: string | null }) {
	const access = await boardAccess(deps.store, deps.caller, boardId);
	deps.concerns(access.board.id);
	const made = await asks.propose({ store: deps.store, live: deps.live }, access, { kind: body.kind, text: body.text, meetingId: body.meetingId ?? '', toAgencyId: body.toAgencyId ?? '' });
	if (!made.ok) throw new ApiProblem('invalid-request', made.errors as Record<string, ErrorKey>, made.params ?? {});
	const ask = (await all(deps, boardId)).list.find((a) => a.id === made.value.id);
	if (!ask) throw notFound();
	return ask;
}
