import { ACTION_STATUSES } from './board-doc.js';

/**
 * The action register's filters (`/actions`): they live in the URL (links, so the page works
 * without JavaScript and can be bookmarked). Shared by the service and the page.
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
