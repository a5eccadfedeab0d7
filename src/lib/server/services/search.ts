import type { ErrorKey } from '../../domain/error-keys.js';
import { splitExcerpt, type ExcerptPart } from '../../domain/search/highlight.js';
import type { SearchHitKind } from '../../domain/search/search-entries.js';
import { MAX_QUERY_LENGTH, normaliseQuery } from '../../domain/search/search-query.js';
import type { SearchHit, Store, User } from '../store/types.js';

/**
 * Search (`/search?q=…&board=…`, issue 12, point 9): what a person may read, in every board they
 * are a member of, or in one of them. Membership is the only rule (every role reads every document
 * of its board, internal items included); the store's query applies it, so a board the person is
 * not a member of yields nothing whatever the URL says.
 */
const RESULTS = 50;

export interface SearchResult {
	kind: SearchHitKind;
	boardId: string;
	boardName: string;
	meetingTitle: string | null;
	meetingStartsAt: Date | null;
	itemNumber: number | null;
	itemTitle: string | null;
	/** An action's title (the excerpt holds its description, or the title if it has none). */
	title: string;
	/** Where the text is read: the meeting page with its § open, the meeting, or the board's actions. */
	href: string;
	excerpt: ExcerptPart[];
}

export interface SearchPage {
	query: string;
	boardId: string | null;
	boards: Array<{ id: string; name: string }>;
	/** Null when nothing was searched (no query, or an error). */
	results: SearchResult[] | null;
	error: ErrorKey | null;
}

export function hrefOf(hit: Pick<SearchHit, 'kind' | 'boardId' | 'meetingId' | 'itemId'>): string {
	if (hit.kind === 'action' || !hit.meetingId) return `/boards/${encodeURIComponent(hit.boardId)}#actions-heading`;
	const meeting = `/meetings/${encodeURIComponent(hit.meetingId)}`;
	return hit.itemId ? `${meeting}#item-${encodeURIComponent(hit.itemId)}` : meeting;
}

export function toResult(hit: SearchHit): SearchResult {
	return {
		kind: hit.kind,
		boardId: hit.boardId,
		boardName: hit.boardName,
		meetingTitle: hit.meetingTitle,
		meetingStartsAt: hit.meetingStartsAt,
		itemNumber: hit.itemNumber,
		itemTitle: hit.itemTitle,
		title: hit.title,
		href: hrefOf(hit),
		excerpt: splitExcerpt(hit.excerpt)
	};
}

type SearchStoreView = { search: Pick<Store['search'], 'query'>; boards: Pick<Store['boards'], 'listForUser'> };

export async function page(store: SearchStoreView, user: Pick<User, 'id'>, params: URLSearchParams): Promise<SearchPage> {
	const boards = (await store.boards.listForUser(user.id)).map((b) => ({ id: b.id, name: b.name }));
	const asked = params.get('board');
	// Only the person's own boards can be chosen; anything else means all of them (which are theirs).
	const boardId = boards.some((b) => b.id === asked) ? asked : null;
	const query = normaliseQuery(params.get('q'));
	if (query === '') return { query, boardId, boards, results: null, error: null };
	if (query.length > MAX_QUERY_LENGTH) return { query: query.slice(0, MAX_QUERY_LENGTH), boardId, boards, results: null, error: 'error_too_long' };
	const hits = await store.search.query(user.id, query, { boardId, limit: RESULTS });
	return { query, boardId, boards, results: hits.map(toResult), error: null };
}
