import { loadSafely, rulesForDoc } from '../../../../server/collab/safe-load.js';
import { listActions } from '../../domain/board-doc.js';
import { docName } from '../../domain/doc-names.js';
import { diffActions, labelOf, type ChangeLabel, type TrackedField } from '../../domain/history/action-changes.js';
import type { HistoryPerson } from '../../domain/history/versions.js';
import type { Store } from '../store/types.js';
import { keptLog, laterRows, replay } from './history-log.js';

/**
 * The history of a board's actions (issue 11, point 7), from the authored log of `board:<id>`:
 * each stored update is replayed in turn (the collab server's safe loader, as for every replay of
 * the history) and the actions before and after it compared; each change carries the update's
 * author as the server recorded it. Values that name agencies and people are named here.
 */
export interface ActionHistoryEntry {
	at: string;
	person: HistoryPerson;
	actionId: string;
	title: string;
	label: ChangeLabel;
	field: TrackedField | null;
	from: string | null;
	to: string | null;
}

export interface ActionHistory {
	/** Newest first. */
	entries: ActionHistoryEntry[];
	incomplete: boolean;
	startsAt: string | null;
}

const ORIGIN = 'action-history';
/** Fields whose values are ids, shown by name. */
const AGENCY_FIELDS = new Set<TrackedField>(['agencyId', 'raisedByAgencyId']);

export async function actionHistory(store: Store, boardId: string): Promise<ActionHistory> {
	const name = docName({ kind: 'board', boardId });
	const log = await keptLog(store, name);
	const doc = await replay(name, log.base, []);
	let before = listActions(doc);
	type Raw = { at: Date; authorId: string | null; agencyId: string | null; source: HistoryPerson['source']; change: ReturnType<typeof diffActions>[number] };
	// Per stored row, its changes in field order; the rows newest first.
	const byRow: Raw[][] = [];
	for (const row of laterRows(log)) {
		await loadSafely(doc, { snapshot: null, updates: [row.update], lastUpdateId: row.id }, rulesForDoc(name), ORIGIN);
		const after = listActions(doc);
		byRow.push(diffActions(before, after).map((change) => ({ at: row.at, authorId: row.authorId, agencyId: row.agencyId, source: row.source, change })));
		before = after;
	}
	const raw = byRow.reverse().flat();
	doc.destroy();

	const [members, agencies] = await Promise.all([store.boards.members(boardId), store.agencies.list()]);
	const people = new Map(members.map((m) => [m.user.id, m.user.displayName]));
	for (const id of new Set(raw.map((r) => r.authorId).filter((id): id is string => id !== null && !people.has(id)))) {
		const user = await store.users.get(id);
		if (user) people.set(id, user.displayName);
	}
	const agencyNames = new Map(agencies.map((a) => [a.id, a.name]));
	const value = (field: TrackedField | null, v: string | null) =>
		v === null ? null : field && AGENCY_FIELDS.has(field) ? (agencyNames.get(v) ?? v) : field === 'assigneeId' ? (people.get(v) ?? v) : v;

	return {
		entries: raw
			.map(({ at, authorId, agencyId, source, change }) => {
				const field = change.kind === 'changed' ? change.field : null;
				return {
					at: at.toISOString(),
					person: { userId: authorId, name: authorId ? (people.get(authorId) ?? null) : null, agencyName: agencyId ? (agencyNames.get(agencyId) ?? null) : null, source },
					actionId: change.actionId,
					title: change.title,
					label: labelOf(change),
					field,
					from: change.kind === 'changed' ? value(field, change.from) : null,
					to: change.kind === 'changed' ? value(field, change.to) : null
				};
			}),
		incomplete: !log.complete,
		startsAt: log.complete ? (log.rows[0]?.at.toISOString() ?? null) : (log.baseAt?.toISOString() ?? null)
	};
}

