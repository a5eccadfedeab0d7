import type { SearchEntry, SearchHit } from './search-types.js';
import { SEARCH_ENTRY_KINDS, type SearchHitKind } from '../../domain/search/search-entries.js';

type Row = Record<string, unknown>;

/** Search function results and arguments, shared by the SQL and Supabase adapters. */
export function jsonList(value: unknown, fn: string): Row[] {
	const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
	if (!Array.isArray(parsed)) throw new TypeError(`${fn} returned ${parsed === null ? 'null' : typeof parsed}, expected a JSON array`);
	return parsed as Row[];
}

const HIT_KINDS: readonly string[] = [...SEARCH_ENTRY_KINDS, 'action'];
const text = (value: unknown): string | null => (value == null ? null : String(value));
const int = (value: unknown): number | null => (value == null ? null : Number(value));

export function toSearchHit(r: Row): SearchHit {
	if (!HIT_KINDS.includes(String(r.kind))) throw new TypeError(`samtavla_search: unknown kind ${JSON.stringify(r.kind)}`);
	return {
		kind: r.kind as SearchHitKind,
		boardId: String(r.board_id),
		boardName: String(r.board_name ?? ''),
		meetingId: text(r.meeting_id),
		meetingTitle: text(r.meeting_title),
		meetingStartsAt: r.meeting_starts_at == null ? null : new Date(String(r.meeting_starts_at)),
		itemId: text(r.item_id),
		itemNumber: int(r.item_number),
		itemTitle: text(r.item_title),
		refId: String(r.ref_id),
		title: String(r.title ?? ''),
		excerpt: String(r.excerpt ?? '')
	};
}

export const toStaleSearchDoc = (r: Row) => ({ docName: String(r.doc_name), meetingId: String(r.meeting_id), lastUpdateId: Number(r.last_update_id) });

export const searchEntryJson = (e: SearchEntry) => ({
	kind: e.kind,
	ref_id: e.refId,
	item_id: e.itemId,
	item_number: e.itemNumber,
	title: e.title,
	body: e.body
});

/** At most this many hits per search: a page of results, not an export. */
export const MAX_SEARCH_HITS = 200;
export const searchLimit = (limit: number | undefined): number => Math.max(1, Math.min(MAX_SEARCH_HITS, Math.trunc(limit ?? 50) || 50));
