/**
 * One way of paging every list of the API (issue 15): `limit` items from the position `cursor`
 * (an offset, opaque to callers), and `next`, the address of the following page, until the last.
 * The lists are small (a board's meetings, its actions), read whole by the same services the pages
 * use and cut here, so every page of a list is ordered the same way.
 */
export function pageOf<T>(items: T[], query: { limit: number; cursor?: number }, url: URL): { items: T[]; next: string | null } {
	const start = query.cursor ?? 0;
	const end = start + query.limit;
	if (end >= items.length) return { items: items.slice(start), next: null };
	const next = new URL(url);
	next.searchParams.set('cursor', String(end));
	return { items: items.slice(start, end), next: next.pathname + next.search };
}
