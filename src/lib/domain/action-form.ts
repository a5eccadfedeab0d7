/** The action form's rules, shared by the page's form and the API (issue 15): one check for both. */
import type { Action, StatusChange } from './board-doc.js';
import { isIsoDate } from './iso-date.js';

/** What the action form sends: strings as typed, checked by `validateActionForm`. */
export interface ActionFormValues {
	title: string;
	description: string;
	agencyId: string;
	assigneeId: string;
	dueDate: string;
	/** The agency the action is owed to; '' (or absent) for the writer's own (issue 12, point 2). */
	raisedByAgencyId?: string;
}

export interface ValidAction {
	title: string;
	description: string;
	agencyId: string;
	assigneeId: string | null;
	dueDate: string | null;
	/** null: raised by the writer's own agency; absent: as it was (an edit) or the writer's own (a new action) */
	raisedByAgencyId?: string | null;
}

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 2000;

/** Field → message key, or the cleaned values. Agencies and assignees must be among those offered. */
export function validateActionForm(
	values: ActionFormValues,
	offered: { agencyIds: string[]; userIds: string[] }
): { ok: true; value: ValidAction } | { ok: false; errors: Record<string, string>; params: Record<string, number> } {
	const errors: Record<string, string> = {};
	const title = values.title.trim();
	const description = values.description.trim();
	const dueDate = values.dueDate.trim();
	if (!title) errors.title = 'act_error_title_required';
	else if (title.length > TITLE_MAX) errors.title = 'act_error_title_too_long';
	if (description.length > DESCRIPTION_MAX) errors.description = 'act_error_description_too_long';
	if (!offered.agencyIds.includes(values.agencyId)) errors.agencyId = 'act_error_agency_required';
	if (dueDate && !isIsoDate(dueDate)) errors.dueDate = 'act_error_due_invalid';
	const assigneeId = values.assigneeId && offered.userIds.includes(values.assigneeId) ? values.assigneeId : null;
	// Written on behalf of another agency (a user association in the meeting): one of those offered.
	// '' chooses the writer's own (null); an agency no longer offered leaves it as stored (undefined).
	const raised = values.raisedByAgencyId;
	const raisedByAgencyId = raised === undefined ? undefined : raised === '' ? null : offered.agencyIds.includes(raised) ? raised : undefined;
	if (Object.keys(errors).length) return { ok: false, errors, params: { max: TITLE_MAX } };
	const value: ValidAction = { title, description, agencyId: values.agencyId, assigneeId, dueDate: dueDate || null };
	if (raisedByAgencyId !== undefined) value.raisedByAgencyId = raisedByAgencyId;
	return { ok: true, value };
}

/** Today's date where the reader is (not in UTC: at 00:30 in Stockholm it is already tomorrow). */
export function localToday(now = new Date()): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The latest status change after creation, or null when the status was never changed. */
export function lastStatusChange(action: Pick<Action, 'history'>): StatusChange | null {
	return action.history.length > 1 ? action.history[action.history.length - 1] : null;
}
