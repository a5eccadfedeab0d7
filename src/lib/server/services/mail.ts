// Over 300 lines: one verb per kind of message, each a few lines around the shared queue(), plus
// the person's choices; kept together so every kind visibly renders, keys and queues the same way.
import { isBoardLanguage, type BoardLanguage } from '../../domain/board-language.js';
import { isMailKind, MAIL_KINDS, reminderDays, type MailKind } from '../../domain/mail.js';
import { newId } from '../../domain/ids.js';
import type { Config } from '../config.js';
import { generateToken, hashToken, isTokenShape } from '../auth/tokens.js';
import type { Board, Meeting, Store, User } from '../store/types.js';
import type { EnqueueResult, MailContent } from '../store/mail-types.js';
import * as messages from '../mail/messages.js';
import { mailQueued } from '../mail/wake.js';
import type { ActionAssignment } from '../mail/hooks.js';
import { meetingEvent, serializeCalendar, type CalendarLabels } from './calendar.js';
import { fail, ok, type Result } from './result.js';
import * as v from 'valibot';
import { EmailSchema } from '../../domain/schemas.js';
import { readAdjustment } from '../../domain/adjustment-json.js';
import { approverIds } from '../../domain/adjustment.js';
import { digestsByBoard, isDigestDay, isoWeek, type DigestAction } from '../../domain/weekly-digest.js';
import { loadRegister, type RegisterRow } from './action-register.js';
import { createHash } from 'node:crypto';

/**
 * E-mail as services see it (issue 14, points 6–7): each verb renders one kind of message in its
 * recipient's language and queues it in the outbox; the worker (mail/worker.ts) sends it. With
 * e-mail off (no SMTP_HOST) nothing is queued and every verb says 'off'.
 */
export interface MailDeps {
	store: Store;
	config: Pick<Config, 'smtp'>;
}

export type Queued = EnqueueResult | 'off';

export const mailEnabled = (config: Pick<Config, 'smtp'>): boolean => config.smtp !== undefined;

interface Outgoing {
	kind: MailKind;
	to: messages.Recipient;
	userId: string | null;
	dedupeKey: string;
	render: (unsubscribeUrl: string) => messages.Rendered;
	attachments?: MailContent['attachments'];
}

