import type { Agency, Board, Invite, Meeting, User } from '../types.js';
import type { AgencyKind } from '../../../domain/agencies.js';
import type { InviteRole } from '../../../domain/roles.js';

/** Row → domain object mappers, shared by every SQL store module. */
type Row = Record<string, unknown>;

export const date = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));

export const USER_COLUMNS = 'u.id, u.email, u.display_name, u.agency_id, u.created_at';
export const toUser = (r: Row): User => ({
	id: String(r.id),
	email: String(r.email),
	displayName: String(r.display_name),
	agencyId: String(r.agency_id),
	createdAt: date(r.created_at)
});

export const AGENCY_COLUMNS = 'a.id as agency_id_, a.name as agency_name, a.kind as agency_kind, a.color as agency_color';
export const toAgency = (r: Row): Agency => ({
	id: String(r.agency_id_ ?? r.id),
	name: String(r.agency_name ?? r.name),
	kind: String(r.agency_kind ?? r.kind) as AgencyKind,
	color: String(r.agency_color ?? r.color)
});

export const toBoard = (r: Row): Board => ({
	id: String(r.id),
	name: String(r.name),
	description: String(r.description),
	createdBy: String(r.created_by),
	createdAt: date(r.created_at)
});

export const toInvite = (r: Row): Invite => ({
	id: String(r.id),
	boardId: String(r.board_id),
	role: String(r.role) as InviteRole,
	createdBy: String(r.created_by),
	expiresAt: date(r.expires_at),
	revokedAt: r.revoked_at == null ? null : date(r.revoked_at),
	createdAt: date(r.created_at)
});

export const toMeeting = (r: Row): Meeting => ({
	id: String(r.id),
	boardId: String(r.board_id),
	title: String(r.title),
	startsAt: date(r.starts_at),
	place: String(r.place),
	accessibilityNotes: String(r.accessibility_notes),
	onlineUrl: String(r.online_url),
	createdBy: String(r.created_by),
	createdAt: date(r.created_at)
});
