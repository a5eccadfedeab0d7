import * as v from 'valibot';
import { API_TOKEN_PREFIX, isApiTokenShape, NewApiTokenSchema, scopesFor } from '../../domain/api-tokens.js';
import { fieldErrors } from '../../domain/schemas.js';
import { newId } from '../../domain/ids.js';
import { generateToken, hashToken } from '../auth/tokens.js';
import type { Agency, ApiToken, Store, User } from '../store/types.js';
import { fail, ok, type Result } from './result.js';

/**
 * Personal access tokens for /api/v1 (issue 15, first slice). The token is shown once when it is
 * made and only its hash is kept; every request looks it up again, so revoking stops it at once.
 * The API knows callers by `Authorization: Bearer` only (hooks.server.ts): a session cookie never
 * counts there, so a page on another site cannot make a signed-in browser call it (no CSRF).
 */

const DAY = 86_400_000;

/** Makes a token for the person: the token itself (to show once) and what is kept of it. */
export async function createApiToken(store: Store, user: User, raw: unknown, now = new Date()): Promise<Result<{ token: string; apiToken: ApiToken }>> {
	const parsed = v.safeParse(NewApiTokenSchema, raw);
	if (!parsed.success) return fail(fieldErrors(parsed.issues));
	if (user.guest) return fail({ _form: 'error_invalid' });
	const { name, scope, days } = parsed.output;
	const token = `${API_TOKEN_PREFIX}${generateToken()}`;
	const apiToken: ApiToken = {
		id: newId(),
		userId: user.id,
		boardId: null,
		name,
		scopes: scopesFor(scope),
		createdAt: now,
		expiresAt: new Date(now.getTime() + days * DAY),
		lastUsedAt: null,
		revokedAt: null
	};
	await store.apiTokens.create({ ...apiToken, tokenHash: hashToken(token) });
	return ok({ token, apiToken });
}

export function listApiTokens(store: Store, user: User): Promise<ApiToken[]> {
	return store.apiTokens.listForUser(user.id);
}

/** Revokes one of the person's own tokens; false when it is not theirs or was revoked already. */
export function revokeApiToken(store: Store, user: User, id: string, now = new Date()): Promise<boolean> {
	return store.apiTokens.revoke(id, user.id, now);
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
	if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= 60_000) await store.apiTokens.touch(token.id, now);
	return { ok: true, caller: { token, user, agency: await store.agencies.get(user.agencyId) } };
}

/** The caller's own data (GET /api/v1/me): never the token or its hash. */
export function me(caller: ApiCaller, language: string) {
	const { user, agency, token } = caller;
	return {
		id: user.id,
		name: user.displayName,
		email: user.email,
		agency: agency ? { id: agency.id, name: agency.name, kind: agency.kind } : null,
		language,
		token: { id: token.id, name: token.name, scopes: token.scopes, expiresAt: token.expiresAt.toISOString() }
	};
}
