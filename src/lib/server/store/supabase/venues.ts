import type { SupabaseClient } from '@supabase/supabase-js';
import type { MeetingVenue, Store } from '../types.js';
import { meetingVenueArg, toAccessNeeds, toMeetingVenue, toVenue, venueColumns } from '../venue-rows.js';
import { dataOf, rowOf, rowsOf, rpc, selectAll } from './request.js';

/** A board's saved venues and the copies its meetings keep, over PostgREST (jsonb travels as JSON values). */
export function venues(db: SupabaseClient): Store['venues'] {
	return {
		async create(v) {
			dataOf(
				'insert into board_venues',
				await db.from('board_venues').insert({
					id: v.id,
					board_id: v.boardId,
					...venueColumns(v),
					created_by: v.createdBy,
					created_at: v.createdAt.toISOString()
				})
			);
		},
		async get(id) {
			const row = rowOf('select from board_venues', await db.from('board_venues').select('*').eq('id', id).maybeSingle());
			return row ? toVenue(row) : null;
		},
		async listForBoard(boardId, options = {}) {
			const rows = await selectAll('select from board_venues', (from, to) => {
				const query = db.from('board_venues').select('*', { count: 'exact' }).eq('board_id', boardId);
				return (options.archived ? query : query.is('archived_at', null)).order('name').order('id').range(from, to);
			});
			return rows.map(toVenue);
		},
		async update(id, fields, at) {
			const rows = rowsOf(
				'update board_venues',
				await db.from('board_venues').update({ ...venueColumns(fields), updated_at: at.toISOString() }).eq('id', id).select('id')
			);
			return rows.length > 0;
		},
		async setArchived(id, archivedAt) {
			const rows = rowsOf('update board_venues', await db.from('board_venues').update({ archived_at: archivedAt?.toISOString() ?? null }).eq('id', id).select('id'));
			return rows.length > 0;
		},
		async forMeeting(meetingId) {
			const row = rowOf('select from meeting_venues', await db.from('meeting_venues').select('*').eq('meeting_id', meetingId).maybeSingle());
			return row ? toMeetingVenue(row) : null;
		},
		async forBoardMeetings(boardId) {
			// Embedded filter on the meeting's board (PostgREST inner join through the foreign key).
			const rows = await selectAll('select from meeting_venues', (from, to) =>
				db.from('meeting_venues').select('*, meetings!inner(board_id)', { count: 'exact' }).eq('meetings.board_id', boardId).order('meeting_id').range(from, to)
			);
			return new Map<string, MeetingVenue>(rows.map((r) => [String(r.meeting_id), toMeetingVenue(r)]));
		},
		async setForMeeting(meetingId, venue, actorId, at) {
			const changed = await rpc(db, 'samtavla_set_meeting_venue', { p_meeting_id: meetingId, p_venue: meetingVenueArg(venue), p_actor_id: actorId, p_at: at.toISOString() });
			return changed === true;
		}
	};
}

/** People's access needs: one row per person. */
export function accessNeeds(db: SupabaseClient): Store['accessNeeds'] {
	return {
		async get(userId) {
			const row = rowOf('select from access_needs', await db.from('access_needs').select('*').eq('user_id', userId).maybeSingle());
			return row ? toAccessNeeds(row) : null;
		},
		async set(userId, n, at) {
			dataOf(
				'upsert into access_needs',
				await db
					.from('access_needs')
					.upsert({ user_id: userId, needs: n.needs, interpreting_language: n.interpretingLanguage, updated_at: at.toISOString() }, { onConflict: 'user_id' })
			);
		},
		async clear(userId) {
			dataOf('delete from access_needs', await db.from('access_needs').delete().eq('user_id', userId));
		},
		async forBoard(boardId) {
			const members = await selectAll('select from board_members', (from, to) =>
				db.from('board_members').select('user_id', { count: 'exact' }).eq('board_id', boardId).order('user_id').range(from, to)
			);
			const ids = members.map((m) => String(m.user_id));
			if (ids.length === 0) return [];
			// In chunks: the ids travel in the request's URL.
			const all = [];
			for (let i = 0; i < ids.length; i += 100) {
				const chunk = ids.slice(i, i + 100);
				all.push(...rowsOf('select from access_needs', await db.from('access_needs').select('*').in('user_id', chunk).order('user_id')));
			}
			return all.map(toAccessNeeds).filter((n) => n.needs.length > 0);
		}
	};
}
