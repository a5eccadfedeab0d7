import { generateToken, hashToken, isTokenShape } from './tokens.js';
import type { Session, Store, User } from '../store/types.js';

/**
 * Sessions as taught by Lucia (lucia-auth.com/sessions): a random token lives only in the
 * browser's cookie; the database keeps its SHA-256, so a leaked table cannot sign anyone in.
 */
export const SESSION_COOKIE = 'samtavla_session';
const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_TTL_MS = 30 * DAY_MS;
/** Sliding expiry: a session used in its last 15 days is pushed out to 30 days again. */
export const SESSION_RENEW_WITHIN_MS = 15 * DAY_MS;

export type SessionValidation = { session: Session; user: User } | { session: null; user: null };

export const generateSessionToken = generateToken;
/** A session's id is its token's hash. */
export const sessionIdFromToken = hashToken;

export async function createSession(store: Store, userId: string, now = new Date()): Promise<{ token: string; session: Session }> {
	const token = generateSessionToken();
	const session: Session = { id: sessionIdFromToken(token), userId, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) };
	await store.sessions.create(session);
	return { token, session };
}

export const isSessionTokenShape = isTokenShape;

export async function validateSessionToken(store: Store, token: string, now = new Date()): Promise<SessionValidation> {
	if (!isSessionTokenShape(token)) return { session: null, user: null };
	return liveSession(store, await store.sessions.get(sessionIdFromToken(token)), now);
}

/**
 * The session as read from the store, as it stands at `now`: an expired one is deleted and
 * refused, one in its last 15 days is pushed out to 30 days again. Shared by every read of a
 * session (validateSessionToken; the collab server's one-query upgrade, sessions.admission).
 */
export async function liveSession(store: Store, found: { session: Session; user: User } | null, now: Date): Promise<SessionValidation> {
	if (!found) return { session: null, user: null };
	const { session, user } = found;
	if (now.getTime() >= session.expiresAt.getTime()) {
		await store.sessions.delete(session.id);
		return { session: null, user: null };
	}
	if (session.expiresAt.getTime() - now.getTime() < SESSION_TTL_MS - SESSION_RENEW_WITHIN_MS) {
		session.expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
		await store.sessions.setExpiry(session.id, session.expiresAt);
	}
	return { session, user };
}

export async function invalidateSession(store: Store, sessionId: string): Promise<void> {
	await store.sessions.delete(sessionId);
}

/** Sign out everywhere else: every session of the person but this one; the ids ended (to close their sockets). */
export async function invalidateOtherSessions(store: Store, userId: string, keepId: string): Promise<string[]> {
	return store.sessions.deleteOthers(userId, keepId);
}

export async function invalidateUserSessions(store: Store, userId: string): Promise<void> {
	await store.sessions.deleteForUser(userId);
}
