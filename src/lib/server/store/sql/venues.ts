import type { SqlExecutor } from './executor.js';
import type { MeetingVenue, Store } from '../types.js';
import { meetingVenueArg, toAccessNeeds, toMeetingVenue, toVenue } from '../venue-rows.js';

/** A board's saved venues and the copies its meetings keep (migration venues_and_access_needs). */
export function venues(db: SqlExecutor): Store['venues'] {
	return {
		async create(v) {
			await db.query(
				`insert into board_venues (id, board_id, name, host_agency, address, features, interpreting_languages, notes, created_by, created_at)
				 values ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, $9, $10)`,
				[v.id, v.boardId, v.name, v.hostAgency, v.address, JSON.stringify(v.features), v.interpretingLanguages, v.notes, v.createdBy, v.createdAt]
			);
		},
		async get(id) {
			const [row] = await db.query('select * from board_venues where id = $1', [id]);
			return row ? toVenue(row) : null;
		},
		async listForBoard(boardId, options = {}) {
			const archived = options.archived ? '' : ' and archived_at is null';
			return (await db.query(`select * from board_venues where board_id = $1${archived} order by name, id`, [boardId])).map(toVenue);
		},
		async update(id, f, at) {
			const rows = await db.query(
				`update board_venues set name = $2, host_agency = $3, address = $4, features = $5::text::jsonb, interpreting_languages = $6, notes = $7, updated_at = $8
				 where id = $1 returning id`,
				[id, f.name, f.hostAgency, f.address, JSON.stringify(f.features), f.interpretingLanguages, f.notes, at]
			);
			return rows.length > 0;
		},
		async setArchived(id, archivedAt) {
			return (await db.query('update board_venues set archived_at = $2 where id = $1 returning id', [id, archivedAt])).length > 0;
		},
		async forMeeting(meetingId) {
			const [row] = await db.query('select * from meeting_venues where meeting_id = $1', [meetingId]);
			return row ? toMeetingVenue(row) : null;
		},
		async forBoardMeetings(boardId) {
			const rows = await db.query('select v.* from meeting_venues v join meetings m on m.id = v.meeting_id where m.board_id = $1', [boardId]);
			return new Map<string, MeetingVenue>(rows.map((r) => [String(r.meeting_id), toMeetingVenue(r)]));
		},
		async setForMeeting(meetingId, venue, actorId, at) {
			const arg = meetingVenueArg(venue);
			const [row] = await db.query(
				'select samtavla_set_meeting_venue(p_meeting_id => $1, p_venue => $2::text::jsonb, p_actor_id => $3, p_at => $4::timestamptz) as changed',
				[meetingId, arg === null ? null : JSON.stringify(arg), actorId, at.toISOString()]
			);
			return row.changed === true;
		}
	};
}

/** People's access needs: one row per person. */
export function accessNeeds(db: SqlExecutor): Store['accessNeeds'] {
	return {
		async get(userId) {
			const [row] = await db.query('select * from access_needs where user_id = $1', [userId]);
			return row ? toAccessNeeds(row) : null;
		},
		async set(userId, n, at) {
			await db.query(
				`insert into access_needs (user_id, needs, interpreting_language, updated_at) values ($1, $2::text::jsonb, $3, $4)
				 on conflict (user_id) do update set needs = excluded.needs, interpreting_language = excluded.interpreting_language, updated_at = excluded.updated_at`,
				[userId, JSON.stringify(n.needs), n.interpretingLanguage, at]
			);
		},
		async clear(userId) {
			await db.query('delete from access_needs where user_id = $1', [userId]);
		},
		async forBoard(boardId) {
			const rows = await db.query(
				`select n.* from access_needs n join board_members m on m.user_id = n.user_id
				 where m.board_id = $1 and jsonb_array_length(n.needs) > 0 order by n.user_id`,
				[boardId]
			);
			return rows.map(toAccessNeeds);
		}
	};
}
