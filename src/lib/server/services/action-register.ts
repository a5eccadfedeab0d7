import { ACTION_STATUSES, isOverdue, type ActionStatus } from '../../domain/board-doc.js';
import type { ActionFilter, RegisterAction, Store, User } from '../store/types.js';

/**
 * The action register (`/actions`): every action of every board a person belongs to, narrowed by
 * filters that live in the URL (links, so it works without JavaScript and can be bookmarked).
 * The rows come from the SQL projection of the board documents (`store.actions.listForUser`).
 */
export const REGISTER_WHO = ['all', 'mine', 'agency', 'owed'] as const;
export type RegisterWho = (typeof REGISTER_WHO)[number];
/** 'active' (the default) is every status but done. */
export const REGISTER_STATUS = ['active', 'any', ...ACTION_STATUSES] as const;
export type RegisterStatus = (typeof REGISTER_STATUS)[number];

export interface RegisterQuery {
	who: RegisterWho;
	status: RegisterStatus;
	overdue: boolean;
}

export const DEFAULT_QUERY: RegisterQuery = { who: 'all', status: 'active', overdue: false };

const oneOf = <T extends string>(list: readonly T[], value: string | null, fallback: T): T =>
	value !== null && (list as readonly string[]).includes(value) ? (value as T) : fallback;

/** Unknown or missing values fall back to the defaults: an edited URL never fails. */
export function parseRegisterQuery(params: URLSearchParams): RegisterQuery {
	return {
		who: oneOf(REGISTER_WHO, params.get('who'), DEFAULT_QUERY.who),
		status: oneOf(REGISTER_STATUS, params.get('status'), DEFAULT_QUERY.status),
		overdue: params.get('overdue') === '1'
	};
}

/** The register's URL for a query, leaving defaults out so links stay short. */
export function registerHref(query: RegisterQuery): string {
	const params = new URLSearchParams();
	if (query.who !== DEFAULT_QUERY.who) params.set('who', query.who);
	if (query.status !== DEFAULT_QUERY.status) params.set('status', query.status);
	if (query.overdue) params.set('overdue', '1');
	const search = params.toString();
	return search ? `/actions?${search}` : '/actions';
}

/** The filter links of the register page: each a complete URL, so no JavaScript is needed. */
export function registerLinks(query: RegisterQuery) {
	return {
		who: REGISTER_WHO.map((who) => ({ value: who, href: registerHref({ ...query, who }), current: query.who === who })),
		status: REGISTER_STATUS.map((status) => ({ value: status, href: registerHref({ ...query, status }), current: query.status === status })),
		overdue: { href: registerHref({ ...query, overdue: !query.overdue }), current: query.overdue }
	};
}

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
}

type RegisterStore = { actions: Pick<Store['actions'], 'listForUser'>; users: Pick<Store['users'], 'get'> };

export async function loadRegister(store: RegisterStore, user: Pick<User, 'id'>, query: RegisterQuery, today: string): Promise<RegisterRow[]> {
	const actions = await store.actions.listForUser(user.id, toActionFilter(query, today));
	const visible = query.status === 'active' ? actions.filter((a) => a.status !== 'done') : actions;
	const names = await namesOf(store, visible.flatMap((a) => [a.createdBy, a.statusChangedBy]));
	return visible.map((a) => toRow(a, today, names));
}

async function namesOf(store: RegisterStore, ids: Array<string | null>): Promise<Map<string, string>> {
	const unique = [...new Set(ids.filter((id): id is string => !!id))];
	const users = await Promise.all(unique.map((id) => store.users.get(id)));
	return new Map(users.filter((u) => u !== null).map((u) => [u.id, u.displayName]));
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
		created: { by: names.get(a.createdBy) ?? null, at: a.createdAt }
	};
}
