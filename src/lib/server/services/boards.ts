import * as v from 'valibot';
import { BoardSchema, InviteSchema, MeetingSchema, fieldErrors, localToInstant } from '../../domain/schemas.js';
import { canCreateMeeting, canManageBoard, type BoardRole } from '../../domain/roles.js';
import { newId } from '../../domain/ids.js';
import { generateSessionToken, sessionIdFromToken } from '../auth/sessions.js';
import type { Board, Invite, Meeting, Store, User } from '../store/types.js';
import { fail, ok, type Result } from './result.js';

export async function createBoard(store: Store, user: User, raw: unknown, now = new Date()): Promise<Result<Board>> {
	const parsed = v.safeParse(BoardSchema, raw);
	if (!parsed.success) return fail(fieldErrors(parsed.issues));
	const board: Board = { id: newId(), ...parsed.output, createdBy: user.id, createdAt: now };
	await store.boards.create(board, user.id);
	return ok(board);
}

export async function createMeeting(store: Store, user: User, boardId: string, raw: unknown, now = new Date()): Promise<Result<Meeting>> {
	if (!canCreateMeeting(await store.boards.role(boardId, user.id))) return fail({ _form: 'error_not_allowed' });
	const parsed = v.safeParse(MeetingSchema, raw);
	if (!parsed.success) return fail(fieldErrors(parsed.issues));
	const { startsAt, tzOffset, ...rest } = parsed.output;
	const instant = localToInstant(startsAt, tzOffset);
	if (!instant) return fail({ startsAt: 'error_date_required' });
	const meeting: Meeting = { id: newId(), boardId, ...rest, startsAt: instant, createdBy: user.id, createdAt: now };
	await store.meetings.create(meeting);
	return ok(meeting);
}

/** Invite tokens are stored hashed like session tokens: the link is the only copy of the secret. */
export async function createInvite(
	store: Store,
	user: User,
	boardId: string,
	raw: unknown,
	now = new Date(),
	defaultDays = 7
): Promise<Result<{ invite: Invite; token: string }>> {
	if (!canManageBoard(await store.boards.role(boardId, user.id))) return fail({ _form: 'error_not_allowed' });
	const parsed = v.safeParse(InviteSchema, raw);
	if (!parsed.success) return fail(fieldErrors(parsed.issues));
	const token = generateSessionToken();
	const invite: Invite = {
		id: newId(),
		boardId,
		role: parsed.output.role,
		createdBy: user.id,
		expiresAt: new Date(now.getTime() + (parsed.output.days === '' ? defaultDays : parsed.output.days) * 24 * 60 * 60 * 1000),
		revokedAt: null,
		createdAt: now
	};
	await store.invites.create({ ...invite, tokenHash: sessionIdFromToken(token) });
	return ok({ invite, token });
}

export async function revokeInvite(store: Store, user: User, boardId: string, inviteId: string, now = new Date()): Promise<Result<null>> {
	if (!canManageBoard(await store.boards.role(boardId, user.id))) return fail({ _form: 'error_not_allowed' });
	const invite = (await store.invites.listForBoard(boardId)).find((i) => i.id === inviteId);
	if (!invite) return fail({ _form: 'error_invite_unknown' });
	await store.invites.revoke(inviteId, now);
	return ok(null);
}

export type InviteState = 'valid' | 'expired' | 'revoked' | 'unknown';

export async function lookupInvite(store: Store, token: string, now = new Date()): Promise<{ state: InviteState; invite: Invite | null; board: Board | null }> {
	const invite = /^[a-z2-7]{32}$/.test(token) ? await store.invites.findByTokenHash(sessionIdFromToken(token)) : null;
	if (!invite) return { state: 'unknown', invite: null, board: null };
	const board = await store.boards.get(invite.boardId);
	if (!board) return { state: 'unknown', invite: null, board: null };
	if (invite.revokedAt) return { state: 'revoked', invite, board };
	if (invite.expiresAt.getTime() <= now.getTime()) return { state: 'expired', invite, board };
	return { state: 'valid', invite, board };
}

export async function acceptInvite(store: Store, user: User, token: string, now = new Date()): Promise<Result<{ board: Board; role: BoardRole }>> {
	const { state, invite, board } = await lookupInvite(store, token, now);
	if (state !== 'valid' || !invite || !board) return fail({ _form: `error_invite_${state}` });
	const role = await store.boards.addMember(board.id, user.id, invite.role);
	return ok({ board, role });
}
