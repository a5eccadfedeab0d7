import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { COLLAB_PATH, UpgradeStatus } from '../../src/lib/domain/collab-protocol.js';
import { isSessionTokenShape, SESSION_COOKIE, sessionIdFromToken, validateSessionToken } from '../../src/lib/server/auth/sessions.js';
import { resolveDocMembership, type DocMembership } from '../../src/lib/server/services/doc-access.js';
import type { SessionEntry, UpgradeCache } from './upgrade-cache.js';
import type { DocRef } from '../../src/lib/domain/doc-names.js';
import type { BoardRole } from '../../src/lib/domain/roles.js';
import type { Session, Store, User } from '../../src/lib/server/store/types.js';
import { readCookie } from './cookies.js';
import { collabIdentity, type CollabIdentity } from '../../src/lib/domain/collab-identity.js';
import type { AgencyKind } from '../../src/lib/domain/agencies.js';

export interface Admission {
	docName: string;
	ref: DocRef;
	boardId: string;
	access: 'write' | 'read';
	/** The member's board role; kept current by `refreshMember` while the socket is open. */
	role: BoardRole;
	user: User;
	/** Who this person is shown as to others (name, agency): written into every awareness state they send. */
	identity: CollabIdentity;
	/** The kind of the person's agency (feedback on effects: user associations only). */
	agencyKind: AgencyKind | null;
	session: Session;
}

export type UpgradeDecision = { ok: true; admission: Admission } | { ok: false; status: number; reason: string };

/** The doc name in `/collab/<name>`, or null for any other path (left to other upgrade handlers). */
export function docNameFromUrl(url: string | undefined): string | null {
	if (!url) return null;
	const path = url.split('?')[0];
	if (!path.startsWith(COLLAB_PATH)) return null;
	try {
		return decodeURIComponent(path.slice(COLLAB_PATH.length));
	} catch {
		return '';
	}
}

/**
 * Browsers always send Origin on websocket upgrades; a page of another site must not ride on
 * the session cookie (cross-site websocket hijacking). Clients without Origin (non-browsers)
 * still need a valid session cookie.
 */
export function originAllowed(req: IncomingMessage, appOrigin: string | undefined): boolean {
	const origin = req.headers.origin;
	if (origin === undefined) return true;
	if (appOrigin) return origin === appOrigin;
	const host = req.headers['x-forwarded-host'] ?? req.headers.host;
	try {
		return new URL(origin).host === host;
	} catch {
		return false;
	}
}

/**
 * The session token of an upgrade if it has the shape of one, from its headers alone: no cookie,
 * or anything a token cannot be, is refused without touching the database or any budget.
 */
export function sessionTokenOf(req: IncomingMessage): string | null {
	const token = readCookie(req.headers.cookie, SESSION_COOKIE);
	return token && isSessionTokenShape(token) ? token : null;
}

/**
 * Decides an upgrade from its headers alone: nothing is read from the socket before this.
 * `admit` is asked once the session is valid, before the membership is looked up: false refuses
 * the upgrade with 429 (the members' budget is used up).
 */
export async function decideUpgrade(
	req: IncomingMessage,
	store: Store,
	appOrigin: string | undefined,
	now = new Date(),
	admit: (session: Session) => boolean = () => true,
	/** Sessions and memberships found valid in the last few seconds (upgrade-cache.ts); none: always ask the store. */
	cache?: UpgradeCache
): Promise<UpgradeDecision> {
	const docName = docNameFromUrl(req.url);
	if (docName === null) return { ok: false, status: UpgradeStatus.notFound, reason: 'not a collab path' };
	if (!originAllowed(req, appOrigin)) return { ok: false, status: UpgradeStatus.forbidden, reason: 'foreign origin' };
	const token = sessionTokenOf(req);
	if (!token) return { ok: false, status: UpgradeStatus.unauthenticated, reason: 'no session cookie' };
	const generation = cache?.generation ?? 0;
	const cached = cache?.session(sessionIdFromToken(token)) ?? null;
	let person: SessionEntry;
	let decision: DocMembership;
	if (cached) {
		if (!admit(cached.session)) return { ok: false, status: UpgradeStatus.tooMany, reason: 'members’ upgrade budget used up' };
		person = cached;
		decision = await membershipOf(store, cache, cached.user.id, docName);
	} else {
		const { session, user } = await validateSessionToken(store, token, now);
		if (!session) return { ok: false, status: UpgradeStatus.unauthenticated, reason: 'invalid or expired session' };
		if (!admit(session)) return { ok: false, status: UpgradeStatus.tooMany, reason: 'members’ upgrade budget used up' };
		const agencyOf = () => store.agencies.get(user.agencyId);
		const [membership, agency] = await Promise.all([membershipOf(store, cache, user.id, docName), cache ? cache.agency(user.agencyId, agencyOf) : agencyOf()]);
		person = { session, user, identity: collabIdentity(user, agency), agencyKind: agency?.kind ?? null };
		decision = membership;
		cache?.keepSession(person, generation);
	}
	if (decision.status === 'not-found') return { ok: false, status: UpgradeStatus.notFound, reason: 'unknown document' };
	if (decision.status === 'forbidden') return { ok: false, status: UpgradeStatus.forbidden, reason: 'not a member' };
	const { user, identity, agencyKind } = person;
	// A copy of the session per socket: its expiry is re-read and moved on per socket (socket-session.ts).
	const session = { ...person.session };
	return { ok: true, admission: { docName, ref: decision.ref, boardId: decision.boardId, access: decision.access, role: decision.role, user, identity, agencyKind, session } };
}

/** The member's access to the document: from the cache when granted in the last few seconds, else asked and kept. */
async function membershipOf(store: Store, cache: UpgradeCache | undefined, userId: string, docName: string): Promise<DocMembership> {
	const cached = cache?.membership(userId, docName);
	if (cached) return cached;
	const generation = cache?.generation ?? 0;
	const meetingOf = (id: string) => store.meetings.get(id);
	const decision = await resolveDocMembership(store, userId, docName, cache ? (id) => cache.meeting(id, () => meetingOf(id)) : meetingOf);
	if (decision.status === 'ok') cache?.keepMembership(userId, docName, decision, generation);
	return decision;
}

const STATUS_TEXT: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests', 500: 'Internal Server Error' };

/** Answers a refused upgrade with a plain HTTP response and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number): void {
	if (socket.destroyed) return;
	const text = STATUS_TEXT[status] ?? 'Error';
	socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
}
