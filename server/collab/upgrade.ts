import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { COLLAB_PATH, UpgradeStatus } from '../../src/lib/domain/collab-protocol.js';
import { isSessionTokenShape, liveSession, SESSION_COOKIE, sessionIdFromToken } from '../../src/lib/server/auth/sessions.js';
import { docPlace, membershipFrom, type DocMembership } from '../../src/lib/server/services/doc-access.js';
import type { SessionEntry, UpgradeCache } from './upgrade-cache.js';
import { admissionOf, type AdmissionRead } from './admission-reads.js';
import { parseDocName, type DocRef } from '../../src/lib/domain/doc-names.js';
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
 * `admit` is asked once the session is valid: false refuses the upgrade with 429 (the members'
 * budget is used up). What the store is asked costs one round trip at most (sessions.admissions, batched with the upgrades arriving together:
 * the session, its user and agency, the document's board or meeting and the role together), and
 * none when the cache knows the session and its access to this document.
 */
export async function decideUpgrade(
	req: IncomingMessage,
	store: Store,
	appOrigin: string | undefined,
	now = new Date(),
	admit: (session: Session) => boolean = () => true,
	/** Sessions and memberships found valid in the last few seconds (upgrade-cache.ts); none: always ask the store. */
	cache?: UpgradeCache,
	/** How the session and the document's place are read (the gate batches them, admission-reads.ts). */
	read: AdmissionRead = admissionOf(store)
): Promise<UpgradeDecision> {
	const docName = docNameFromUrl(req.url);
	if (docName === null) return { ok: false, status: UpgradeStatus.notFound, reason: 'not a collab path' };
	if (!originAllowed(req, appOrigin)) return { ok: false, status: UpgradeStatus.forbidden, reason: 'foreign origin' };
	const token = sessionTokenOf(req);
	if (!token) return { ok: false, status: UpgradeStatus.unauthenticated, reason: 'no session cookie' };
	const generation = cache?.generation ?? 0;
	const cached = cache?.session(sessionIdFromToken(token)) ?? null;
	if (cached && !admit(cached.session)) return tooMany;
	const known = cached ? (cache?.membership(cached.user.id, docName) ?? null) : null;
	let person: SessionEntry;
	let decision: DocMembership;
	if (cached && known) {
		person = cached;
		decision = known;
	} else {
		const asked = await ask(store, read, token, docName, now);
		if (!asked) return { ok: false, status: UpgradeStatus.unauthenticated, reason: 'invalid or expired session' };
		// Charged once per upgrade: here when the session was not known before the round trip.
		if (!cached && !admit(asked.person.session)) return tooMany;
		({ person, decision } = asked);
		cache?.keepSession(person, generation);
		if (decision.status === 'ok') cache?.keepMembership(person.user.id, docName, decision, generation);
	}
	if (decision.status === 'not-found') return { ok: false, status: UpgradeStatus.notFound, reason: 'unknown document' };
	if (decision.status === 'forbidden') return { ok: false, status: UpgradeStatus.forbidden, reason: 'not a member' };
	const { user, identity, agencyKind } = person;
	// A copy of the session per socket: its expiry is re-read and moved on per socket (socket-session.ts).
	const session = { ...person.session };
	return { ok: true, admission: { docName, ref: decision.ref, boardId: decision.boardId, access: decision.access, role: decision.role, user, identity, agencyKind, session } };
}

const tooMany = { ok: false, status: UpgradeStatus.tooMany, reason: 'members’ upgrade budget used up' } as const;

/**
 * The session (checked for expiry and renewed as every session read is, auth/sessions.ts) and its
 * access to the document, in one round trip; null when the session is not valid. A name that is
 * no document is still answered after the session (401 before 404, as for any other name).
 */
async function ask(store: Store, read: AdmissionRead, token: string, docName: string, now: Date): Promise<{ person: SessionEntry; decision: DocMembership } | null> {
	const id = sessionIdFromToken(token);
	const ref = parseDocName(docName);
	const found = ref ? await read(id, docPlace(ref)) : null;
	const { session, user } = await liveSession(store, ref ? found : await store.sessions.get(id), now);
	if (!session) return null;
	const agency = found?.agency ?? null;
	const person = { session, user, identity: collabIdentity(user, agency), agencyKind: agency?.kind ?? null };
	const decision: DocMembership = ref && found ? membershipFrom(ref, user.id, found.place, found.role) : { status: 'not-found' };
	return { person, decision };
}

const STATUS_TEXT: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests', 500: 'Internal Server Error' };

/** Answers a refused upgrade with a plain HTTP response and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number): void {
	if (socket.destroyed) return;
	const text = STATUS_TEXT[status] ?? 'Error';
	socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
}
