import * as v from 'valibot';
import { canCreateMeeting } from '../../domain/roles.js';
import { fieldErrors } from '../../domain/schemas.js';
import { GuestInviteSchema, PRIVATE_PERSON, guestExpiry, guestStatus, type GuestStatus } from '../../domain/guests.js';
import { pickAgencyColor } from '../../domain/agencies.js';
import type { BoardLanguage } from '../../domain/board-language.js';
import { newId } from '../../domain/ids.js';
import { createSession } from '../auth/sessions.js';
import { generateToken, hashToken, isTokenShape } from '../auth/tokens.js';
import type { LiveConnections, LiveDocs, LiveDocWriter } from '../runtime.js';
import type { Logger } from '../logger.js';
import { docName } from '../../domain/doc-names.js';
import { addGuest, listGuests as attendanceGuests } from '../../domain/meeting-doc.js';
import type { Meeting, MeetingGuest, Session, Store, User } from '../store/types.js';
import { boardPeople } from './people.js';
import * as mail from './mail.js';
import { fail, ok, type Result } from './result.js';

/**
 * Guest links for one meeting (issue 14, point 1). The owner or an editor invites someone by
 * name; the link (shown, and as a QR code) lets them in with no account, to that meeting only,
 * until it expires or is revoked. The token is a secret kept only in the link: the store has its hash.
 */

/** The agency name a private person is shown under, in the board's language (one agency per name). */
const PRIVATE_PERSON_NAMES: Record<BoardLanguage, string> = { sv: 'Privatperson', en: 'Private person', da: 'Privatperson' };

const mayInvite = async (store: Store, user: User, meeting: Meeting) => canCreateMeeting(await store.boards.role(meeting.boardId, user.id));

/** The agency a guest is shown under: one of the board's, or "private person" (found or made). */
async function guestAgency(store: Store, boardId: string, choice: string): Promise<string | null> {
	if (choice === PRIVATE_PERSON) {
		const board = await store.boards.get(boardId);
		const name = PRIVATE_PERSON_NAMES[board?.language ?? 'sv'];
		const existing = await store.agencies.findByName(name);
		if (existing) return existing.id;
		const id = newId();
		await store.agencies.create({ id, name, kind: 'other', color: pickAgencyColor((await store.agencies.list()).map((a) => a.color)) });
		return id;
	}
	const { agencies } = await boardPeople(store, boardId);
	return agencies.some((a) => a.id === choice) ? choice : null;
}

export async function inviteGuest(store: Store, user: User, meeting: Meeting, raw: unknown, now = new Date()): Promise<Result<{ guest: MeetingGuest; token: string }>> {
	if (!(await mayInvite(store, user, meeting))) return fail({ _form: 'error_not_allowed' });
	const parsed = v.safeParse(GuestInviteSchema, raw);
	if (!parsed.success) return fail(fieldErrors(parsed.issues));
	const agencyId = await guestAgency(store, meeting.boardId, parsed.output.agencyId);
	if (!agencyId) return fail({ agencyId: 'guest_error_agency' });
	const token = generateToken();
	const id = newId();
	await store.guests.create({
		id,
		meetingId: meeting.id,
		userId: newId(),
		displayName: parsed.output.displayName,
		agencyId,
		role: parsed.output.role,
		createdBy: user.id,
		createdAt: now,
		expiresAt: guestExpiry(meeting.startsAt, now),
		tokenHash: hashToken(token)
	});
	const guest = (await store.guests.listForMeeting(meeting.id)).find((g) => g.id === id);
	if (!guest) throw new Error(`guest ${id} was not stored`);
	return ok({ guest, token });
}

export type GuestListEntry = Pick<MeetingGuest, 'id' | 'displayName' | 'agencyName' | 'agencyColor' | 'role' | 'expiresAt' | 'firstOpenedAt'> & { status: GuestStatus };

/** The meeting's guests for its owner and editors (null for everyone else: they see no links). */
export async function listGuests(store: Store, user: User, meeting: Meeting, now = new Date()): Promise<GuestListEntry[] | null> {
	if (!(await mayInvite(store, user, meeting))) return null;
	return (await store.guests.listForMeeting(meeting.id)).map((g) => ({
		id: g.id,
		displayName: g.displayName,
		agencyName: g.agencyName,
		agencyColor: g.agencyColor,
		role: g.role,
		expiresAt: g.expiresAt,
		firstOpenedAt: g.firstOpenedAt,
		status: guestStatus(g, now)
	}));
}

