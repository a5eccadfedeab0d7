import { ACTION_STATUSES, isOverdue, type ActionStatus } from '../../domain/board-doc.js';
import type { ActionFilter, RegisterAction, Store, User } from '../store/types.js';
import { parseRegisterQuery, registerLinks, type RegisterQuery } from '../../domain/register-query.js';

/**
 * The action register (`/actions`): every action of every board a person belongs to, narrowed by
 * the filters in the URL (`domain/register-query`). The rows come from the SQL projection of the
 * board documents (`store.actions.listForUser`).
 */
export { DEFAULT_QUERY, parseRegisterQuery, registerHref, registerLinks, REGISTER_STATUS, REGISTER_WHO } from '../../domain/register-query.js';
export type { RegisterQuery, RegisterStatus, RegisterWho } from '../../domain/register-query.js';

export function toActionFilter(query: RegisterQuery, today: string): ActionFilter {
	const filter: ActionFilter = { today };
	if (query.who === 'mine') filter.mine = true;
	if (query.who === 'agency') filter.myAgency = true;
	if (query.who === 'owed') filter.owedToMyAgency = true;
	if (query.overdue) filter.overdue = true;
	if ((ACTION_STATUSES as readonly string[]).includes(query.status)) filter.status = query.status as ActionStatus;
	return filter;
}

/** Today's date (YYYY-MM-DD) in an IANA time zone: "overdue" is judged by the reader's own calendar. */
export function todayIn(timeZone: string, now = new Date()): string {
	try {
		return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
	} catch {
		return now.toISOString().slice(0, 10);
	}
}

export interface RegisterRow {
	id: string;
	title: string;
	boardId: string;
	boardName: string;
	agency: { id: string; name: string | null; color: string | null };
	raisedByAgencyName: string | null;
	assigneeName: string | null;
	dueDate: string | null;
	status: ActionStatus;
	overdue: boolean;
	/** The last status change after creation, with the changer's name; null while never changed. */
	lastChange: { by: string | null; at: Date } | null;
	created: { by: string | null; at: Date };
	/** What came of it ('' when not told). */
	outcome: string;
	/** How the users say it worked (issue 12, point 3), oldest first. */
	feedback: RowFeedback[];
}

export interface RowFeedback {
	effect: 'worked' | 'partly' | 'not';
	comment: string;
	/** '' for a former member */
	authorName: string;
	agencyName: string;
}

/** The feedback on a board's actions (from `board:<id>:voices`), by action id. */
export type FeedbackReader = (boardId: string) => Promise<Array<RowFeedback & { actionId: string }>>;

type RegisterStore = { actions: Pick<Store['actions'], 'listForUser'>; users: Pick<Store['users'], 'get'> };

export async function loadRegister(
	store: RegisterStore,
	user: Pick<User, 'id'>,
	query: RegisterQuery,
	today: string,
	readFeedback?: FeedbackReader
): Promise<RegisterRow[]> {
	const actions = await store.actions.listForUser(user.id, toActionFilter(query, today));
	const visible = query.status === 'active' ? actions.filter((a) => a.status !== 'done') : actions;
	const names = await namesOf(store, visible.flatMap((a) => [a.createdBy, a.statusChangedBy]));
	const feedback = new Map<string, RowFeedback[]>();
	if (readFeedback) {
		for (const boardId of new Set(visible.map((a) => a.boardId))) {
			for (const { actionId, ...entry } of await readFeedback(boardId)) feedback.set(`${boardId}/${actionId}`, [...(feedback.get(`${boardId}/${actionId}`) ?? []), entry]);
		}
	}
	return visible.map((a) => ({ ...toRow(a, today, names), feedback: feedback.get(`${a.boardId}/${a.id}`) ?? [] }));
}

async function namesOf(store: RegisterStore, ids: Array<string | null>): Promise<Map<string, string>> {
	const unique = [...new Set(ids.filter((id): id is string => !!id))];
	const users = await Promise.all(unique.map((id) => store.users.get(id)));
	// An erased account ('' for a name) counts as no name, like a missing one.
	return new Map(users.filter((u): u is NonNullable<typeof u> => u !== null && u.displayName !== '').map((u) => [u.id, u.displayName]));
}

function toRow(a: RegisterAction, today: string, names: Map<string, string>): RegisterRow {
	// The projection keeps the last history entry; the first one is the creation itself.
	const changed = a.statusChangedAt !== null && a.statusChangedAt.getTime() !== a.createdAt.getTime();
	return {
		id: a.id,
		title: a.title,
		boardId: a.boardId,
		boardName: a.boardName,
		agency: { id: a.agencyId, name: a.agencyName, color: a.agencyColor },
		raisedByAgencyName: a.raisedByAgencyName,
		assigneeName: a.assigneeName,
		dueDate: a.dueDate,
		status: a.status,
		overdue: isOverdue(a, today),
		lastChange: changed ? { by: names.get(a.statusChangedBy ?? '') ?? null, at: a.statusChangedAt! } : null,
		created: { by: names.get(a.createdBy) ?? null, at: a.createdAt },
		outcome: a.outcome ?? '',
		feedback: []
	};
}

/** The register page: the query read from its URL, the filter links, and the rows as of the reader's today. */
export async function page(
	store: RegisterStore,
	user: Pick<User, 'id' | 'agencyId'>,
	params: URLSearchParams,
	timeZone: string,
	now = new Date(),
	readFeedback?: FeedbackReader
) {
	const query = parseRegisterQuery(params);
	const today = todayIn(timeZone, now);
	return { query, links: registerLinks(query), today, hasAgency: Boolean(user.agencyId), rows: await loadRegister(store, user, query, today, readFeedback) };
}
