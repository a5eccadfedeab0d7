import type { SqlExecutor } from './executor.js';
import type { MembershipChange, Store } from '../types.js';
import type { BoardRole } from '../../../domain/roles.js';
import { date, jsonRows, meetingChangeArgs, toAddendum, toBoard, toBoardMember, toInvite, toInviteAcceptance, toMeeting, toMeetingEvent, toSealedProtocol, toAgendaSent } from '../rows.js';
import { toBytes } from './executor.js';

/** Membership rules (one owner at least, the stronger role kept) live in the store's SQL functions. */
export function boards(db: SqlExecutor): Store['boards'] {
	return {
		async create(b, ownerId) {
			await db.query(
				`select samtavla_create_board(p_id => $1, p_name => $2, p_description => $3, p_created_by => $4, p_created_at => $5, p_owner_id => $6)`,
				[b.id, b.name, b.description, b.createdBy, b.createdAt, ownerId]
			);
		},
		async get(id) {
			const [row] = await db.query('select * from boards where id = $1', [id]);
			return row ? toBoard(row) : null;
		},
		async listForUser(userId) {
			const [row] = await db.query('select samtavla_boards_for_user(p_user_id => $1) as list', [userId]);
			return jsonRows(row.list, 'samtavla_boards_for_user').map((r) => ({ ...toBoard(r), role: r.role as BoardRole }));
		},
		async members(boardId) {
			const [row] = await db.query('select samtavla_board_members(p_board_id => $1) as list', [boardId]);
			return jsonRows(row.list, 'samtavla_board_members').map(toBoardMember);
		},
		async role(boardId, userId) {
			const [row] = await db.query('select role from board_members where board_id = $1 and user_id = $2', [boardId, userId]);
			return row ? (row.role as BoardRole) : null;
		},
		async addMember(boardId, userId, role) {
			const [row] = await db.query('select samtavla_add_member(p_board_id => $1, p_user_id => $2, p_role => $3) as role', [boardId, userId, role]);
			return row.role as BoardRole;
		},
		async setRole(boardId, userId, role) {
			const [row] = await db.query('select samtavla_set_member_role(p_board_id => $1, p_user_id => $2, p_role => $3) as outcome', [boardId, userId, role]);
			return row.outcome as MembershipChange;
		},
		async removeMember(boardId, userId, at) {
			const [row] = await db.query('select samtavla_remove_member(p_board_id => $1, p_user_id => $2, p_at => $3) as outcome', [boardId, userId, at]);
			return row.outcome as MembershipChange;
		},
		async removedAt(boardId, userId) {
			const [row] = await db.query('select removed_at from board_removals where board_id = $1 and user_id = $2', [boardId, userId]);
			return row ? date(row.removed_at) : null;
		},
		async setLanguage(boardId, language) {
			return (await db.query('update boards set language = $2 where id = $1 returning id', [boardId, language])).length > 0;
		}
	};
}

