import * as Y from 'yjs';
import { newId } from './ids.js';

/**
 * Layout of `board:<id>`: the action items every agency promised, across meetings.
 *
 *   actions  Y.Map  actionId → Y.Map { id, title, description, agencyId, raisedByAgencyId,
 *                                      assigneeId, dueDate (YYYY-MM-DD), status, meetingId,
 *                                      itemId, createdBy, createdAt, history: Y.Array<StatusChange>,
 *                                      outcome (what came of it, written when done) }
 */
export const ACTION_STATUSES = ['open', 'in_progress', 'waiting', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface StatusChange {
	status: ActionStatus;
	by: string;
	at: string;
}

export interface Action {
	id: string;
	title: string;
	description: string;
	/** The responsible agency. */
	agencyId: string;
	/** The agency of whoever raised it: what it is owed to. */
	raisedByAgencyId: string;
	assigneeId: string | null;
	dueDate: string | null;
	status: ActionStatus;
	meetingId: string | null;
	itemId: string | null;
	createdBy: string;
	createdAt: string;
	history: StatusChange[];
	/** What came of it (issue 12, point 3), written when it is done; '' when not told. */
	outcome: string;
}

export type NewAction = Pick<Action, 'title' | 'agencyId' | 'raisedByAgencyId' | 'createdBy'> &
	Partial<Pick<Action, 'description' | 'assigneeId' | 'dueDate' | 'meetingId' | 'itemId'>>;

const actions = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('actions');

export function createAction(doc: Y.Doc, input: NewAction, at = new Date(), id = newId()): string {
	const map = new Y.Map<unknown>();
	const history = new Y.Array<StatusChange>();
	doc.transact(() => {
		map.set('id', id);
		map.set('title', input.title.trim());
		map.set('description', (input.description ?? '').trim());
		map.set('agencyId', input.agencyId);
		map.set('raisedByAgencyId', input.raisedByAgencyId);
		map.set('assigneeId', input.assigneeId ?? null);
		map.set('dueDate', input.dueDate ?? null);
		map.set('status', 'open');
		map.set('meetingId', input.meetingId ?? null);
		map.set('itemId', input.itemId ?? null);
		map.set('createdBy', input.createdBy);
		map.set('createdAt', at.toISOString());
		history.push([{ status: 'open', by: input.createdBy, at: at.toISOString() }]);
		map.set('history', history);
		actions(doc).set(id, map);
	});
	return id;
}

export function updateAction(
	doc: Y.Doc,
	id: string,
	changes: Partial<Pick<Action, 'title' | 'description' | 'agencyId' | 'raisedByAgencyId' | 'assigneeId' | 'dueDate'>>
): void {
	const map = actions(doc).get(id);
	if (!map) throw new Error(`no action ${id}`);
	doc.transact(() => {
		for (const [key, value] of Object.entries(changes)) if (value !== undefined) map.set(key, value);
	});
}

/** Changes the status and records who changed it and when. */
export function setActionStatus(doc: Y.Doc, id: string, status: ActionStatus, by: string, at = new Date()): void {
	const map = actions(doc).get(id);
	if (!map) throw new Error(`no action ${id}`);
	if (map.get('status') === status) return;
	doc.transact(() => {
		map.set('status', status);
		let history = map.get('history');
		if (!(history instanceof Y.Array)) {
			// Damaged by some client: start the history again rather than refuse the change.
			history = new Y.Array<StatusChange>();
			map.set('history', history);
		}
		(history as Y.Array<StatusChange>).push([{ status, by, at: at.toISOString() }]);
	});
}

export const OUTCOME_MAX = 2000;

/** What came of a (done) action, in a sentence or two. */
export function setActionOutcome(doc: Y.Doc, id: string, outcome: string): void {
	const map = actions(doc).get(id);
	if (!map) throw new Error(`no action ${id}`);
	map.set('outcome', outcome.trim().slice(0, OUTCOME_MAX));
}

export function removeAction(doc: Y.Doc, id: string): void {
	actions(doc).delete(id);
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const isStatus = (value: unknown): value is ActionStatus => (ACTION_STATUSES as readonly unknown[]).includes(value);

/** The history entries that are what `setActionStatus` writes; anything else is left out. */
function historyOf(value: unknown): StatusChange[] {
	const entries = value instanceof Y.Array ? value.toArray() : [];
	return entries.flatMap((entry: unknown) => {
		if (!entry || typeof entry !== 'object' || entry instanceof Y.AbstractType) return [];
		const { status, by, at } = entry as Record<string, unknown>;
		return isStatus(status) && typeof by === 'string' && typeof at === 'string' ? [{ status, by, at }] : [];
	});
}

/**
 * Documents are written by any editor's client: read defensively, never trust a field's type.
 * The id is the key the action is stored under, which is where every change looks it up.
 */
function toAction(id: string, map: Y.Map<unknown>): Action {
	const status = map.get('status');
	return {
		id,
		title: str(map.get('title')) ?? '',
		description: str(map.get('description')) ?? '',
		agencyId: str(map.get('agencyId')) ?? '',
		raisedByAgencyId: str(map.get('raisedByAgencyId')) ?? '',
		assigneeId: str(map.get('assigneeId')),
		dueDate: str(map.get('dueDate')),
		status: isStatus(status) ? status : 'open',
		meetingId: str(map.get('meetingId')),
		itemId: str(map.get('itemId')),
		createdBy: str(map.get('createdBy')) ?? '',
		createdAt: str(map.get('createdAt')) ?? '',
		history: historyOf(map.get('history')),
		outcome: str(map.get('outcome')) ?? ''
	};
}

/** An entry of `actions` that could not be read as an action (not a map), for the caller to log. */
export interface SkippedEntry {
	key: string;
	reason: string;
}

const describeValue = (value: unknown): string =>
	value === null ? 'null' : value instanceof Y.AbstractType ? value.constructor.name : Array.isArray(value) ? 'array' : typeof value;

/** Every action that can be read, soonest due first (no due date last), and the entries skipped. */
export function readActions(doc: Y.Doc): { actions: Action[]; skipped: SkippedEntry[] } {
	const read: Action[] = [];
	const skipped: SkippedEntry[] = [];
	for (const [key, value] of actions(doc).entries() as IterableIterator<[string, unknown]>) {
		if (value instanceof Y.Map) read.push(toAction(key, value));
		else skipped.push({ key, reason: `not a map but ${describeValue(value)}` });
	}
	read.sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.createdAt.localeCompare(b.createdAt));
	return { actions: read, skipped };
}

/** Every action, soonest due first (no due date last); entries that are not actions are left out. */
export function listActions(doc: Y.Doc): Action[] {
	return readActions(doc).actions;
}

/** "Follow-up of actions" for a meeting: open actions raised in other (earlier) meetings or on the board. */
export function followUpFor(doc: Y.Doc, meetingId: string): Action[] {
	return listActions(doc).filter((a) => a.status !== 'done' && a.meetingId !== meetingId);
}

export function isOverdue(action: Pick<Action, 'dueDate' | 'status'>, today: string): boolean {
	return action.status !== 'done' && action.dueDate !== null && action.dueDate < today;
}
