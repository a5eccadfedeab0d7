import type { Agency, BacklogItem, DocPlace, SessionAdmission, Board, BoardMember, CalendarFeed, Erasure, Invite, InviteAcceptance, Meeting, MeetingChange, MeetingEvent, Publication, RegisterAction, SealedProtocol, StoredTemplate, User } from './types.js';
import { isLifecycleStatus, type LifecycleStatus } from '../../domain/meeting-lifecycle.js';
import type { Addendum } from '../../domain/addendum.js';
import type { AgencyKind } from '../../domain/agencies.js';
import type { BoardRole, InviteRole } from '../../domain/roles.js';
import type { ActionStatus } from '../../domain/board-doc.js';
import { boardLanguage } from '../../domain/board-language.js';

/**
 * Row → domain object mappers, shared by every adapter: the SQL drivers and PostgREST both
 * return rows (and the jsonb of the store functions) keyed by snake_case column names. Instants
 * arrive as Dates (SQL drivers) or ISO strings (JSON), ids of bigint columns as numbers or
 * strings; the mappers accept either.
 */
export type Row = Record<string, unknown>;

export const date = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const dateOrNull = (value: unknown): Date | null => (value == null ? null : date(value));
const text = (value: unknown): string | null => (value == null ? null : String(value));

/** A nested object of a row (jsonb, or a PostgREST embedding); throws rather than map nonsense. */
export function nested(r: Row, key: string): Row {
	const value = r[key];
	if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`expected an object in ${key}`);
	return value as Row;
}

export const toUser = (r: Row): User => ({
	id: String(r.id),
	email: String(r.email),
	displayName: String(r.display_name),
	agencyId: String(r.agency_id),
	createdAt: date(r.created_at),
	...(r.kind === 'guest' ? { guest: true as const } : {}),
	...(r.easy_mode === true ? { easyMode: true as const } : {})
});


export const toAgency = (r: Row): Agency => ({
	id: String(r.id),
	name: String(r.name),
	kind: String(r.kind) as AgencyKind,
	color: String(r.color)
});

export const toBoard = (r: Row): Board => ({
	id: String(r.id),
	name: String(r.name),
	description: String(r.description),
	createdBy: String(r.created_by),
	createdAt: date(r.created_at),
	language: boardLanguage(r.language)
});

/** One element of samtavla_board_members(). */
export const toBoardMember = (r: Row): BoardMember => ({
	user: toUser(nested(r, 'user')),
	agency: toAgency(nested(r, 'agency')),
	role: String(r.role) as BoardRole,
	joinedAt: date(r.joined_at)
});

export const toInvite = (r: Row): Invite => ({
	id: String(r.id),
	boardId: String(r.board_id),
	role: String(r.role) as InviteRole,
	createdBy: String(r.created_by),
	expiresAt: date(r.expires_at),
	revokedAt: dateOrNull(r.revoked_at),
	createdAt: date(r.created_at),
	maxUses: r.max_uses == null ? null : Number(r.max_uses),
	uses: Number(r.uses ?? 0)
});

const ACCEPT_OUTCOMES = ['joined', 'member', 'unknown', 'revoked', 'expired', 'used-up', 'removed'] as const;

/** samtavla_accept_invite()'s jsonb; throws rather than map an outcome it does not know. */
export function toInviteAcceptance(value: unknown): InviteAcceptance {
	const r = (typeof value === 'string' ? JSON.parse(value) : value) as Row | null;
	const outcome = r?.outcome as InviteAcceptance['outcome'];
	if (!ACCEPT_OUTCOMES.includes(outcome)) throw new TypeError(`samtavla_accept_invite: unexpected result ${JSON.stringify(value)}`);
	if (outcome === 'joined' || outcome === 'member') return { outcome, role: String(r!.role) as BoardRole };
	return { outcome };
}

/** samtavla_erase_user's jsonb answer. */
export function toErasure(value: unknown): Erasure {
	const r = (typeof value === 'string' ? JSON.parse(value) : value) as Row | null;
	const list = (key: string) => (Array.isArray(r?.[key]) ? (r[key] as unknown[]).map(String) : []);
	if (r?.outcome === 'erased') return { outcome: 'erased', sessionIds: list('sessions') };
	if (r?.outcome === 'last-owner') return { outcome: 'last-owner', boardIds: list('boards') };
	if (r?.outcome === 'not-found') return { outcome: 'not-found' };
	throw new TypeError(`samtavla_erase_user: unexpected result ${JSON.stringify(value)}`);
}

