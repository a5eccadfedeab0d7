/**
 * What the search projection stores and what a search returns (store verbs `search.*` in types.ts).
 * Kept beside the store interface, in its own file, so the search's shapes read in one place.
 */
import type { SearchEntryKind, SearchHitKind } from '../../domain/search/search-entries.js';

/** One searchable text of a meeting or voices document, as projected (already cleaned). */
export interface SearchEntry {
	kind: SearchEntryKind;
	/** Unique per document and kind: the item, decision, perspective or summary id ('notes' for the notes). */
	refId: string;
	/** The § it belongs to; null for the meeting's notes and the summaries. */
	itemId: string | null;
	/** The § number as of projection (agenda rows only). */
	itemNumber: number | null;
	title: string;
	body: string;
}

/** One match, in a board the person is a member of. */
export interface SearchHit {
	kind: SearchHitKind;
	boardId: string;
	boardName: string;
	meetingId: string | null;
	meetingTitle: string | null;
	meetingStartsAt: Date | null;
	itemId: string | null;
	itemNumber: number | null;
	itemTitle: string | null;
	refId: string;
	title: string;
	/** The matching words between U+0001 and U+0002 (see domain/search/highlight.ts); nothing else is markup. */
	excerpt: string;
}

export interface SearchStore {
	/**
	 * Replaces the rows of a meeting or voices document and records that it is projected up to
	 * `upToId`, in one transaction. False (nothing changed) when the meeting is gone or a newer
	 * projection is stored.
	 */
	replaceDocEntries(docName: string, meetingId: string, entries: SearchEntry[], upToId: number): Promise<boolean>;
	/** The update id `docName` is projected up to for search, or null when it never was. */
	projectedUpToId(docName: string): Promise<number | null>;
	/** Meeting and voices documents of existing meetings stored beyond their search projection. */
	listStale(): Promise<Array<{ docName: string; meetingId: string; lastUpdateId: number }>>;
	/**
	 * Matches for `query` (websearch syntax) in every board `userId` is a member of, or only in
	 * `boardId` when given (nothing when not a member of it); best first, at most `limit`.
	 */
	query(userId: string, query: string, options: { boardId?: string | null; limit?: number }): Promise<SearchHit[]>;
}