/** Ends a guest's link at once: their sessions end and their open documents are refused. */
export async function revokeGuest(deps: { store: Store; live: Pick<LiveConnections, 'refreshMeeting'> }, user: User, meeting: Meeting, guestId: string, now = new Date()): Promise<Result<{ name: string }>> {
	if (!(await mayInvite(deps.store, user, meeting))) return fail({ _form: 'error_not_allowed' });
	const guest = (await deps.store.guests.listForMeeting(meeting.id)).find((g) => g.id === guestId);
	if (!guest) return fail({ _form: 'guest_error_unknown' });
	await deps.store.guests.revoke(guest.id, now);
	await deps.live.refreshMeeting(meeting.id);
	return ok({ name: guest.displayName });
}

export interface GuestLinkLookup {
	state: 'valid' | 'expired' | 'revoked' | 'unknown';
	guest: MeetingGuest | null;
	meeting: Meeting | null;
}

/** What a guest link means for whoever opens it, at `now`. */
export async function lookupGuestLink(store: Store, token: string, now = new Date()): Promise<GuestLinkLookup> {
	const guest = isTokenShape(token) ? await store.guests.findByTokenHash(hashToken(token)) : null;
	const meeting = guest ? await store.meetings.get(guest.meetingId) : null;
	if (!guest || !meeting) return { state: 'unknown', guest: null, meeting: null };
	const status = guestStatus(guest, now);
	return { state: status === 'active' ? 'valid' : status, guest, meeting };
}

export const GUEST_LINK_REFUSALS = { unknown: 'guest_error_unknown', expired: 'guest_error_expired', revoked: 'guest_error_revoked' } as const;

/**
 * Comes in with the link: a session for the guest (no password, no cognitive test: WCAG 2.2 SC
 * 3.3.8), and their name in the meeting's attendance as a guest (the same list the secretary keeps
 * for guests, under the guest's own id, so it is there once however often they open the link).
 */
export async function openGuestLink(
	deps: { store: Store; live: Pick<LiveDocWriter & LiveDocs, 'changeDoc'>; logger: Pick<Logger, 'warn'> },
	token: string,
	now = new Date()
): Promise<Result<{ token: string; session: Session; meetingId: string; guestId: string }>> {
	const { store } = deps;
	const found = await lookupGuestLink(store, token, now);
	if (found.state !== 'valid' || !found.guest) return fail({ _form: GUEST_LINK_REFUSALS[found.state === 'valid' ? 'unknown' : found.state] });
	const guest = found.guest;
	const session = await createSession(store, guest.userId, now);
	await store.guests.markOpened(guest.id, now);
	try {
		await deps.live.changeDoc(docName({ kind: 'meeting', meetingId: guest.meetingId }), null, (doc) => {
			if (!attendanceGuests(doc).some((g) => g.id === guest.userId)) addGuest(doc, { name: guest.displayName, agency: guest.agencyName }, guest.userId);
		});
	} catch (error) {
		// An adjusted meeting takes no change: the guest still gets in, to read it.
		deps.logger.warn({ err: error, meetingId: guest.meetingId }, 'could not add the guest to the attendance');
	}
	return ok({ ...session, meetingId: guest.meetingId, guestId: guest.id });
}

/** The guest behind a signed-in guest user, while their link holds (null: it ended; they are signed out). */
export async function activeGuest(store: Store, user: User, now = new Date()): Promise<MeetingGuest | null> {
	if (!user.guest) return null;
	const guest = await store.guests.forUser(user.id);
	return guest && guestStatus(guest, now) === 'active' ? guest : null;
}

/** Sends a new guest's link to the address the inviter gave (mail.ts renders and queues it). */
export async function mailGuestLink(
	deps: mail.MailDeps,
	origin: string,
	p: { address: string; inviter: User; meeting: Meeting; guest: MeetingGuest; link: string }
): Promise<mail.Queued | null> {
	const board = await deps.store.boards.get(p.meeting.boardId);
	if (!board) return null;
	return mail.guestInvitation(deps, origin, { address: p.address, inviter: p.inviter, board, meeting: p.meeting, guestName: p.guest.displayName, link: p.link, guestId: p.guest.id, expiresAt: p.guest.expiresAt });
}
