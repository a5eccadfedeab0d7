import { m } from '$lib/paraglide/messages.js';
import { LANGUAGE_TAGS, PROTOCOL_TIME_ZONES, type BoardLanguage } from '$lib/domain/board-language';
import type { MailKind } from '$lib/domain/mail';
import { mailKindName } from '$lib/i18n/mail-kinds';
import { renderHtml, renderText, type MailParts } from './render';
import type { BoardDigest, DigestAction } from '$lib/domain/weekly-digest';

/**
 * Each kind of message in the recipient's language (Paraglide with `{ locale }`, as the protocol's
 * labels): subject and parts, then the one renderer (render.ts) for text and HTML. Only services
 * import this (SvelteKit's bundle); the worker in `server/` sends what was rendered here.
 */
export interface Recipient {
	address: string;
	/** The person's name when they have an account; invitations to an address have none. */
	name: string | null;
	language: BoardLanguage;
}

export interface Rendered {
	subject: string;
	text: string;
	html: string;
}

export const kindName = (kind: MailKind, locale: BoardLanguage): string => mailKindName(kind, locale);

/** A date and time as the recipient reads it, in the zone the board meets in. */
export function dateTime(date: Date, language: BoardLanguage, boardLanguage: BoardLanguage): string {
	return new Intl.DateTimeFormat(LANGUAGE_TAGS[language], { dateStyle: 'full', timeStyle: 'short', timeZone: PROTOCOL_TIME_ZONES[boardLanguage] }).format(date);
}

export function day(date: Date | string, language: BoardLanguage, boardLanguage: BoardLanguage): string {
	const d = typeof date === 'string' ? new Date(`${date}T12:00:00Z`) : date;
	return new Intl.DateTimeFormat(LANGUAGE_TAGS[language], { dateStyle: 'long', timeZone: PROTOCOL_TIME_ZONES[boardLanguage] }).format(d);
}

function compose(to: Recipient, kind: MailKind, subject: string, paragraphs: string[], action: { label: string; url: string }, unsubscribeUrl: string): Rendered {
	const locale = to.language;
	const o = { locale };
	// Titles are people's text: no line break may reach a header.
	subject = subject.replace(/[\r\n\t\u2028\u2029]+/g, ' ').trim();
	const parts: MailParts = {
		lang: LANGUAGE_TAGS[locale],
		subject,
		greeting: to.name ? m.mail_greeting({ name: to.name }, o) : m.mail_greeting_anonymous({}, o),
		paragraphs,
		action,
		footer: m.mail_footer_why({}, o),
		unsubscribe: { question: m.mail_footer_unsubscribe_html({ kind: kindName(kind, locale) }, o), linkLabel: m.mail_footer_unsubscribe_link({}, o), url: unsubscribeUrl }
	};
	return { subject, text: renderText(parts), html: renderHtml(parts) };
}

export function invitation(
	to: Recipient,
	p: { inviter: string; board: string; boardLanguage: BoardLanguage; link: string; expiresAt: Date; unsubscribeUrl: string }
): Rendered {
	const o = { locale: to.language };
	return compose(
		to,
		'invitation',
		m.mail_invitation_subject({ board: p.board }, o),
		[m.mail_invitation_body({ inviter: p.inviter, board: p.board }, o), m.mail_invitation_expires({ date: day(p.expiresAt, to.language, p.boardLanguage) }, o)],
		{ label: m.mail_invitation_action({}, o), url: p.link },
		p.unsubscribeUrl
	);
}

/** A guest's link to one meeting (issue 14, point 1): no account, one button. */
export function guestInvitation(
	to: Recipient,
	p: { inviter: string; meeting: string; board: string; startsAt: Date; boardLanguage: BoardLanguage; link: string; expiresAt: Date; unsubscribeUrl: string }
): Rendered {
	const o = { locale: to.language };
	return compose(
		to,
		'invitation',
		m.mail_guest_subject({ meeting: p.meeting }, o),
		[
			m.mail_guest_body({ inviter: p.inviter, meeting: p.meeting, board: p.board, date: dateTime(p.startsAt, to.language, p.boardLanguage) }, o),
			m.mail_guest_how({}, o),
			m.mail_invitation_expires({ date: day(p.expiresAt, to.language, p.boardLanguage) }, o)
		],
		{ label: m.mail_guest_action({}, o), url: p.link },
		p.unsubscribeUrl
	);
}

/** A one-time sign-in link (issue 14, point 1): works once, for a quarter of an hour. */
export function signInLink(to: Recipient, p: { link: string; expiresAt: Date; unsubscribeUrl: string }): Rendered {
	const o = { locale: to.language };
	const time = new Intl.DateTimeFormat(LANGUAGE_TAGS[to.language], { timeStyle: 'short', timeZone: PROTOCOL_TIME_ZONES[to.language] }).format(p.expiresAt);
	return compose(to, 'signInLink', m.mail_signin_subject({}, o), [m.mail_signin_body({ time }, o), m.mail_signin_ignore({}, o)], { label: m.mail_signin_action({}, o), url: p.link }, p.unsubscribeUrl);
}