export const toMeeting = (r: Row): Meeting => ({
	id: String(r.id),
	boardId: String(r.board_id),
	title: String(r.title),
	startsAt: date(r.starts_at),
	place: String(r.place),
	accessibilityNotes: String(r.accessibility_notes),
	onlineUrl: String(r.online_url),
	createdBy: String(r.created_by),
	createdAt: date(r.created_at),
	status: lifecycleStatus(r.status),
	statusChangedAt: dateOrNull(r.status_changed_at),
	cancelReason: String(r.cancel_reason ?? ''),
	sequence: Number(r.sequence ?? 0),
	updatedAt: dateOrNull(r.updated_at),
	revision: Number(r.revision ?? 0),
	adjustment: r.adjustment ?? null,
	lengthMinutes: r.length_minutes == null ? null : Number(r.length_minutes),
	seriesId: r.series_id == null ? null : String(r.series_id),
	agendaSentAt: dateOrNull(r.agenda_sent_at)
});

/** samtavla_meeting_agenda_sent's answer: null when the meeting is gone. */
export function toAgendaSent(value: unknown): { previous: Date | null } | undefined {
	const r = (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown> | null;
	return r && typeof r === 'object' ? { previous: dateOrNull(r.previous) } : undefined;
}

export const toBacklogItem = (r: Row): BacklogItem => ({
	id: String(r.id),
	boardId: String(r.board_id),
	title: String(r.title),
	description: String(r.description ?? ''),
	sourceMeetingId: r.source_meeting_id == null ? null : String(r.source_meeting_id),
	sourceItemId: r.source_item_id == null ? null : String(r.source_item_id),
	createdBy: r.created_by == null ? null : String(r.created_by),
	createdAt: date(r.created_at),
	scheduledMeetingId: r.scheduled_meeting_id == null ? null : String(r.scheduled_meeting_id),
	scheduledAt: dateOrNull(r.scheduled_at),
	removedAt: dateOrNull(r.removed_at),
	removedBy: r.removed_by == null ? null : String(r.removed_by)
});

/** jsonb as stored: a string from PostgREST's text cast or an array from the drivers. */
export const toTemplate = (r: Row): StoredTemplate => {
	const items: unknown = typeof r.standing_items === 'string' ? JSON.parse(r.standing_items) : r.standing_items;
	return {
		standingItems: Array.isArray(items) ? items.filter((i): i is string => typeof i === 'string') : [],
		lengthMinutes: Number(r.length_minutes),
		updatedAt: date(r.updated_at)
	};
};

/** The table's check constraint allows only these; anything else is a schema out of step. */
function lifecycleStatus(value: unknown): LifecycleStatus {
	if (!isLifecycleStatus(value)) throw new TypeError(`unknown meeting status ${JSON.stringify(value)}`);
	return value;
}

const detailObject = (value: unknown): Record<string, unknown> =>
	value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

export const toMeetingEvent = (r: Row): MeetingEvent => ({
	kind: String(r.kind),
	actorId: text(r.actor_id),
	at: date(r.at),
	detail: detailObject(r.detail)
});

/** A sealed protocol; the two states come as bytes from the caller's own decoding (SQL or PostgREST). */
export const toSealedProtocol = (r: Row, states: { meetingState: Uint8Array; voicesState: Uint8Array }): SealedProtocol => ({
	meetingId: String(r.meeting_id),
	hash: String(r.hash),
	format: Number(r.format),
	canonical: String(r.canonical),
	...states,
	approvals: r.approvals,
	sealedAt: date(r.sealed_at)
});

export const toPublication = (r: Row): Publication => ({
	meetingId: String(r.meeting_id),
	boardId: String(r.board_id),
	pathDate: String(r.path_date),
	publishedBy: r.published_by == null ? null : String(r.published_by),
	publishedAt: date(r.published_at),
	unpublishedBy: r.unpublished_by == null ? null : String(r.unpublished_by),
	unpublishedAt: dateOrNull(r.unpublished_at)
});

/** An addendum row; approvals are the server's own JSON (checked shape, else none). */
export const toAddendum = (r: Row): Addendum & { revision: number } => ({
	number: Number(r.number),
	text: String(r.text),
	by: String(r.created_by ?? ''),
	at: date(r.created_at).toISOString(),
	hash: String(r.hash),
	approvals: Array.isArray(r.approvals)
		? r.approvals.flatMap((a: unknown) => {
				const { by, at } = (a ?? {}) as Record<string, unknown>;
				return typeof by === 'string' && typeof at === 'string' ? [{ by, at }] : [];
			})
		: [],
	approvedAt: r.approved_at == null ? null : date(r.approved_at).toISOString(),
	revision: Number(r.revision ?? 0)
});

/** `meetings.change` as the arguments of samtavla_meeting_change (jsonb as JSON text). */
export function meetingChangeArgs(id: string, c: MeetingChange) {
	const details = c.details && {
		title: c.details.title,
		startsAt: c.details.startsAt.toISOString(),
		place: c.details.place,
		accessibilityNotes: c.details.accessibilityNotes,
		onlineUrl: c.details.onlineUrl
	};
	return {
		p_id: id,
		p_revision: c.revision,
		p_status: c.status ?? null,
		p_cancel_reason: c.cancelReason ?? null,
		p_details: details ? JSON.stringify(details) : null,
		p_adjustment: c.adjustment === undefined ? null : JSON.stringify(c.adjustment),
		p_bump_sequence: c.bumpSequence,
		p_event_kind: c.event.kind,
		p_actor_id: c.event.actorId,
		p_at: c.event.at.toISOString(),
		p_detail: JSON.stringify(c.event.detail)
	};
}

export const toFeed = (r: Row): CalendarFeed => ({
	tokenHash: String(r.token_hash),
	userId: String(r.user_id),
	createdAt: date(r.created_at),
	revokedAt: dateOrNull(r.revoked_at)
});

/** One element of samtavla_register_actions(). */
export const toRegisterAction = (r: Row): RegisterAction => ({
	boardId: String(r.board_id),
	boardName: String(r.board_name),
	id: String(r.id),
	title: String(r.title),
	description: String(r.description),
	agencyId: String(r.agency_id),
	agencyName: text(r.agency_name),
	agencyColor: text(r.agency_color),
	raisedByAgencyId: String(r.raised_by_agency_id),
	raisedByAgencyName: text(r.raised_by_agency_name),
	assigneeId: text(r.assignee_id),
	assigneeName: text(r.assignee_name),
	dueDate: text(r.due_date),
	status: String(r.status) as ActionStatus,
	meetingId: text(r.meeting_id),
	itemId: text(r.item_id),
	createdBy: String(r.created_by),
	createdAt: date(r.created_at),
	statusChangedBy: text(r.status_changed_by),
	statusChangedAt: dateOrNull(r.status_changed_at),
	outcome: text(r.outcome) ?? ''
});

/** One element of samtavla_stale_projections(). */
export const toStaleProjection = (r: Row): { docName: string; boardId: string; lastUpdateId: number } => ({
	docName: String(r.doc_name),
	boardId: String(r.board_id),
	lastUpdateId: Number(r.last_update_id)
});

/** A jsonb array returned by a store function, as rows; anything else is a broken contract. */
export function jsonRows(value: unknown, fn: string): Row[] {
	if (!Array.isArray(value)) throw new TypeError(`${fn} returned ${value === null ? 'null' : typeof value}, expected a JSON array`);
	return value as Row[];
}

/** The arguments of samtavla_session_admissions: one element per asked session and place (a board, or a meeting). */
export const admissionsArgs = (asked: Array<{ id: string; place: DocPlace }>) => ({
	p_session_ids: asked.map((a) => a.id),
	p_board_ids: asked.map(({ place }) => ('boardId' in place ? place.boardId : null)),
	p_meeting_ids: asked.map(({ place }) => ('meetingId' in place ? place.meetingId : null))
});

/** The rows of samtavla_session_admissions(), back in the order asked (`ask_n` counts from 1); null where none. */
export function toSessionAdmissions(rows: Row[], count: number): Array<SessionAdmission | null> {
	const answers: Array<SessionAdmission | null> = Array.from({ length: count }, () => null);
	for (const r of rows) answers[Number(r.ask_n) - 1] = toSessionAdmission(r);
	return answers;
}

/** A row of samtavla_session_admissions(). */
const toSessionAdmission = (r: Row): SessionAdmission => ({
	session: { id: String(r.session_id), userId: String(r.user_id), expiresAt: date(r.expires_at) },
	user: toUser({ ...r, id: r.user_id }),
	agency: r.agency_name == null ? null : toAgency({ id: r.agency_id, name: r.agency_name, kind: r.agency_kind, color: r.agency_color }),
	place:
		r.board_id == null
			? null
			: { boardId: String(r.board_id), meeting: r.meeting_id == null ? null : { id: String(r.meeting_id), status: lifecycleStatus(r.meeting_status), adjustment: r.meeting_adjustment ?? null } },
	role: r.role == null ? null : (String(r.role) as BoardRole)
});
