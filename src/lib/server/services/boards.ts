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
		createdAt: now,
		maxUses: parsed.output.maxUses,
		uses: 0
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

/**
 * What an invite link means for whoever opens it. `member`: they are on the board already (the
 * link changes nothing for them); `removed`: they were removed after the link was made and need a
 * new one; `used-up`: as many people as the owner allowed have joined with it.
 */
export type InviteState = 'valid' | 'expired' | 'revoked' | 'unknown' | 'used-up' | 'removed' | 'member';

export interface InviteLookup {
	state: InviteState;
	invite: Invite | null;
	board: Board | null;
	/** The role of the person opening the link, when they are a member already. */
	memberRole: BoardRole | null;
}

const TOKEN = /^[a-z2-7]{32}$/;

/** The invite behind a link, as `userId` (signed in, or not) would find it at `now`. */
export async function lookupInvite(store: Store, token: string, now = new Date(), userId?: string): Promise<InviteLookup> {
	const invite = TOKEN.test(token) ? await store.invites.findByTokenHash(sessionIdFromToken(token)) : null;
	const board = invite ? await store.boards.get(invite.boardId) : null;
	if (!invite || !board) return { state: 'unknown', invite: null, board: null, memberRole: null };
	const memberRole = userId ? await store.boards.role(board.id, userId) : null;
	const found = (state: InviteState): InviteLookup => ({ state, invite, board, memberRole });
	if (memberRole) return found('member');
	if (invite.revokedAt) return found('revoked');
	if (invite.expiresAt.getTime() <= now.getTime()) return found('expired');
	if (invite.maxUses !== null && invite.uses >= invite.maxUses) return found('used-up');
	const removedAt = userId ? await store.boards.removedAt(board.id, userId) : null;
	if (removedAt && removedAt.getTime() >= invite.createdAt.getTime()) return found('removed');
	return found('valid');
}

/** The message for a link that cannot be used, by state. */
export const INVITE_REFUSALS: Record<Exclude<InviteState, 'valid' | 'member'>, string> = {
	unknown: 'error_invite_unknown',
	expired: 'error_invite_expired',
	revoked: 'error_invite_revoked',
	'used-up': 'access_error_invite_used_up',
	removed: 'access_error_invite_removed'
};

/**
 * Joins the board with the link. The store checks and joins in one transaction (the checks
 * above are for showing the page): a member keeps their role (`joined: false`), and uses are
 * counted so that concurrent joins never exceed the link's limit.
 */
export async function acceptInvite(
	store: Store,
	user: User,
	token: string,
	now = new Date()
): Promise<Result<{ board: Board; role: BoardRole; joined: boolean }>> {
	const invite = TOKEN.test(token) ? await store.invites.findByTokenHash(sessionIdFromToken(token)) : null;
	const board = invite ? await store.boards.get(invite.boardId) : null;
	if (!invite || !board) return fail({ _form: INVITE_REFUSALS.unknown });
	const outcome = await store.invites.accept(sessionIdFromToken(token), user.id, now);
	if (outcome.outcome === 'joined' || outcome.outcome === 'member') return ok({ board, role: outcome.role, joined: outcome.outcome === 'joined' });
	return fail({ _form: INVITE_REFUSALS[outcome.outcome] });
}