/** Renders with a fresh unsubscribe link and queues; the worker in this process is woken. */
async function queue({ store, config }: MailDeps, origin: string, out: Outgoing, now: Date): Promise<Queued> {
	if (!mailEnabled(config)) return 'off';
	const token = generateToken();
	const unsubscribeUrl = `${origin}/unsubscribe/${token}`;
	const rendered = out.render(unsubscribeUrl);
	const result = await store.outbox.enqueue({
		id: newId(),
		kind: out.kind,
		recipient: out.to.address,
		userId: out.userId,
		dedupeKey: out.dedupeKey,
		content: {
			to: out.to.address,
			...rendered,
			// RFC 8058: providers offer their own "unsubscribe" button and POST here without a confirmation.
			headers: { 'List-Unsubscribe': `<${unsubscribeUrl}/one-click>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
			attachments: out.attachments ?? []
		},
		unsubscribeHash: hashToken(token),
		createdAt: now
	});
	if (result === 'queued') mailQueued();
	return result;
}

/** The invite form's optional address: '' is none; with e-mail off any address is ignored (the form has no field then). */
export function inviteAddress(config: Pick<Config, 'smtp'>, raw: string): Result<string | null> {
	if (!mailEnabled(config) || raw.trim() === '') return ok(null);
	const parsed = v.safeParse(EmailSchema, raw);
	return parsed.success ? ok(parsed.output) : fail({ email: 'error_email_invalid' });
}

/** A board invitation link sent to an address; in the account's language when the address has one, else the board's. */
export async function invitation(
	deps: MailDeps,
	origin: string,
	p: { address: string; inviter: User; board: Board; link: string; inviteId: string; expiresAt: Date },
	now = new Date()
): Promise<Queued> {
	const account = await deps.store.users.findByEmail(p.address);
	const [recipient] = account ? await deps.store.mailPrefs.recipients([account.id]) : [];
	const to: messages.Recipient = { address: p.address, name: account?.displayName ?? null, language: recipient?.language ?? p.board.language };
	return queue(
		deps,
		origin,
		{
			kind: 'invitation',
			to,
			userId: account?.id ?? null,
			dedupeKey: `invitation:${p.inviteId}:${p.address.toLowerCase()}`,
			render: (unsubscribeUrl) =>
				messages.invitation(to, { inviter: p.inviter.displayName, board: p.board.name, boardLanguage: p.board.language, link: p.link, expiresAt: p.expiresAt, unsubscribeUrl })
		},
		now
	);
}

/** A guest's link to one meeting sent to an address (issue 14, point 1), in the board's language. */
export async function guestInvitation(
	deps: MailDeps,
	origin: string,
	p: { address: string; inviter: User; board: Board; meeting: Meeting; guestName: string; link: string; guestId: string; expiresAt: Date },
	now = new Date()
): Promise<Queued> {
	const to: messages.Recipient = { address: p.address, name: p.guestName, language: p.board.language };
	return queue(
		deps,
		origin,
		{
			kind: 'invitation',
			to,
			userId: null,
			dedupeKey: `guest:${p.guestId}:${p.address.toLowerCase()}`,
			render: (unsubscribeUrl) =>
				messages.guestInvitation(to, {
					inviter: p.inviter.displayName,
					meeting: p.meeting.title,
					board: p.board.name,
					startsAt: p.meeting.startsAt,
					boardLanguage: p.board.language,
					link: p.link,
					expiresAt: p.expiresAt,
					unsubscribeUrl
				})
		},
		now
	);
}

/** A one-time sign-in link to the person's own address, in their language (services/sign-in-links.ts makes it). */
export async function signInLink(deps: MailDeps, origin: string, p: { user: User; link: string; expiresAt: Date }, now = new Date()): Promise<Queued> {
	const [recipient] = await deps.store.mailPrefs.recipients([p.user.id]);
	const to: messages.Recipient = { address: p.user.email, name: p.user.displayName, language: recipient?.language ?? 'sv' };
	return queue(
		deps,
		origin,
		{
			kind: 'signInLink',
			to,
			userId: p.user.id,
			dedupeKey: `signInLink:${p.user.id}:${p.expiresAt.getTime()}`,
			render: (unsubscribeUrl) => messages.signInLink(to, { link: p.link, expiresAt: p.expiresAt, unsubscribeUrl })
		},
		now
	);
}

/**
 * One message to each of `members` who has an address and has not unsubscribed, addressed by the
 * name the board knows and in their own language; `message` gives the rest of each one.
 */
async function queueToMembers(
	deps: MailDeps,
	origin: string,
	members: Array<{ user: { id: string; displayName: string } }>,
	message: (to: messages.Recipient, userId: string) => Omit<Outgoing, 'to' | 'userId'>,
	now: Date
): Promise<Queued[]> {
	const names = new Map(members.map((member) => [member.user.id, member.user.displayName]));
	const results: Queued[] = [];
	for (const r of await deps.store.mailPrefs.recipients([...names.keys()])) {
		const to: messages.Recipient = { address: r.email, name: names.get(r.userId) ?? null, language: r.language };
		results.push(await queue(deps, origin, { ...message(to, r.userId), to, userId: r.userId }, now));
	}
	return results;
}

/**
 * A meeting was created, changed or cancelled: every member of its board but the person who did
 * it is told, with the meeting as an iCal event (same UID and SEQUENCE as the calendar feed, so a
 * calendar program updates the entry it has). One message per member and meeting revision.
 */
export async function meetingNotice(
	deps: MailDeps,
	origin: string,
	q: { kind: messages.MeetingKind; meetingId: string; actorId: string; labels: (language: BoardLanguage) => CalendarLabels },
	now = new Date()
): Promise<Queued[]> {
	if (!mailEnabled(deps.config)) return ['off'];
	// As stored now: the revision (one message per member and revision) and the iCal SEQUENCE.
	const meeting = await deps.store.meetings.get(q.meetingId);
	const board = meeting ? await deps.store.boards.get(meeting.boardId) : null;
	if (!meeting || !board) return [];
	const p = { ...q, meeting, board };
	const members = (await deps.store.boards.members(p.board.id)).filter((member) => member.user.id !== p.actorId);
	const venue = await deps.store.venues.forMeeting(p.meeting.id);
	const link = `${origin}/meetings/${p.meeting.id}`;
	return queueToMembers(
		deps,
		origin,
		members,
		(to, userId) => {
			const event = meetingEvent(p.meeting, p.board.name, origin, p.labels(to.language), venue);
			const ics = serializeCalendar({ name: p.board.name, events: [event] }, now);
			return {
				kind: p.kind,
				dedupeKey: `${p.kind}:${p.meeting.id}:${p.meeting.revision}:${userId}`,
				render: (unsubscribeUrl) =>
					messages.meetingNotice(to, p.kind, {
						meeting: p.meeting.title,
						board: p.board.name,
						boardLanguage: p.board.language,
						startsAt: p.meeting.startsAt,
						place: venue?.address || p.meeting.place,
						reason: p.meeting.cancelReason,
						link,
						unsubscribeUrl
					}),
				attachments: [{ filename: 'meeting.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: ics }]
			};
		},
		now
	);
}

/**
 * Actions of a board that got an assignee (seen by the action projection in the live board
 * document): each assignee is told once per action and assignee.
 */
export async function actionsAssigned(deps: MailDeps, origin: string, boardId: string, assignments: ActionAssignment[], now = new Date()): Promise<Queued[]> {
	if (!mailEnabled(deps.config)) return ['off'];
	const board = await deps.store.boards.get(boardId);
	if (!board) return [];
	const recipients = new Map((await deps.store.mailPrefs.recipients([...new Set(assignments.map((a) => a.assigneeId))])).map((r) => [r.userId, r]));
	const results: Queued[] = [];
	for (const a of assignments) {
		const r = recipients.get(a.assigneeId);
		if (!r) continue;
		const user = await deps.store.users.get(r.userId);
		const to: messages.Recipient = { address: r.email, name: user?.displayName ?? null, language: r.language };
		results.push(
			await queue(
				deps,
				origin,
				{
					kind: 'actionAssigned',
					to,
					userId: r.userId,
					dedupeKey: `actionAssigned:${board.id}:${a.actionId}:${a.assigneeId}`,
					render: (unsubscribeUrl) =>
						messages.actionAssigned(to, { action: a.title, board: board.name, boardLanguage: board.language, dueDate: a.dueDate, link: `${origin}/actions`, unsubscribeUrl })
				},
				now
			)
		);
	}
	return results;
}

/**
 * The minutes were sent for adjustment (the chair and the adjusters are asked to approve) or are
 * adjusted (every member is told); never the person who did it. One message per person and
 * meeting revision, so sending again after a reopening asks again.
 */
export async function adjustmentNotice(deps: MailDeps, origin: string, q: { kind: messages.AdjustmentKind; meetingId: string; actorId: string }, now = new Date()): Promise<Queued[]> {
	if (!mailEnabled(deps.config)) return ['off'];
	const meeting = await deps.store.meetings.get(q.meetingId);
	const board = meeting ? await deps.store.boards.get(meeting.boardId) : null;
	if (!meeting || !board) return [];
	const members = await deps.store.boards.members(board.id);
	const state = readAdjustment(meeting.adjustment);
	const wanted = q.kind === 'adjustmentRequested' ? new Set(state ? approverIds(state) : []) : new Set(members.map((member) => member.user.id));
	wanted.delete(q.actorId);
	return queueToMembers(
		deps,
		origin,
		members.filter((member) => wanted.has(member.user.id)),
		(to, userId) => ({
			kind: q.kind,
			dedupeKey: `${q.kind}:${meeting.id}:${meeting.revision}:${userId}`,
			render: (unsubscribeUrl) =>
				messages.adjustmentNotice(to, q.kind, {
					meeting: meeting.title,
					board: board.name,
					boardLanguage: board.language,
					startsAt: meeting.startsAt,
					link: `${origin}/meetings/${meeting.id}`,
					unsubscribeUrl
				})
		}),
		now
	);
}

/**
 * The daily reminders (run hourly; each is sent once): the assignee of an action due in three
 * days, and of one whose due date passed in the last week. Keyed by action, assignee and due date,
 * so a new date reminds again and nothing is sent twice for one date.
 */
export async function actionReminders(deps: MailDeps, origin: string, today: string, now = new Date()): Promise<Queued[]> {
	if (!mailEnabled(deps.config)) return ['off'];
	const days = reminderDays(today);
	const due = [
		...(await deps.store.mailPrefs.actionsDue(days.dueSoon, days.dueSoon)).map((a) => ({ ...a, kind: 'actionDueSoon' as const })),
		...(await deps.store.mailPrefs.actionsDue(days.overdueFrom, days.overdueTo)).map((a) => ({ ...a, kind: 'actionOverdue' as const }))
	];
	if (due.length === 0) return [];
	const recipients = new Map((await deps.store.mailPrefs.recipients([...new Set(due.map((a) => a.assigneeId))])).map((r) => [r.userId, r]));
	const boards = new Map<string, Board | null>();
	const results: Queued[] = [];
	for (const a of due) {
		const r = recipients.get(a.assigneeId);
		if (!boards.has(a.boardId)) boards.set(a.boardId, await deps.store.boards.get(a.boardId));
		const board = boards.get(a.boardId);
		if (!r || !board) continue;
		const user = await deps.store.users.get(r.userId);
		const to: messages.Recipient = { address: r.email, name: user?.displayName ?? null, language: r.language };
		results.push(
			await queue(
				deps,
				origin,
				{
					kind: a.kind,
					to,
					userId: r.userId,
					dedupeKey: `${a.kind}:${a.boardId}:${a.actionId}:${a.assigneeId}:${a.dueDate}`,
					render: (unsubscribeUrl) =>
						messages.actionReminder(to, a.kind, { action: a.title, board: board.name, boardLanguage: board.language, dueDate: a.dueDate, link: `${origin}/actions`, unsubscribeUrl })
				},
				now
			)
		);
	}
	return results;
}

/**
 * The agenda sent to the members by an owner or editor (services/agenda-mail.ts decides who may and
 * reads the agenda): every member who has not unsubscribed, the sender included (they see what
 * went out). Keyed by what the message says (title, time, place, the §§), so sending the same
 * agenda twice sends nothing more, and a changed one goes out again, marked as updated when an
 * earlier one was sent.
 */
export async function agendaPublished(
	deps: MailDeps,
	origin: string,
	p: { meeting: Meeting; board: Board; sender: User; items: Array<{ number: number; title: string; internal: boolean }>; updated: boolean },
	now = new Date()
): Promise<Queued[]> {
	if (!mailEnabled(deps.config)) return ['off'];
	const members = await deps.store.boards.members(p.board.id);
	const venue = await deps.store.venues.forMeeting(p.meeting.id);
	const place = venue?.address || p.meeting.place;
	const version = createHash('sha256')
		.update(JSON.stringify([p.meeting.title, p.meeting.startsAt.toISOString(), place, p.items.map((item) => [item.number, item.title])]))
		.digest('hex')
		.slice(0, 32);
	return queueToMembers(
		deps,
		origin,
		members,
		(to, userId) => ({
			kind: 'agendaPublished',
			dedupeKey: `agendaPublished:${p.meeting.id}:${version}:${userId}`,
			render: (unsubscribeUrl) =>
				messages.agendaPublished(to, {
					updated: p.updated,
					sender: p.sender.displayName,
					meeting: p.meeting.title,
					board: p.board.name,
					boardLanguage: p.board.language,
					startsAt: p.meeting.startsAt,
					place,
					items: p.items,
					link: `${origin}/meetings/${p.meeting.id}`,
					unsubscribeUrl
				})
		}),
		now
	);
}

/** What an answered ask became, as services/asks.ts `answer` reports it. */
export interface AnsweredAsk {
	boardId: string;
	askId: string;
	/** The person who asked; not told when they answered it themselves. */
	askerId: string;
	askText: string;
	outcome: 'scheduled' | 'action' | 'declined';
	meetingId: string | null;
	/** The § the scheduled item has now. */
	number: number | null;
	agencyId: string | null;
	reason: string;
}

/** The person who asked is told the outcome, once per ask, with a link to the board. */
export async function askAnswered(deps: MailDeps, origin: string, p: AnsweredAsk & { answerer: User }, now = new Date()): Promise<Queued[]> {
	if (!mailEnabled(deps.config)) return ['off'];
	if (p.askerId === p.answerer.id) return [];
	const board = await deps.store.boards.get(p.boardId);
	const [r] = await deps.store.mailPrefs.recipients([p.askerId]);
	const asker = await deps.store.users.get(p.askerId);
	// Someone removed from the board since (or erased) is not written to: its link would not open for them.
	if (!board || !r || !asker || asker.displayName === '' || (await deps.store.boards.role(p.boardId, p.askerId)) === null) return [];
	let answer: messages.AskAnswer;
	if (p.outcome === 'scheduled') {
		const meeting = p.meetingId ? await deps.store.meetings.get(p.meetingId) : null;
		if (!meeting) return [];
		answer = { outcome: 'scheduled', meeting: meeting.title, startsAt: meeting.startsAt, number: p.number };
	} else if (p.outcome === 'action') {
		const agency = p.agencyId ? await deps.store.agencies.get(p.agencyId) : null;
		answer = { outcome: 'action', agency: agency?.name ?? '' };
	} else {
		answer = { outcome: 'declined', reason: p.reason };
	}
	const to: messages.Recipient = { address: r.email, name: asker.displayName, language: r.language };
	return [
		await queue(
			deps,
			origin,
			{
				kind: 'askAnswered',
				to,
				userId: r.userId,
				dedupeKey: `askAnswered:${p.boardId}:${p.askId}`,
				render: (unsubscribeUrl) =>
					messages.askAnswered(to, { board: board.name, boardLanguage: board.language, answerer: p.answerer.displayName, ask: p.askText, answer, link: `${origin}/boards/${board.id}`, unsubscribeUrl })
			},
			now
		)
	];
}

const toDigestAction = (r: RegisterRow): DigestAction => ({
	id: r.id,
	boardId: r.boardId,
	title: r.title,
	dueDate: r.dueDate,
	overdue: r.overdue,
	agencyName: r.agency.name,
	raisedByAgencyName: r.raisedByAgencyName,
	assigneeName: r.assigneeName
});

/**
 * The weekly digest (Mondays, from the hourly reminder job): each member with an agency gets one
 * message per board about their agency's commitments, read from the action register as they
 * would see it ("my agency's" and "owed to my agency"). Members without an agency get none: the
 * digest is about what an agency owes and is owed, and they have none to speak for (their own
 * actions still get the reminders). Nothing to say is not sent; one per member, board and ISO week.
 */
export async function weeklyDigests(deps: MailDeps, origin: string, today: string, now = new Date()): Promise<Queued[]> {
	if (!mailEnabled(deps.config) || !isDigestDay(today)) return mailEnabled(deps.config) ? [] : ['off'];
	const week = isoWeek(today);
	const boards = new Map<string, Board>();
	const people = new Map<string, { user: User; agencyName: string; boardIds: string[] }>();
	// Every board (the retention list is the store's list of all boards, as the daily upkeep reads it).
	for (const { boardId } of await deps.store.retention.list()) {
		const board = await deps.store.boards.get(boardId);
		if (!board) continue;
		boards.set(boardId, board);
		for (const member of await deps.store.boards.members(boardId)) {
			if (!member.user.agencyId || !member.agency?.name || member.user.displayName === '') continue;
			const person = people.get(member.user.id) ?? { user: member.user, agencyName: member.agency.name, boardIds: [] };
			person.boardIds.push(boardId);
			people.set(member.user.id, person);
		}
	}
	const recipients = new Map((await deps.store.mailPrefs.recipients([...people.keys()])).map((r) => [r.userId, r]));
	const results: Queued[] = [];
	for (const { user, agencyName, boardIds } of people.values()) {
		const r = recipients.get(user.id);
		if (!r) continue;
		const read = (who: 'agency' | 'owed') => loadRegister(deps.store, user, { who, status: 'active', overdue: false }, today);
		const [ours, owed] = await Promise.all([read('agency'), read('owed')]);
		const digests = digestsByBoard(boardIds, ours.map(toDigestAction), owed.map(toDigestAction), agencyName);
		for (const digest of digests) {
			const board = boards.get(digest.boardId)!;
			const to: messages.Recipient = { address: r.email, name: user.displayName, language: r.language };
			results.push(
				await queue(
					deps,
					origin,
					{
						kind: 'weeklyDigest',
						to,
						userId: user.id,
						dedupeKey: `weeklyDigest:${board.id}:${user.id}:${week}`,
						render: (unsubscribeUrl) =>
							messages.weeklyDigest(to, { agency: agencyName, board: board.name, boardLanguage: board.language, today, digest, link: `${origin}/actions?who=agency`, unsubscribeUrl })
					},
					now
				)
			);
		}
	}
	return results;
}

/** The person's language follows the one they use the app in (sign-up, the language switch). */
export async function rememberLanguage(store: Store, userId: string, language: string): Promise<void> {
	if (isBoardLanguage(language)) await store.mailPrefs.setLanguage(userId, language);
}

/** What /account shows: e-mail on or off, and each kind with whether the person still gets it. */
export async function preferences(deps: MailDeps, user: User): Promise<{ enabled: boolean; address: string; kinds: Array<{ kind: MailKind; on: boolean }> }> {
	const out = new Set(await deps.store.mailPrefs.optOuts(user.email));
	return { enabled: mailEnabled(deps.config), address: user.email, kinds: MAIL_KINDS.map((kind) => ({ kind, on: !out.has(kind) })) };
}

/** The /account form: the kinds ticked stay on, the others are unsubscribed. */
export async function setPreferences(deps: MailDeps, user: User, ticked: string[], now = new Date()): Promise<void> {
	const on = new Set(ticked.filter(isMailKind));
	for (const kind of MAIL_KINDS) await deps.store.mailPrefs.setOptOut(user.email, kind, !on.has(kind), now);
}

/** What an unsubscribe link is for; null for a token we never sent. */
export async function unsubscribeTarget(store: Store, token: string): Promise<{ address: string; kind: MailKind } | null> {
	if (!isTokenShape(token)) return null;
	return store.mailPrefs.unsubscribeTarget(hashToken(token));
}

/** The unsubscribe link's confirmation (or a provider's one-click POST): that address gets no more of that kind. */
export async function unsubscribe(store: Store, token: string, now = new Date()): Promise<{ address: string; kind: MailKind } | null> {
	const target = await unsubscribeTarget(store, token);
	if (target) await store.mailPrefs.setOptOut(target.address, target.kind, true, now);
	return target;
}
