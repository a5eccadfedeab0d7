import * as v from 'valibot';
import { API_TOKEN_PREFIX, isApiTokenShape, NewApiTokenSchema, scopesFor } from '../../domain/api-tokens.js';
import { fieldErrors } from '../../domain/schemas.js';
import { boardLanguage } from '../../domain/board-language.js';
import { newId } from '../../domain/ids.js';
import { generateToken, hashToken } from '../auth/tokens.js';
import type { Agency, ApiToken, Store, User } from '../store/types.js';
import { fail, ok, type Result } from './result.js';
import { record } from './audit.js';
import { canManageBoard, type BoardRole } from '../../domain/roles.js';

/**
 * Personal access tokens for /api/v1 (issue 15, first slice). The token is shown once when it is
 * made and only its hash is kept; every request looks it up again, so revoking stops it at once.
 * The API knows callers by `Authorization: Bearer` only (hooks.server.ts): a session cookie never
 * counts there, so a page on another site cannot make a signed-in browser call it (no CSRF).
 */

const DAY = 86_400_000;

/** Who makes a token, and from where (for the audit entry). */
export interface TokenMaker {
	user: User;
	address?: string | null;
}

/**
 * Makes a token: the token itself (to show once) and what is kept of it. A personal token speaks
 * for its person on all their boards; a board token (`board` given, its owner making it) reads and
 * writes that one board for an integration, as an owner, for as long as its maker owns the board.
 */
export async function createApiToken(
	store: Store,
	maker: User | TokenMaker,
	raw: unknown,
	now = new Date(),
	board: { id: string; role: BoardRole } | null = null
): Promise<Result<{ token: string; apiToken: ApiToken }>> {
	const { user, address } = 'user' in maker ? maker : { user: maker, address: null };
	const parsed = v.safeParse(NewApiTokenSchema, raw);
	if (!parsed.success) return fail(fieldErrors(parsed.issues));
	if (user.guest || (board && !canManageBoard(board.role))) return fail({ _form: 'error_invalid' });
	const { name, scope, days } = parsed.output;
	const token = `${API_TOKEN_PREFIX}${generateToken()}`;
	const apiToken: ApiToken = {
		id: newId(),
		userId: user.id,
		boardId: board?.id ?? null,
		name,
		scopes: scopesFor(scope),
		createdAt: now,
		expiresAt: new Date(now.getTime() + days * DAY),
		lastUsedAt: null,
		revokedAt: null
	};
	await store.apiTokens.create({ ...apiToken, tokenHash: hashToken(token) });
	await record(store, {
		kind: 'api-token-created',
		actor: user,
		boardId: apiToken.boardId,
		subject: apiToken.id,
		details: { name, scopes: apiToken.scopes, expiresAt: apiToken.expiresAt.toISOString() },
		address,
		at: now
	});
	return ok({ token, apiToken });
}

/** The person's own tokens (board tokens are listed on their board's page). */
export async function listApiTokens(store: Store, user: User): Promise<ApiToken[]> {
	return (await store.apiTokens.listForUser(user.id)).filter((token) => token.boardId === null);
}

/** A board's tokens, with who made each, for its owners. */
export async function listBoardTokens(store: Store, boardId: string): Promise<Array<ApiToken & { madeBy: string }>> {
	const tokens = await store.apiTokens.listForBoard(boardId);
	const makers = new Map((await Promise.all([...new Set(tokens.map((t) => t.userId))].map((id) => store.users.get(id)))).flatMap((u) => (u ? [[u.id, u.displayName] as const] : [])));
	return tokens.map((token) => ({ ...token, madeBy: makers.get(token.userId) ?? '' }));
}

/** Revokes one of the person's own tokens; false when it is not theirs or was revoked already. */
export async function revokeApiToken(store: Store, maker: User | TokenMaker, id: string, now = new Date()): Promise<boolean> {
	const { user, address } = 'user' in maker ? maker : { user: maker, address: null };
	const revoked = await store.apiTokens.revoke(id, user.id, now);
	if (revoked) await record(store, { kind: 'api-token-revoked', actor: user, subject: id, address, at: now });
	return revoked;
}