export type MeetingKind = 'meetingCreated' | 'meetingChanged' | 'meetingCancelled';

export function meetingNotice(
	to: Recipient,
	kind: MeetingKind,
	p: { meeting: string; board: string; boardLanguage: BoardLanguage; startsAt: Date; place: string; reason: string; link: string; unsubscribeUrl: string }
): Rendered {
	const o = { locale: to.language };
	const date = dateTime(p.startsAt, to.language, p.boardLanguage);
	const args = { meeting: p.meeting, board: p.board, date };
	const [subject, body] =
		kind === 'meetingCreated'
			? [m.mail_meeting_created_subject(args, o), m.mail_meeting_created_body(args, o)]
			: kind === 'meetingChanged'
				? [m.mail_meeting_changed_subject(args, o), m.mail_meeting_changed_body(args, o)]
				: [m.mail_meeting_cancelled_subject(args, o), m.mail_meeting_cancelled_body(args, o)];
	const paragraphs: string[] = [body, m.mail_meeting_when({ date }, o)];
	if (p.place) paragraphs.push(m.mail_meeting_where({ place: p.place }, o));
	if (kind === 'meetingCancelled' && p.reason) paragraphs.push(p.reason);
	paragraphs.push(m.mail_meeting_calendar({}, o));
	return compose(to, kind, subject, paragraphs, { label: m.mail_meeting_action({}, o), url: p.link }, p.unsubscribeUrl);
}

export function actionAssigned(
	to: Recipient,
	p: { action: string; board: string; boardLanguage: BoardLanguage; dueDate: string | null; link: string; unsubscribeUrl: string }
): Rendered {
	const o = { locale: to.language };
	const paragraphs: string[] = [m.mail_action_assigned_body({ action: p.action, board: p.board }, o)];
	if (p.dueDate) paragraphs.push(m.mail_action_due({ date: day(p.dueDate, to.language, p.boardLanguage) }, o));
	return compose(to, 'actionAssigned', m.mail_action_assigned_subject({ action: p.action }, o), paragraphs, { label: m.mail_action_action({}, o), url: p.link }, p.unsubscribeUrl);
}

export type AdjustmentKind = 'adjustmentRequested' | 'protocolAdjusted';

/** The minutes sent for adjustment (to the chair and the adjusters), or adjusted (to every member). */
export function adjustmentNotice(
	to: Recipient,
	kind: AdjustmentKind,
	p: { meeting: string; board: string; boardLanguage: BoardLanguage; startsAt: Date; link: string; unsubscribeUrl: string }
): Rendered {
	const o = { locale: to.language };
	const args = { meeting: p.meeting, board: p.board, date: dateTime(p.startsAt, to.language, p.boardLanguage) };
	const [subject, body] =
		kind === 'adjustmentRequested'
			? [m.mail_adjust_requested_subject(args, o), m.mail_adjust_requested_body(args, o)]
			: [m.mail_adjusted_subject(args, o), m.mail_adjusted_body(args, o)];
	return compose(to, kind, subject, [body], { label: m.mail_protocol_action({}, o), url: p.link }, p.unsubscribeUrl);
}

/** An action due in three days, or past its due date. */
export function actionReminder(
	to: Recipient,
	kind: 'actionDueSoon' | 'actionOverdue',
	p: { action: string; board: string; boardLanguage: BoardLanguage; dueDate: string; link: string; unsubscribeUrl: string }
): Rendered {
	const o = { locale: to.language };
	const args = { action: p.action, board: p.board, date: day(p.dueDate, to.language, p.boardLanguage) };
	const [subject, body] =
		kind === 'actionDueSoon' ? [m.mail_due_soon_subject(args, o), m.mail_due_soon_body(args, o)] : [m.mail_overdue_subject(args, o), m.mail_overdue_body(args, o)];
	return compose(to, kind, subject, [body], { label: m.mail_action_action({}, o), url: p.link }, p.unsubscribeUrl);
}

/** A list under a heading, one line each: plain text keeps the lines, HTML breaks them (render.ts). */
const list = (heading: string, lines: string[]): string => [heading, ...lines.map((line) => `• ${line}`)].join('\n');

