import { createAction as addAction, isOverdue, listActions as actionsIn, setActionOutcome, setActionStatus, type Action, type ActionStatus } from '../../domain/board-doc.js';
import { validateActionForm } from '../../domain/action-form.js';
import { docName } from '../../domain/doc-names.js';
import { docAccess } from '../../domain/permissions.js';
import { PROTOCOL_TIME_ZONES } from '../../domain/board-language.js';
import type { RegisterStatus, RegisterWho } from '../../domain/register-query.js';
import { loadRegister, todayIn, type RegisterRow } from '../services/action-register.js';
import { boardPeople } from '../services/people.js';
import type { ErrorKey } from '../../domain/error-keys.js';
import { boardAccess, type ApiBoardAccess } from './access.js';
import type { ApiDeps } from './deps.js';
import { pageOf } from './paging.js';
import { ApiProblem, forbidden, notFound } from './problem.js';

/**
 * Actions through the API (issue 15): the register as /actions reads it (services/action-register),
 * and writes into the board's document as the board page's form does, with the form's own check
 * (domain/action-form) and the same rule on who writes it (owners and editors: `docAccess`).
 */
type ActionsQuery = { limit: number; cursor?: number; who: RegisterWho; status: RegisterStatus; overdue: '0' | '1'; board?: string };

const rowOut = (row: RegisterRow) => ({
	id: row.id,
	boardId: row.boardId,
	boardName: row.boardName,
	title: row.title,
	agency: { id: row.agency.id, name: row.agency.name },
	raisedByAgencyName: row.raisedByAgencyName,
	assigneeName: row.assigneeName,
	dueDate: row.dueDate,
	status: row.status,
	overdue: row.overdue,
	createdAt: row.created.at.toISOString(),
	lastChange: row.lastChange ? { by: row.lastChange.by, at: row.lastChange.at.toISOString() } : null,
	outcome: row.outcome
});

/** The register across the caller's boards (a board token: its one), or one board's (`boardId`). */
export async function listActions(deps: ApiDeps, query: ActionsQuery, url: URL, boardId?: string) {
	const only = boardId ?? query.board ?? deps.caller.token.boardId ?? undefined;
	if (only) deps.concerns((await boardAccess(deps.store, deps.caller, only)).board.id);
	const today = todayIn('Europe/Stockholm');
	const rows = await loadRegister(deps.store, deps.caller.user, { who: query.who, status: query.status, overdue: query.overdue === '1' }, today);
	return pageOf((only ? rows.filter((r) => r.boardId === only) : rows).map(rowOut), query, url);
}

/** One action as the API shows it, read straight from the board's document (the register's projection may lag). */
async function actionOut(deps: ApiDeps, access: ApiBoardAccess, action: Action) {
	const { people, agencies } = await boardPeople(deps.store, access.board.id);
	const agencyName = async (id: string) => agencies.find((a) => a.id === id)?.name ?? (await deps.store.agencies.get(id))?.name ?? null;
	const personName = (id: string | null) => (id ? (people.find((p) => p.id === id)?.name ?? null) : null);
	const last = action.history.length > 1 ? action.history[action.history.length - 1] : null;
	const today = todayIn(PROTOCOL_TIME_ZONES[access.board.language]);
	return {
		id: action.id,
		boardId: access.board.id,
		boardName: access.board.name,
		title: action.title,
		agency: { id: action.agencyId, name: await agencyName(action.agencyId) },
		raisedByAgencyName: await agencyName(action.raisedByAgencyId),
		assigneeName: personName(action.assigneeId),
		dueDate: action.dueDate,
		status: action.status,
		overdue: isOverdue(action, today),
		createdAt: new Date(action.createdAt).toISOString(),
		lastChange: last ? { by: personName(last.by), at: new Date(last.at).toISOString() } : null,
		outcome: action.outcome
	};
}

async function writableBoard(deps: ApiDeps, boardId: string): Promise<ApiBoardAccess> {
	const access = await boardAccess(deps.store, deps.caller, boardId);
	deps.concerns(access.board.id);
	if (docAccess(access.role, 'board') !== 'write') throw forbidden();
	return access;
}

const author = (deps: ApiDeps) => ({ userId: deps.caller.user.id, agencyId: deps.caller.user.agencyId });
const boardDoc = (boardId: string) => docName({ kind: 'board', boardId });

export async function createAction(
	deps: ApiDeps,
	boardId: string,
	body: { title: string; description: string; agencyId: string; assigneeId?: string | null; dueDate?: string | null; raisedByAgencyId?: string | null; meetingId?: string | null }
) {
	const access = await writableBoard(deps, boardId);
	const { people, agencies } = await boardPeople(deps.store, access.board.id);
	const checked = validateActionForm(
		{ title: body.title, description: body.description, agencyId: body.agencyId, assigneeId: body.assigneeId ?? '', dueDate: body.dueDate ?? '', raisedByAgencyId: body.raisedByAgencyId ?? '' },
		{ agencyIds: agencies.map((a) => a.id), userIds: people.map((p) => p.id) }
	);
	if (!checked.ok) throw new ApiProblem('invalid-request', checked.errors as Record<string, ErrorKey>, checked.params);
	if (body.meetingId) {
		const meeting = await deps.store.meetings.get(body.meetingId);
		if (!meeting || meeting.boardId !== access.board.id) throw new ApiProblem('invalid-request', { meetingId: 'error_invalid' });
	}
	const { title, description, agencyId, assigneeId, dueDate, raisedByAgencyId } = checked.value;
	let id = '';
	await deps.live.changeDoc(boardDoc(access.board.id), author(deps), (doc) => {
		id = addAction(doc, {
			title,
			description,
			agencyId,
			assigneeId,
			dueDate,
			raisedByAgencyId: raisedByAgencyId ?? deps.caller.user.agencyId,
			createdBy: deps.caller.user.id,
			meetingId: body.meetingId ?? null
		});
	});
	return actionOut(deps, access, await readAction(deps, access.board.id, id));
}

async function readAction(deps: ApiDeps, boardId: string, actionId: string): Promise<Action> {
	const action = await deps.live.readWith([boardDoc(boardId)], ([doc]) => actionsIn(doc).find((a) => a.id === actionId));
	if (!action) throw notFound();
	return action;
}

export async function changeAction(deps: ApiDeps, boardId: string, actionId: string, body: { status?: ActionStatus; outcome?: string }) {
	const access = await writableBoard(deps, boardId);
	await readAction(deps, access.board.id, actionId);
	if (body.status !== undefined || body.outcome !== undefined) {
		await deps.live.changeDoc(boardDoc(access.board.id), author(deps), (doc) => {
			if (body.status) setActionStatus(doc, actionId, body.status, deps.caller.user.id);
			if (body.outcome !== undefined) setActionOutcome(doc, actionId, body.outcome);
		});
	}
	return actionOut(deps, access, await readAction(deps, access.board.id, actionId));
}