export function invites(db: SqlExecutor): Store['invites'] {
	return {
		async create(i) {
			await db.query(
				`insert into invites (id, board_id, token_hash, role, created_by, expires_at, created_at, max_uses, uses)
				 values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
				[i.id, i.boardId, i.tokenHash, i.role, i.createdBy, i.expiresAt, i.createdAt, i.maxUses, i.uses]
			);
		},
		async findByTokenHash(tokenHash) {
			const [row] = await db.query('select * from invites where token_hash = $1', [tokenHash]);
			return row ? toInvite(row) : null;
		},
		async listForBoard(boardId) {
			return (await db.query('select * from invites where board_id = $1 order by created_at desc, id', [boardId])).map(toInvite);
		},
		async revoke(id, at) {
			await db.query('update invites set revoked_at = $2 where id = $1 and revoked_at is null', [id, at]);
		},
		async accept(tokenHash, userId, at) {
			const [row] = await db.query('select samtavla_accept_invite(p_token_hash => $1, p_user_id => $2, p_at => $3) as result', [tokenHash, userId, at]);
			return toInviteAcceptance(row.result);
		}
	};
}

export function meetings(db: SqlExecutor): Store['meetings'] {
	return {
		async create(m) {
			await db.query(
				`insert into meetings (id, board_id, title, starts_at, place, accessibility_notes, online_url, created_by, created_at, length_minutes, series_id)
				 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
				[m.id, m.boardId, m.title, m.startsAt, m.place, m.accessibilityNotes, m.onlineUrl, m.createdBy, m.createdAt, m.lengthMinutes ?? null, m.seriesId ?? null]
			);
		},
		async get(id) {
			const [row] = await db.query('select * from meetings where id = $1', [id]);
			return row ? toMeeting(row) : null;
		},
		async listForBoard(boardId) {
			return (await db.query('select * from meetings where board_id = $1 order by starts_at desc, id', [boardId])).map(toMeeting);
		},
		async change(id, change) {
			const a = meetingChangeArgs(id, change);
			const [row] = await db.query(
				`select samtavla_meeting_change(p_id => $1, p_revision => $2, p_status => $3, p_cancel_reason => $4,
				   p_details => $5::text::jsonb, p_adjustment => $6::text::jsonb, p_bump_sequence => $7, p_event_kind => $8,
				   p_actor_id => $9, p_at => $10::timestamptz, p_detail => $11::text::jsonb) as revision`,
				[a.p_id, a.p_revision, a.p_status, a.p_cancel_reason, a.p_details, a.p_adjustment, a.p_bump_sequence, a.p_event_kind, a.p_actor_id, a.p_at, a.p_detail]
			);
			return row.revision == null ? null : Number(row.revision);
		},
		async events(id) {
			return (await db.query('select * from meeting_events where meeting_id = $1 order by id', [id])).map(toMeetingEvent);
		},
		async markAgendaSent(id, at) {
			const [row] = await db.query('select samtavla_meeting_agenda_sent(p_meeting_id => $1, p_at => $2) as sent', [id, at]);
			return toAgendaSent(row.sent);
		}
	};
}

/** Adjusted protocols: sealed by samtavla_meeting_seal, never changed. */
export function protocols(db: SqlExecutor): Store['protocols'] {
	const sealed = (row: Record<string, unknown>) =>
		toSealedProtocol(row, { meetingState: toBytes(row.meeting_state), voicesState: toBytes(row.voices_state) });
	return {
		async seal(p, revision, adjustment, actorId) {
			const [row] = await db.query(
				`select samtavla_meeting_seal(p_id => $1, p_revision => $2, p_adjustment => $3::text::jsonb, p_hash => $4, p_format => $5,
				   p_canonical => $6, p_meeting_state => $7, p_voices_state => $8, p_approvals => $9::text::jsonb, p_actor_id => $10,
				   p_at => $11::timestamptz) as sealed`,
				[p.meetingId, revision, JSON.stringify(adjustment), p.hash, p.format, p.canonical, p.meetingState, p.voicesState, JSON.stringify(p.approvals), actorId, p.sealedAt.toISOString()]
			);
			return row.sealed === true;
		},
		async get(meetingId) {
			const [row] = await db.query('select * from meeting_protocols where meeting_id = $1', [meetingId]);
			return row ? sealed(row) : null;
		},
		async findByHash(hash) {
			const [row] = await db.query('select * from meeting_protocols where hash = $1', [hash]);
			return row ? sealed(row) : null;
		}
	};
}

/** Addenda through their store functions; approvals as JSON text (cast to jsonb in SQL). */
export function addenda(db: SqlExecutor): Store['addenda'] {
	return {
		async add(meetingId, a) {
			const [row] = await db.query(
				'select samtavla_addendum_add(p_meeting_id => $1, p_number => $2, p_text => $3, p_hash => $4, p_created_by => $5, p_created_at => $6::timestamptz) as added',
				[meetingId, a.number, a.text, a.hash, a.by, a.at]
			);
			return row.added === true;
		},
		async list(meetingId) {
			return (await db.query('select * from protocol_addenda where meeting_id = $1 order by number', [meetingId])).map(toAddendum);
		},
		async findByHash(hash) {
			const [row] = await db.query('select * from protocol_addenda where hash = $1', [hash]);
			return row ? { ...toAddendum(row), meetingId: String(row.meeting_id) } : null;
		},
		async approve(meetingId, a, revision, actorId, at) {
			const [row] = await db.query(
				`select samtavla_addendum_approve(p_meeting_id => $1, p_number => $2, p_revision => $3, p_approvals => $4::text::jsonb,
				   p_approved_at => $5::timestamptz, p_actor_id => $6, p_at => $7::timestamptz) as approved`,
				[meetingId, a.number, revision, JSON.stringify(a.approvals), a.approvedAt, actorId, at.toISOString()]
			);
			return row.approved === true;
		}
	};
}
