import { isIsoDateShape } from '../../domain/iso-date.js';
import type { ActionFilter, AuthoredUpdate, DocAppend, DocAppendResult, DocHistoryEntry, ProjectedAction, UpdateSourceKind } from './types.js';
import { DocumentPurgedError, FencedOutError } from './fencing.js';

/**
 * Arguments of the store's SQL functions (migration store_functions) that both adapters build the
 * same way: the SQL store passes them as parameters, the Supabase adapter as the JSON body of
 * PostgREST's RPC call. Keys are the functions' parameter and column names.
 */

export type RegisterActionsArgs = {
	p_user_id: string;
	p_today: string;
	p_mine: boolean;
	p_my_agency: boolean;
	p_owed_to_my_agency: boolean;
	p_overdue: boolean;
	p_status: string | null;
};

/** samtavla_register_actions(…): every filter explicit, so no call depends on parameter defaults. */
export function registerActionsArgs(userId: string, filter: ActionFilter): RegisterActionsArgs {
	// Checked here as well as by the date cast: PostgreSQL reads more than YYYY-MM-DD as a date.
	if (!isIsoDateShape(filter.today)) throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(filter.today)}`);
	return {
		p_user_id: userId,
		p_today: filter.today,
		p_mine: filter.mine === true,
		p_my_agency: filter.myAgency === true,
		p_owed_to_my_agency: filter.owedToMyAgency === true,
		p_overdue: filter.overdue === true,
		p_status: filter.status ?? null
	};
}

/** One element of samtavla_replace_board_actions(p_actions): a row of `actions` without board_id. */
export interface ActionJson {
	id: string;
	title: string;
	description: string;
	agency_id: string;
	raised_by_agency_id: string;
	assignee_id: string | null;
	due_date: string | null;
	status: string;
	meeting_id: string | null;
	item_id: string | null;
	created_by: string;
	created_at: string;
	status_changed_by: string | null;
	status_changed_at: string | null;
	outcome: string;
}

export function actionJson(a: ProjectedAction): ActionJson {
	return {
		id: a.id,
		title: a.title,
		description: a.description,
		agency_id: a.agencyId,
		raised_by_agency_id: a.raisedByAgencyId,
		assignee_id: a.assigneeId,
		due_date: a.dueDate,
		status: a.status,
		meeting_id: a.meetingId,
		item_id: a.itemId,
		created_by: a.createdBy,
		created_at: a.createdAt.toISOString(),
		status_changed_by: a.statusChangedBy,
		status_changed_at: a.statusChangedAt ? a.statusChangedAt.toISOString() : null,
		outcome: a.outcome
	};
}

/** The Store's message for an empty batch, the same from every adapter. */
export const EMPTY_APPEND = 'append needs at least one update';

/**
 * samtavla_doc_append's updates and their authors (p_authors: one element per update, null for
 * the server's, or null as a whole when no update names an author). A bare Uint8Array is the server's.
 */
export function appendArgs(updates: Array<AuthoredUpdate | Uint8Array>): { bytes: Uint8Array[]; authors: string | null } {
	const items = updates.map((u) => (u instanceof Uint8Array ? { update: u, author: null } : u));
	const authored = items.some((u) => u.author !== null);
	const authors = authored ? JSON.stringify(items.map(({ author }) => (author ? { user: author.userId, agency: author.agencyId } : null))) : null;
	return { bytes: items.map((u) => u.update), authors };
}

/**
 * samtavla_doc_append_many's arguments: one document name, update and author per update (authors
 * null when none has one, as JSON text), the fences as a JSON object by document name (or null).
 */
export function appendManyArgs(batches: DocAppend[]): { names: string[]; bytes: Uint8Array[]; authors: string | null; fences: string | null } {
	const names: string[] = [];
	const items: Array<AuthoredUpdate | Uint8Array> = [];
	const fences: Record<string, number> = {};
	const seen = new Set<string>();
	for (const { docName, updates, fence } of batches) {
		if (updates.length === 0) throw new Error(EMPTY_APPEND);
		if (seen.has(docName)) throw new Error(`appendMany got ${docName} twice`);
		seen.add(docName);
		for (const u of updates) {
			names.push(docName);
			items.push(u);
		}
		if (fence !== undefined) fences[docName] = fence;
	}
	const { bytes, authors } = appendArgs(items);
	return { names, bytes, authors, fences: Object.keys(fences).length > 0 ? JSON.stringify(fences) : null };
}

/** samtavla_doc_append_many's rows as one result per batch, in the batches' order. */
export function appendManyResults(batches: DocAppend[], rows: Array<Record<string, unknown>>): DocAppendResult[] {
	const byName = new Map(rows.map((r) => [String(r.out_doc_name), r]));
	return batches.map(({ docName }) => {
		const row = byName.get(docName);
		if (!row) throw new Error(`samtavla_doc_append_many returned nothing for ${docName}`);
		if (row.out_refused === 'fenced-out') return { docName, refused: new FencedOutError(docName) };
		if (row.out_refused === 'purged') return { docName, refused: new DocumentPurgedError(docName) };
		if (row.out_last_id == null) throw new Error(`samtavla_doc_append_many stored nothing for ${docName}`);
		return { docName, lastUpdateId: Number(row.out_last_id) };
	});
}

/** How many history rows one call may ask for (samtavla_doc_history caps it the same way). */
export const HISTORY_MAX_LIMIT = 5000;

export function historyLimit(limit: number | undefined): number {
	if (limit === undefined) return 1000;
	if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`history limit must be a whole number of at least 1, got ${limit}`);
	return Math.min(limit, HISTORY_MAX_LIMIT);
}

const SOURCES: readonly UpdateSourceKind[] = ['member', 'server', 'legacy'];

/** samtavla_doc_history's row (entries as jsonb, or its text; updates bytea[]); `bytes` decodes each update as the adapter receives it. */
export function historyEntries(row: Record<string, unknown>, bytes: (value: unknown) => Uint8Array): DocHistoryEntry[] {
	const entries = (typeof row.entries === 'string' ? JSON.parse(row.entries) : row.entries) as unknown;
	const updates = row.updates;
	if (!Array.isArray(entries) || !Array.isArray(updates) || entries.length !== updates.length) {
		throw new TypeError('samtavla_doc_history returned no entries and updates of the same length');
	}
	return entries.map((entry: Record<string, unknown>, i) => {
		const source = entry.source as UpdateSourceKind;
		if (!SOURCES.includes(source)) throw new TypeError(`samtavla_doc_history returned an unknown source ${String(source)}`);
		return {
			id: Number(entry.id),
			at: new Date(entry.at as string),
			authorId: (entry.author_id as string | null) ?? null,
			agencyId: (entry.agency_id as string | null) ?? null,
			source,
			update: bytes(updates[i])
		};
	});
}
