import { canManageBoard, isBoardRole, type BoardRole } from '../../domain/roles.js';
import { hasControlChars } from '../../domain/control-chars.js';
import type { ErrorKey } from '../../domain/error-keys.js';
import type { LiveConnections } from '../runtime.js';
import type { MembershipChange, Store, User } from '../store/types.js';
import { fail, ok, type Result } from './result.js';

/**
 * Membership changes by a board's owner. The store refuses to leave a board without an owner
 * (atomically, so two owners demoting each other cannot both succeed); afterwards the member's
 * live sockets are re-checked at once: a lowered editor's socket turns read-only, a removed
 * member's sockets close with 4403.
 */
const REFUSED: Record<Exclude<MembershipChange, 'changed'>, ErrorKey> = {
	'not-member': 'srv_error_not_member',
	'last-owner': 'srv_error_last_owner'
};

export async function changeRole(
	store: Store,
	live: Pick<LiveConnections, 'refreshMember'>,
	actor: User,
	boardId: string,
	userId: string,
	role: unknown
): Promise<Result<{ role: BoardRole; from: BoardRole | null }>> {
	if (!canManageBoard(await store.boards.role(boardId, actor.id))) return fail({ _form: 'error_not_allowed' });
	if (!isBoardRole(role)) return fail({ role: 'error_role_required' });
	// No member's id has one, and PostgreSQL would fail on a NUL rather than find no one.
	if (hasControlChars(userId)) return fail({ _form: REFUSED['not-member'] });
	// The role before, for the audit log (read first; the change itself is decided by the store).
	const from = await store.boards.role(boardId, userId);
	const outcome = await store.boards.setRole(boardId, userId, role);
	if (outcome !== 'changed') return fail({ _form: REFUSED[outcome] });
	await live.refreshMember(boardId, userId);
	return ok({ role, from });
}

export async function removeMember(
	store: Store,
	live: Pick<LiveConnections, 'refreshMember'>,
	actor: User,
	boardId: string,
	userId: string,
	now = new Date()
): Promise<Result<{ role: BoardRole | null }>> {
	if (!canManageBoard(await store.boards.role(boardId, actor.id))) return fail({ _form: 'error_not_allowed' });
	if (hasControlChars(userId)) return fail({ _form: REFUSED['not-member'] });
	// The role they had, for the audit log.
	const role = await store.boards.role(boardId, userId);
	// Remembered with the removal: invite links made before now no longer let them back in.
	const outcome = await store.boards.removeMember(boardId, userId, now);
	if (outcome !== 'changed') return fail({ _form: REFUSED[outcome] });
	await live.refreshMember(boardId, userId);
	return ok({ role });
}

/** A member's name, for saying whose role changed or who was removed; null for no one on the board. */
export async function memberName(store: Pick<Store, 'boards'>, boardId: string, userId: string): Promise<string | null> {
	if (!userId || hasControlChars(userId)) return null;
	const members = await store.boards.members(boardId);
	return members.find((member) => member.user.id === userId)?.user.displayName ?? null;
}
