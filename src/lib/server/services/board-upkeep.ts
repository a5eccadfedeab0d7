import * as v from 'valibot';
import { canManageBoard } from '../../domain/roles.js';
import { confirmsBoardName, deletionDate, RETENTION_BOUNDS, RetentionSchema } from '../../domain/board-upkeep.js';
import { fieldErrors } from '../../domain/schemas.js';
import type { BoardRetention, Store, User } from '../store/types.js';
import { fail, ok, type Result } from './result.js';

/**
 * Board deletion and retention per board, as the board page uses them (issue 11, points 11–12).
 * The purge itself and the retention runs are the daily job's (server/board-upkeep.ts).
 */

/** What every member sees while a deletion is pending: the date it happens. Null when none is. */
export async function pendingDeletion(store: Store, boardId: string): Promise<{ requestedAt: Date; deletesOn: Date } | null> {
	const pending = await store.boardDeletion.get(boardId);
	return pending ? { requestedAt: pending.requestedAt, deletesOn: deletionDate(pending.requestedAt) } : null;
}

/** An owner asks for the board's deletion, typing its name; it happens after the grace period. */
export async function requestDeletion(store: Store, user: User, boardId: string, typedName: string, now = new Date()): Promise<Result<{ deletesOn: Date }>> {
	if (!canManageBoard(await store.boards.role(boardId, user.id))) return fail({ _form: 'error_not_allowed' });
	const board = await store.boards.get(boardId);
	if (!board) return fail({ _form: 'error_not_allowed' });
	if (!confirmsBoardName(typedName, board.name)) return fail({ confirmName: 'deletion_error_name_mismatch' });
	if (!(await store.boardDeletion.request(boardId, user.id, now))) return fail({ _form: 'deletion_error_pending' });
	return ok({ deletesOn: deletionDate(now) });
}

/** An owner withdraws the pending deletion. */
export async function cancelDeletion(store: Store, user: User, boardId: string): Promise<Result<{ requestedAt: Date }>> {
	if (!canManageBoard(await store.boards.role(boardId, user.id))) return fail({ _form: 'error_not_allowed' });
	const pending = await store.boardDeletion.get(boardId);
	if (!pending || !(await store.boardDeletion.cancel(boardId))) return fail({ _form: 'deletion_error_none' });
	return ok({ requestedAt: pending.requestedAt });
}

/** The owner's retention form: the board's periods (null: the default) and the defaults to show. */
export async function retentionForm(store: Store, boardId: string, historyRetentionDays: number) {
	const retention = (await store.retention.get(boardId)) ?? { draftsDays: null, historyDays: null, auditDays: null };
	return { retention, defaults: { draftsDays: RETENTION_BOUNDS.draftsDays.fallback, historyDays: historyRetentionDays }, bounds: RETENTION_BOUNDS };
}

/** Sets the board's retention periods from the form (owners); what was, and what is now. */
export async function setRetention(store: Store, user: User, boardId: string, input: Record<string, string>): Promise<Result<{ before: BoardRetention; after: BoardRetention }>> {
	if (!canManageBoard(await store.boards.role(boardId, user.id))) return fail({ _form: 'error_not_allowed' });
	const parsed = v.safeParse(RetentionSchema, input);
	if (!parsed.success) return fail(fieldErrors(parsed.issues));
	const before = await store.retention.get(boardId);
	if (!before || !(await store.retention.set(boardId, parsed.output))) return fail({ _form: 'error_not_allowed' });
	return ok({ before, after: parsed.output });
}
