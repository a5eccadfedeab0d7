// Over 300 lines on purpose: the calendar feed end to end (tokens, which meetings and actions a feed holds, RFC 5545 text with venue and series details), one concern read top to bottom.
import type { ActionStatus } from '../../domain/board-doc.js';
import { generateToken, hashToken, isTokenShape } from '../auth/tokens.js';
import type { Meeting, MeetingVenue, RegisterAction, Store, User } from '../store/types.js';
import type { VenueFeature } from '../../domain/venue.js';

/**
 * Personal calendar feeds (RFC 5545): a secret URL per person with their meetings and the due
 * dates of their own and their agency's open action items. Only the token's SHA-256 is stored,
 * as for sessions; a new link ends the old one and revoking ends it for good.
 */

export const MEETING_HOURS = 2;

// ---- the feed's secret ----------------------------------------------------------------------

type FeedStore = Pick<Store, 'calendarFeeds'>;

/** A new secret for the person (the only copy is returned), replacing any earlier one. */
export async function createCalendarToken(store: FeedStore, userId: string, now = new Date()): Promise<string> {
	const token = generateToken();
	await store.calendarFeeds.replace({ tokenHash: hashToken(token), userId, createdAt: now });
	return token;
}

export async function revokeCalendarToken(store: FeedStore, userId: string, now = new Date()): Promise<void> {
	await store.calendarFeeds.revokeForUser(userId, now);
}

/** When the person's live link was made, or null when they have none. */
export async function activeCalendarSince(store: FeedStore, userId: string): Promise<Date | null> {
	return (await store.calendarFeeds.activeForUser(userId))?.createdAt ?? null;
}

/** Whose feed a token opens: null for malformed, unknown and revoked tokens alike. */
export async function userIdForCalendarToken(store: FeedStore, token: string): Promise<string | null> {
	if (!isTokenShape(token)) return null;
	const feed = await store.calendarFeeds.findByTokenHash(hashToken(token));
	return feed && !feed.revokedAt ? feed.userId : null;
}

/** The person whose feed a token opens, or null (malformed, unknown, revoked, or the account gone). */
export async function userForCalendarToken(store: Pick<Store, 'calendarFeeds' | 'users'>, token: string): Promise<User | null> {
	const userId = await userIdForCalendarToken(store, token);
	return userId ? await store.users.get(userId) : null;
}

// ---- what goes in it ------------------------------------------------------------------------

/** Texts in the person's language; the service itself knows no language. */
export interface CalendarLabels {
	calendarName: (name: string) => string;
	actionSummary: (title: string) => string;
	board: (name: string) => string;
	accessibility: (notes: string) => string;
	online: (url: string) => string;
	agency: (name: string) => string;
	assignee: (name: string) => string;
	status: (status: ActionStatus) => string;
	/** A cancelled meeting's description starts with this (the reason may be ''). */
	cancelled: (reason: string) => string;
	/** A meeting's chosen venue, as text (issue 12, point 10); without these the venue is left out. */
	venue?: VenueLabels;
}

export interface VenueLabels {
	name: (name: string) => string;
	host: (agency: string) => string;
	/** The features the venue has, named in the person's language and joined into one line. */
	features: (names: string[]) => string;
	feature: (feature: VenueFeature) => string;
	interpreting: (languages: string) => string;
	notes: (notes: string) => string;
}

export type CalendarEvent =
	| {
			kind: 'timed';
			uid: string;
			start: Date;
			end: Date;
			summary: string;
			location?: string;
			description?: string;
			url?: string;
			/** iCal SEQUENCE: bumped when the entry changes, so calendar programs take the new version. */
			sequence?: number;
			lastModified?: Date;
			status?: 'CONFIRMED' | 'CANCELLED';
	  }
	| {
			kind: 'all-day';
			uid: string;
			/** YYYY-MM-DD */
			date: string;
			summary: string;
			description?: string;
			url?: string;
	  };

export interface Calendar {
	name: string;
	events: CalendarEvent[];
}

