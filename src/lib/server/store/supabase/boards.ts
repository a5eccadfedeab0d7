import type { SupabaseClient } from '@supabase/supabase-js';
import type { MembershipChange, Store } from '../types.js';
import type { BoardRole } from '../../../domain/roles.js';
import { date, jsonRows, meetingChangeArgs, toAddendum, toBoard, toBoardMember, toInvite, toInviteAcceptance, toMeeting, toMeetingEvent, toSealedProtocol, toAgendaSent } from '../rows.js';
import { fromPostgrestBytea, toPostgrestBytea } from './bytea.js';
import { dataOf, rowOf, rowsOf, rpc, selectAll } from './request.js';

/** Membership rules (one owner at least, the stronger role kept) live in the store's SQL functions. */
export function boards(db: SupabaseClient): Store['boards'] {
	return {
		async create(b, ownerId) {
			await rpc(db, 'samtavla_create_board', {
				p_id: b.id,
				p_name: b.name,
				p_description: b.description,
				p_created_by: b.createdBy,
				p_created_at: b.createdAt.toISOString(),
				p_owner_id: ownerId
			});
		},
		async get(id) {
			const row = rowOf('select from boards', await db.from('boards').select('*').eq('id', id).maybeSingle());
			return row ? toBoard(row) : null;
		},
		async listForUser(userId) {
			const list = jsonRows(await rpc(db, 'samtavla_boards_for_user', { p_user_id: userId }), 'samtavla_boards_for_user');
			return list.map((r) => ({ ...toBoard(r), role: r.role as BoardRole }));
		},
		async members(boardId) {
			return jsonRows(await rpc(db, 'samtavla_board_members', { p_board_id: boardId }), 'samtavla_board_members').map(toBoardMember);
		},
		async role(boardId, userId) {
			const row = rowOf('select from board_members', await db.from('board_members').select('role').eq('board_id', boardId).eq('user_id', userId).maybeSingle());
			return row ? (row.role as BoardRole) : null;
		},
		async addMember(boardId, userId, role) {
			return (await rpc(db, 'samtavla_add_member', { p_board_id: boardId, p_user_id: userId, p_role: role })) as BoardRole;
		},
		async setRole(boardId, userId, role) {
			return (await rpc(db, 'samtavla_set_member_role', { p_board_id: boardId, p_user_id: userId, p_role: role })) as MembershipChange;
		},
		async removeMember(boardId, userId, at) {
			return (await rpc(db, 'samtavla_remove_member', { p_board_id: boardId, p_user_id: userId, p_at: at.toISOString() })) as MembershipChange;
		},
		async removedAt(boardId, userId) {
			const row = rowOf(
				'select from board_removals',
				await db.from('board_removals').select('removed_at').eq('board_id', boardId).eq('user_id', userId).maybeSingle()
			);
			return row ? date(row.removed_at) : null;
		},
		async setLanguage(boardId, language) {
			return rowsOf('update boards', await db.from('boards').update({ language }).eq('id', boardId).select('id')).length > 0;
		}
	};
}

export function invites(db: SupabaseClient): Store['invites'] {
	return {
		async create(i) {
			dataOf(
				'insert into invites',
				await db.from('invites').insert({
					id: i.id,
					board_id: i.boardId,
					token_hash: i.tokenHash,
					role: i.role,
					created_by: i.createdBy,
					expires_at: i.expiresAt.toISOString(),
					created_at: i.createdAt.toISOString(),
					max_uses: i.maxUses,
					uses: i.uses
				})
			);
		},
		async findByTokenHash(tokenHash) {
			const row = rowOf('select from invites', await db.from('invites').select('*').eq('token_hash', tokenHash).maybeSingle());
			return row ? toInvite(row) : null;
		},
		async listForBoard(boardId) {
			const rows = await selectAll('select from invites', (from, to) =>
				db.from('invites').select('*', { count: 'exact' }).eq('board_id', boardId).order('created_at', { ascending: false }).order('id').range(from, to)
			);
			return rows.map(toInvite);
		},
		async revoke(id, at) {
			dataOf('update invites', await db.from('invites').update({ revoked_at: at.toISOString() }).eq('id', id).is('revoked_at', null));
		},
		async accept(tokenHash, userId, at) {
			return toInviteAcceptance(await rpc(db, 'samtavla_accept_invite', { p_token_hash: tokenHash, p_user_id: userId, p_at: at.toISOString() }));
		}
	};
}

