import * as v from 'valibot';
import { isBoardLanguage, type BoardLanguage } from '../../domain/board-language.js';
import { BoardSchema, InviteSchema, MeetingSchema, fieldErrors, localToInstant } from '../../domain/schemas.js';
import { canCreateMeeting, canManageBoard, type BoardRole } from '../../domain/roles.js';
import { docAccess } from '../../domain/permissions.js';
import { isSoleOwner, mayManageMember } from '../../domain/member-controls.js';
import { byName } from '../../domain/board-people.js';
import { inviteStatus, usesLeft } from '../../domain/invites.js';
import { newId } from '../../domain/ids.js';
import { seriesPlaces } from '../../domain/series.js';
import type { ErrorKey } from '../../domain/error-keys.js';
import { generateToken, hashToken, isTokenShape } from '../auth/tokens.js';
import type { Board, Invite, NewMeeting, Store, User } from '../store/types.js';
import { boardPeople } from './people.js';
import { fail, ok, type Result } from './result.js';

/** The boards page: the person's boards with their role on each. */
export async function list(store: Pick<Store, 'boards'>, user: Pick<User, 'id'>) {
	const boards = await store.boards.listForUser(user.id);
	return boards.map(({ id, name, description, role }) => ({ id, name, description, role }));
}

/**
 * A board's page for a member (the route's guard found `board` and `role`): its meetings, its
 * members with their agencies, the invite links (for those who manage the board) and what the
 * "Action items" section needs of the board document `board:<id>`.
 */
export async function page(
	store: Store,
	access: { user: User; board: Board; role: BoardRole },
	options: { inviteTtlDays: number; now?: Date }
) {
	const { user, board, role } = access;
	const now = options.now ?? new Date();
	const [meetings, { people, agencies }] = await Promise.all([store.meetings.listForBoard(board.id), boardPeople(store, board.id)]);
	const series = seriesPlaces(meetings);
	const invites = canManageBoard(role)
		? (await store.invites.listForBoard(board.id)).map((invite) => ({
				id: invite.id,
				role: invite.role,
				expiresAt: invite.expiresAt,
				maxUses: invite.maxUses,
				usesLeft: usesLeft(invite),
				status: inviteStatus(invite, now)
			}))
		: [];
	return {
		board: { id: board.id, name: board.name, description: board.description, language: board.language },
		role,
		canCreateMeeting: canCreateMeeting(role),
		canManage: canManageBoard(role),
		defaultInviteDays: options.inviteTtlDays,
		meetings: meetings
			.map(({ id, title, startsAt, place, status }) => {
				// A series meeting is marked with which of how many it is (issue 12, point 7).
				const inSeries = series.get(id);
				return { id, title, startsAt, place, status, series: inSeries ? { number: inSeries.number, total: inSeries.total } : null };
			})
			.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()),
		members: people.map((person) => ({
			id: person.id,
			displayName: person.name,
			agency: { name: person.agency.name, color: person.agency.color },
			role: person.role,
			isMe: person.id === user.id,
			// The sole owner is offered neither a role change nor removal (the store refuses both too).
			isSoleOwner: isSoleOwner(person, people),
			manageable: mayManageMember(role, person, people)
		})),
		invites,
		actions: {
			canEdit: docAccess(role, 'board') === 'write',
			userId: user.id,
			userAgencyId: user.agencyId,
			members: people.map((person) => ({ userId: person.id, name: person.name, agencyId: person.agencyId })),
			agencies: agencies.map(({ id, name, color }) => ({ id, name, color })).sort(byName),
			meetingTitles: Object.fromEntries(meetings.map((meeting) => [meeting.id, meeting.title]))
		}
	};
}

export async function createBoard(store: Store, user: User, raw: unknown, now = new Date()): Promise<Result<Board>> {
	const parsed = v.safeParse(BoardSchema, raw);
	if (!parsed.success) return fail(fieldErrors(parsed.issues));
	const board: Board = { id: newId(), ...parsed.output, createdBy: user.id, createdAt: now, language: 'sv' };
	const { language: _default, ...created } = board;
	await store.boards.create(created, user.id);
	return ok(board);
}

export async function createMeeting(
	store: Store,
	user: User,
	boardId: string,
	raw: unknown,
	now = new Date(),
	options: { lengthMinutes?: number | null; seriesId?: string | null } = {}
): Promise<Result<NewMeeting>> {
	if (!canCreateMeeting(await store.boards.role(boardId, user.id))) return fail({ _form: 'error_not_allowed' });
	const parsed = v.safeParse(MeetingSchema, raw);
	if (!parsed.success) return fail(fieldErrors(parsed.issues));
	const { startsAt, tzOffset, ...rest } = parsed.output;
	const instant = localToInstant(startsAt, tzOffset);
	if (!instant) return fail({ startsAt: 'error_date_required' });
	const meeting: NewMeeting = { id: newId(), boardId, ...rest, startsAt: instant, createdBy: user.id, createdAt: now, lengthMinutes: options.lengthMinutes ?? null, seriesId: options.seriesId ?? null };
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
	const token = generateToken();
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
	await store.invites.create({ ...invite, tokenHash: hashToken(token) });
	return ok({ invite, token });
}

/** Sets the language the board's protocols are written in (owners only). */
export async function setBoardLanguage(store: Store, user: User, boardId: string, raw: unknown): Promise<Result<{ language: BoardLanguage }>> {
	if (!canManageBoard(await store.boards.role(boardId, user.id))) return fail({ _form: 'error_not_allowed' });
	if (!isBoardLanguage(raw)) return fail({ language: 'error_invalid' });
	if (!(await store.boards.setLanguage(boardId, raw))) return fail({ _form: 'error_not_allowed' });
	return ok({ language: raw });
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

/** The invite behind a link, as `userId` (signed in, or not) would find it at `now`. */
export async function lookupInvite(store: Store, token: string, now = new Date(), userId?: string): Promise<InviteLookup> {
	const invite = isTokenShape(token) ? await store.invites.findByTokenHash(hashToken(token)) : null;
	const board = invite ? await store.boards.get(invite.boardId) : null;
	if (!invite || !board) return { state: 'unknown', invite: null, board: null, memberRole: null };
	const memberRole = userId ? await store.boards.role(board.id, userId) : null;
	const found = (state: InviteState): InviteLookup => ({ state, invite, board, memberRole });
	if (memberRole) return found('member');
	const status = inviteStatus(invite, now);
	if (status !== 'active') return found(status);
	const removedAt = userId ? await store.boards.removedAt(board.id, userId) : null;
	if (removedAt && removedAt.getTime() >= invite.createdAt.getTime()) return found('removed');
	return found('valid');
}

/** The message for a link that cannot be used, by state. */
export const INVITE_REFUSALS: Record<Exclude<InviteState, 'valid' | 'member'>, ErrorKey> = {
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
): Promise<Result<{ board: Board; role: BoardRole; joined: boolean; inviteId: string }>> {
	const invite = isTokenShape(token) ? await store.invites.findByTokenHash(hashToken(token)) : null;
	const board = invite ? await store.boards.get(invite.boardId) : null;
	if (!invite || !board) return fail({ _form: INVITE_REFUSALS.unknown });
	const outcome = await store.invites.accept(hashToken(token), user.id, now);
	if (outcome.outcome === 'joined' || outcome.outcome === 'member') return ok({ board, role: outcome.role, joined: outcome.outcome === 'joined', inviteId: invite.id });
	return fail({ _form: INVITE_REFUSALS[outcome.outcome] });
}