type CalendarStore = {
	boards: Pick<Store['boards'], 'listForUser'>;
	meetings: Pick<Store['meetings'], 'listForBoard'>;
	actions: Pick<Store['actions'], 'listForUser'>;
	/** Optional so that a feed without venues still works (and older fakes in tests). */
	venues?: Pick<Store['venues'], 'forBoardMeetings'>;
};

const UID_DOMAIN = 'samtavla';

/** The person's meetings on every board they belong to, and their and their agency's open actions. */
export async function userCalendar(
	store: CalendarStore,
	user: Pick<User, 'id' | 'displayName'>,
	options: { origin: string; labels: CalendarLabels; now?: Date }
): Promise<Calendar> {
	const { origin, labels } = options;
	const today = (options.now ?? new Date()).toISOString().slice(0, 10);
	const boards = await store.boards.listForUser(user.id);
	const boardNames = new Map(boards.map((b) => [b.id, b.name]));
	const meetings = (await Promise.all(boards.map((b) => store.meetings.listForBoard(b.id)))).flat();
	const venues = new Map(
		(await Promise.all(boards.map((b) => store.venues?.forBoardMeetings(b.id) ?? new Map<string, MeetingVenue>()))).flatMap((m) => [...m])
	);
	// "Mine" and "my agency's" overlap when I am assigned my own agency's action: one event each.
	const [mine, agency] = await Promise.all([
		store.actions.listForUser(user.id, { mine: true, today }),
		store.actions.listForUser(user.id, { myAgency: true, today })
	]);
	const actions = [...new Map([...mine, ...agency].map((a) => [`${a.boardId}/${a.id}`, a])).values()].filter(
		(a) => a.status !== 'done' && a.dueDate
	);

	const events: CalendarEvent[] = [
		...meetings
			.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
			.map((meeting) => meetingEvent(meeting, boardNames.get(meeting.boardId) ?? '', origin, labels, venues.get(meeting.id) ?? null)),
		...actions.map((action) => actionEvent(action, origin, labels))
	];
	return { name: labels.calendarName(user.displayName), events };
}

export function meetingEvent(meeting: Meeting, boardName: string, origin: string, labels: CalendarLabels, venue: MeetingVenue | null): CalendarEvent {
	const cancelled = meeting.status === 'cancelled';
	const description = [
		cancelled && labels.cancelled(meeting.cancelReason),
		boardName && labels.board(boardName),
		...(venue && labels.venue ? venueLines(venue, labels.venue) : []),
		meeting.accessibilityNotes && labels.accessibility(meeting.accessibilityNotes),
		meeting.onlineUrl && labels.online(meeting.onlineUrl)
	].filter(Boolean);
	return {
		kind: 'timed',
		uid: `meeting-${meeting.id}@${UID_DOMAIN}`,
		start: meeting.startsAt,
		// Its planned length (from the board's template when it was created), else the usual two hours.
		end: new Date(meeting.startsAt.getTime() + (meeting.lengthMinutes ?? MEETING_HOURS * 60) * 60 * 1000),
		summary: meeting.title,
		// The address alone, so calendar programs can map it; the venue's access goes in the description.
		location: venue?.address || meeting.place || undefined,
		description: description.join('\n'),
		url: `${origin}/meetings/${meeting.id}`,
		sequence: meeting.sequence,
		lastModified: meeting.updatedAt ?? undefined,
		status: cancelled ? 'CANCELLED' : 'CONFIRMED'
	};
}

/** A chosen venue in the description: its name, host, features (as words), interpreting and notes. */
function venueLines(venue: MeetingVenue, labels: VenueLabels): string[] {
	// Interpreting with its languages gets a line of its own; without languages it is one feature among the others.
	const languages = venue.features.includes('interpreting') ? venue.interpretingLanguages.trim() : '';
	const features = venue.features.filter((f) => f !== 'interpreting' || languages === '').map(labels.feature);
	return [
		labels.name(venue.name),
		venue.hostAgency && labels.host(venue.hostAgency),
		features.length > 0 && labels.features(features),
		languages && labels.interpreting(languages),
		venue.notes && labels.notes(venue.notes)
	].filter((line): line is string => typeof line === 'string' && line !== '');
}