export function meetings(db: SupabaseClient): Store['meetings'] {
	return {
		async create(m) {
			dataOf(
				'insert into meetings',
				await db.from('meetings').insert({
					id: m.id,
					board_id: m.boardId,
					title: m.title,
					starts_at: m.startsAt.toISOString(),
					place: m.place,
					accessibility_notes: m.accessibilityNotes,
					online_url: m.onlineUrl,
					created_by: m.createdBy,
					created_at: m.createdAt.toISOString(),
					length_minutes: m.lengthMinutes ?? null,
					series_id: m.seriesId ?? null
				})
			);
		},
		async get(id) {
			const row = rowOf('select from meetings', await db.from('meetings').select('*').eq('id', id).maybeSingle());
			return row ? toMeeting(row) : null;
		},
		async listForBoard(boardId) {
			const rows = await selectAll('select from meetings', (from, to) =>
				db.from('meetings').select('*', { count: 'exact' }).eq('board_id', boardId).order('starts_at', { ascending: false }).order('id').range(from, to)
			);
			return rows.map(toMeeting);
		},
		async change(id, change) {
			const revision = await rpc(db, 'samtavla_meeting_change', jsonArgs(meetingChangeArgs(id, change)));
			return revision == null ? null : Number(revision);
		},
		async events(id) {
			const rows = await selectAll('select from meeting_events', (from, to) =>
				db.from('meeting_events').select('*', { count: 'exact' }).eq('meeting_id', id).order('id').range(from, to)
			);
			return rows.map(toMeetingEvent);
		},
		async markAgendaSent(id, at) {
			return toAgendaSent(await rpc(db, 'samtavla_meeting_agenda_sent', { p_meeting_id: id, p_at: at.toISOString() }));
		}
	};
}

/** PostgREST takes jsonb arguments as JSON values, not as the JSON text the SQL drivers send. */
function jsonArgs(args: ReturnType<typeof meetingChangeArgs>) {
	const parse = (text: string | null) => (text === null ? null : JSON.parse(text));
	return { ...args, p_details: parse(args.p_details), p_adjustment: parse(args.p_adjustment), p_detail: parse(args.p_detail) };
}

/** Adjusted protocols through samtavla_meeting_seal; the states travel as hex bytea text. */
export function protocols(db: SupabaseClient): Store['protocols'] {
	const sealed = (row: Record<string, unknown>) =>
		toSealedProtocol(row, {
			meetingState: fromPostgrestBytea(row.meeting_state, 'meeting state of a protocol'),
			voicesState: fromPostgrestBytea(row.voices_state, 'voices state of a protocol')
		});
	return {
		async seal(p, revision, adjustment, actorId) {
			const result = await rpc(db, 'samtavla_meeting_seal', {
				p_id: p.meetingId,
				p_revision: revision,
				p_adjustment: adjustment,
				p_hash: p.hash,
				p_format: p.format,
				p_canonical: p.canonical,
				p_meeting_state: toPostgrestBytea(p.meetingState),
				p_voices_state: toPostgrestBytea(p.voicesState),
				p_approvals: p.approvals,
				p_actor_id: actorId,
				p_at: p.sealedAt.toISOString()
			});
			return result === true;
		},
		async get(meetingId) {
			const row = rowOf('select from meeting_protocols', await db.from('meeting_protocols').select('*').eq('meeting_id', meetingId).maybeSingle());
			return row ? sealed(row) : null;
		},
		async findByHash(hash) {
			const row = rowOf('select from meeting_protocols', await db.from('meeting_protocols').select('*').eq('hash', hash).maybeSingle());
			return row ? sealed(row) : null;
		}
	};
}

/** Addenda through the same store functions, over PostgREST. */
export function addenda(db: SupabaseClient): Store['addenda'] {
	return {
		async add(meetingId, a) {
			const added = await rpc(db, 'samtavla_addendum_add', { p_meeting_id: meetingId, p_number: a.number, p_text: a.text, p_hash: a.hash, p_created_by: a.by, p_created_at: a.at });
			return added === true;
		},
		async list(meetingId) {
			const rows = await selectAll('select from protocol_addenda', (from, to) =>
				db.from('protocol_addenda').select('*', { count: 'exact' }).eq('meeting_id', meetingId).order('number').range(from, to)
			);
			return rows.map(toAddendum);
		},
		async findByHash(hash) {
			const row = rowOf('select from protocol_addenda', await db.from('protocol_addenda').select('*').eq('hash', hash).maybeSingle());
			return row ? { ...toAddendum(row), meetingId: String(row.meeting_id) } : null;
		},
		async approve(meetingId, a, revision, actorId, at) {
			const approved = await rpc(db, 'samtavla_addendum_approve', {
				p_meeting_id: meetingId,
				p_number: a.number,
				p_revision: revision,
				p_approvals: a.approvals,
				p_approved_at: a.approvedAt,
				p_actor_id: actorId,
				p_at: at.toISOString()
			});
			return approved === true;
		}
	};
}
