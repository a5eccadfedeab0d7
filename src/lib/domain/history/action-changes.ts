import type { Action } from '../board-doc.js';

/**
 * Who did what to each action of a board (issue 11, point 7): created it, changed any field, moved
 * its due date, closed it, removed it. The board document's own status history is written by the
 * client that changes the status; this is read from the authored log instead, whose authors the
 * server recorded, so it covers every field and no client can put a change in someone else's name.
 * Pure: the service replays the log and hands each step's actions before and after to `diffActions`.
 */
export const TRACKED_FIELDS = ['title', 'description', 'agencyId', 'raisedByAgencyId', 'assigneeId', 'dueDate', 'status', 'meetingId', 'itemId', 'outcome'] as const;
export type TrackedField = (typeof TRACKED_FIELDS)[number];

export type ActionChange =
	| { kind: 'created'; actionId: string; title: string }
	| { kind: 'removed'; actionId: string; title: string }
	| { kind: 'changed'; actionId: string; title: string; field: TrackedField; from: string | null; to: string | null };

/** What changed from `before` to `after`, action by action, field by field (in TRACKED_FIELDS order). */
export function diffActions(before: readonly Action[], after: readonly Action[]): ActionChange[] {
	const old = new Map(before.map((a) => [a.id, a]));
	const now = new Map(after.map((a) => [a.id, a]));
	const out: ActionChange[] = [];
	for (const action of after) {
		const was = old.get(action.id);
		if (!was) {
			out.push({ kind: 'created', actionId: action.id, title: action.title });
			continue;
		}
		for (const field of TRACKED_FIELDS) {
			// An empty text (no description, no outcome yet) reads as "none", like an absent field.
			const from = was[field] || null;
			const to = action[field] || null;
			if (from !== to) out.push({ kind: 'changed', actionId: action.id, title: action.title, field, from, to });
		}
	}
	for (const action of before) if (!now.has(action.id)) out.push({ kind: 'removed', actionId: action.id, title: action.title });
	return out;
}

/** A change as people name it: closing and reopening, and moving the due date, are their own kinds. */
export type ChangeLabel = 'created' | 'removed' | 'closed' | 'reopened' | 'status' | 'due-date' | 'field';

export function labelOf(change: ActionChange): ChangeLabel {
	if (change.kind !== 'changed') return change.kind;
	if (change.field === 'status') return change.to === 'done' ? 'closed' : change.from === 'done' ? 'reopened' : 'status';
	if (change.field === 'dueDate') return 'due-date';
	return 'field';
}