/** The agenda sent to the members (issue 14, point 7): time, place and each § with its title; "updated" after the first sending. */
export function agendaPublished(
	to: Recipient,
	p: {
		updated: boolean;
		sender: string;
		meeting: string;
		board: string;
		boardLanguage: BoardLanguage;
		startsAt: Date;
		place: string;
		/** An internal § (left out of the public version) is listed without its title. */
		items: Array<{ number: number; title: string; internal: boolean }>;
		link: string;
		unsubscribeUrl: string;
	}
): Rendered {
	const o = { locale: to.language };
	const date = dateTime(p.startsAt, to.language, p.boardLanguage);
	const args = { meeting: p.meeting, board: p.board, date, sender: p.sender };
	const subject = p.updated ? m.mail_agenda_updated_subject(args, o) : m.mail_agenda_subject(args, o);
	const paragraphs: string[] = [p.updated ? m.mail_agenda_updated_body(args, o) : m.mail_agenda_body(args, o), m.mail_meeting_when({ date }, o)];
	if (p.place) paragraphs.push(m.mail_meeting_where({ place: p.place }, o));
	paragraphs.push(
		p.items.length
			? list(
					m.mail_agenda_items({}, o),
					p.items.map((item) => (item.internal ? m.mail_agenda_internal_item({ number: item.number }, o) : `§ ${item.number} ${item.title.replace(/\s+/g, ' ').trim()}`))
				)
			: m.mail_agenda_empty({}, o)
	);
	return compose(to, 'agendaPublished', subject, paragraphs, { label: m.mail_meeting_action({}, o), url: p.link }, p.unsubscribeUrl);
}

export type AskAnswer =
	| { outcome: 'scheduled'; meeting: string; startsAt: Date; number: number | null }
	| { outcome: 'action'; agency: string }
	| { outcome: 'declined'; reason: string };

/** The person who asked is told what came of it (issue 14, point 7). */
export function askAnswered(to: Recipient, p: { board: string; boardLanguage: BoardLanguage; answerer: string; ask: string; answer: AskAnswer; link: string; unsubscribeUrl: string }): Rendered {
	const o = { locale: to.language };
	const a = p.answer;
	const outcome =
		a.outcome === 'scheduled'
			? a.number
				? m.mail_ask_scheduled({ meeting: a.meeting, date: dateTime(a.startsAt, to.language, p.boardLanguage), number: String(a.number) }, o)
				: m.mail_ask_scheduled_no_number({ meeting: a.meeting, date: dateTime(a.startsAt, to.language, p.boardLanguage) }, o)
			: a.outcome === 'action'
				? m.mail_ask_action({ agency: a.agency }, o)
				: m.mail_ask_declined({ reason: a.reason }, o);
	const paragraphs: string[] = [m.mail_ask_body({ board: p.board, answerer: p.answerer }, o), `“${p.ask.trim()}”`, outcome];
	return compose(to, 'askAnswered', m.mail_ask_subject({}, o), paragraphs, { label: m.mail_ask_action_link({}, o), url: p.link }, p.unsubscribeUrl);
}

/** One board's week for the reader's agency (domain/weekly-digest.ts): owed both ways, who waits on whom, overdue. */
export function weeklyDigest(
	to: Recipient,
	p: { agency: string; board: string; boardLanguage: BoardLanguage; today: string; digest: BoardDigest; link: string; unsubscribeUrl: string }
): Rendered {
	const o = { locale: to.language };
	const due = (a: DigestAction) => (a.dueDate ? m.mail_digest_due({ date: day(a.dueDate, to.language, p.boardLanguage) }, o) : m.mail_digest_no_date({}, o));
	const line = (a: DigestAction, other: string | null, label: (args: { agency: string }, o: { locale: BoardLanguage }) => string) =>
		[a.title.replace(/\s+/g, ' ').trim(), due(a), ...(other ? [label({ agency: other }, o)] : [])].join(', ');
	const d = p.digest;
	const paragraphs: string[] = [m.mail_digest_body({ agency: p.agency, board: p.board, date: day(p.today, to.language, p.boardLanguage) }, o)];
	if (d.overdue.length) paragraphs.push(list(m.mail_digest_overdue({}, o), d.overdue.map((a) => line(a, a.agencyName, m.mail_digest_by_agency))));
	if (d.owe.length) paragraphs.push(list(m.mail_digest_owe({}, o), d.owe.map((a) => line(a, a.raisedByAgencyName === p.agency ? null : a.raisedByAgencyName, m.mail_digest_raised_by))));
	if (d.owed.length) paragraphs.push(list(m.mail_digest_owed({}, o), d.owed.map((a) => line(a, a.agencyName, m.mail_digest_by_agency))));
	if (d.waitingOnUs.length) paragraphs.push(list(m.mail_digest_waiting_on_us({}, o), d.waitingOnUs.map((c) => `${c.agency}: ${c.count}`)));
	if (d.weWaitOn.length) paragraphs.push(list(m.mail_digest_we_wait_on({}, o), d.weWaitOn.map((c) => `${c.agency}: ${c.count}`)));
	return compose(to, 'weeklyDigest', m.mail_digest_subject({ agency: p.agency, board: p.board }, o), paragraphs, { label: m.mail_digest_action({}, o), url: p.link }, p.unsubscribeUrl);
}