function actionEvent(action: RegisterAction, origin: string, labels: CalendarLabels): CalendarEvent {
	const description = [
		labels.board(action.boardName),
		action.agencyName && labels.agency(action.agencyName),
		action.assigneeName && labels.assignee(action.assigneeName),
		labels.status(action.status),
		action.description
	].filter(Boolean);
	return {
		kind: 'all-day',
		uid: `action-${action.boardId}-${action.id}@${UID_DOMAIN}`,
		date: action.dueDate!,
		summary: labels.actionSummary(action.title),
		description: description.join('\n'),
		url: `${origin}/boards/${action.boardId}`
	};
}

// ---- RFC 5545 -------------------------------------------------------------------------------

/** TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped. */
export function escapeText(value: string): string {
	return value
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n')
		// Other control characters are not allowed in TEXT.
		.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/** Lines longer than 75 octets are folded with CRLF + space, never inside a UTF-8 character (§3.1). */
export function foldLine(line: string): string {
	const encoder = new TextEncoder();
	if (encoder.encode(line).length <= 75) return line;
	const parts: string[] = [];
	let current = '';
	let octets = 0;
	// The first line holds 75 octets; continuation lines start with a space, leaving 74.
	let limit = 75;
	for (const char of line) {
		const size = encoder.encode(char).length;
		if (octets + size > limit) {
			parts.push(current);
			current = '';
			octets = 0;
			limit = 74;
		}
		current += char;
		octets += size;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

const pad = (n: number) => String(n).padStart(2, '0');
/** DATE-TIME in UTC: 20261203T120000Z. */
export function utcStamp(date: Date): string {
	return (
		`${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
		`T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`
	);
}

function dayValue(day: string): string {
	return day.replace(/-/g, '');
}

function nextDay(day: string): string {
	const date = new Date(`${day}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + 1);
	return date.toISOString().slice(0, 10).replace(/-/g, '');
}

/** Only http(s) URIs, normalised (non-ASCII percent-encoded): nothing can break the line structure. */
function uri(value: string): string | null {
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
	} catch {
		return null;
	}
}

/** The whole VCALENDAR, CRLF line endings, folded, ending with CRLF. */
export function serializeCalendar(calendar: Calendar, now = new Date()): string {
	const stamp = utcStamp(now);
	const lines: string[] = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Samtavla//Samtavla calendar feed//SV',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${escapeText(calendar.name)}`,
		`NAME:${escapeText(calendar.name)}`,
		// Calendar programs that honour it fetch again every hour.
		'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
		'X-PUBLISHED-TTL:PT1H'
	];
	for (const event of calendar.events) {
		lines.push('BEGIN:VEVENT', `UID:${escapeText(event.uid)}`, `DTSTAMP:${stamp}`);
		if (event.kind === 'timed') {
			lines.push(`DTSTART:${utcStamp(event.start)}`, `DTEND:${utcStamp(event.end)}`);
			if (event.sequence !== undefined) lines.push(`SEQUENCE:${Math.max(0, Math.trunc(event.sequence))}`);
			if (event.lastModified) lines.push(`LAST-MODIFIED:${utcStamp(event.lastModified)}`);
			if (event.status) lines.push(`STATUS:${event.status}`);
		} else {
			lines.push(`DTSTART;VALUE=DATE:${dayValue(event.date)}`, `DTEND;VALUE=DATE:${nextDay(event.date)}`, 'TRANSP:TRANSPARENT');
		}
		lines.push(`SUMMARY:${escapeText(event.summary)}`);
		if (event.kind === 'timed' && event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
		if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
		const url = event.url ? uri(event.url) : null;
		if (url) lines.push(`URL:${url}`);
		lines.push('END:VEVENT');
	}
	lines.push('END:VCALENDAR');
	return lines.map(foldLine).join('\r\n') + '\r\n';
}