/** An owner revokes one of the board's tokens; false when it is not the board's or was revoked already. */
export async function revokeBoardToken(store: Store, maker: TokenMaker, board: { id: string; role: BoardRole }, id: string, now = new Date()): Promise<boolean> {
	if (!canManageBoard(board.role)) return false;
	const revoked = await store.apiTokens.revokeForBoard(id, board.id, now);
	if (revoked) await record(store, { kind: 'api-token-revoked', actor: maker.user, boardId: board.id, subject: id, address: maker.address, at: now });
	return revoked;
}

/**
 * Every use of a token goes into the audit log (issue 15): which token, the method, the route
 * (its pattern, never the query, which may hold search text), the answer's status, and the board
 * it concerned when there was one.
 */
export async function recordApiUse(
	store: Store,
	caller: ApiCaller,
	use: { method: string; route: string; status: number; boardId: string | null; address: string | null },
	now = new Date()
): Promise<void> {
	await record(store, {
		kind: 'api-request',
		actor: caller.user,
		boardId: use.boardId ?? caller.token.boardId,
		subject: caller.token.id,
		details: { token: caller.token.name, method: use.method, route: use.route, status: use.status },
		address: use.address,
		at: now
	});
}

/** Why a request to the API is not let in (each a 401 with its own detail, routes/api/v1/problem). */
export type ApiAuthFailure = 'missing' | 'malformed' | 'invalid';
export type ApiCaller = { token: ApiToken; user: User; agency: Agency | null };

/**
 * Who calls, from the request's Authorization header: a token that is neither unknown, expired nor
 * revoked (one answer for the three: the caller holds the token and the list shows which it is),
 * and its person. Its last use is noted, at most once a minute.
 */
export async function authenticateApiRequest(store: Store, authorization: string | null, now = new Date()): Promise<{ ok: true; caller: ApiCaller } | { ok: false; reason: ApiAuthFailure }> {
	if (!authorization) return { ok: false, reason: 'missing' };
	const match = /^Bearer +(\S+)\s*$/i.exec(authorization);
	if (!match) return { ok: false, reason: 'missing' };
	if (!isApiTokenShape(match[1])) return { ok: false, reason: 'malformed' };
	const token = await store.apiTokens.findActiveByHash(hashToken(match[1]), now);
	const user = token ? await store.users.get(token.userId) : null;
	if (!token || !user || user.guest) return { ok: false, reason: 'invalid' };
	// A board token holds while its maker owns the board: an owner who leaves takes its access along.
	if (token.boardId && !canManageBoard((await store.boards.role(token.boardId, user.id)) ?? 'viewer')) return { ok: false, reason: 'invalid' };
	if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= 60_000) await store.apiTokens.touch(token.id, now);
	return { ok: true, caller: { token, user, agency: await store.agencies.get(user.agencyId) } };
}

/** The caller's own data (GET /api/v1/me): never the token or its hash. The language is the person's own setting. */
export async function me(store: Pick<Store, 'mailPrefs'>, caller: ApiCaller) {
	const { user, agency, token } = caller;
	const [recipient] = await store.mailPrefs.recipients([user.id]);
	return {
		id: user.id,
		name: user.displayName,
		email: user.email,
		agency: agency ? { id: agency.id, name: agency.name, kind: agency.kind } : null,
		language: boardLanguage(recipient?.language),
		token: { id: token.id, name: token.name, scopes: token.scopes, expiresAt: token.expiresAt.toISOString(), boardId: token.boardId }
	};
}

/** The board tokens page, for owners (others get null: the route answers 403). */
export async function boardTokensPage(store: Store, access: { board: { id: string; name: string }; role: BoardRole }) {
	if (!canManageBoard(access.role)) return null;
	return { board: { id: access.board.id, name: access.board.name }, tokens: await listBoardTokens(store, access.board.id) };
}
