import type { SqlExecutor } from './executor.js';
import type { PublishOutcome, SlugChange, Store } from '../types.js';
import { toPublication } from '../rows.js';

/** Board slugs and published protocols; the rules that must hold under concurrency live in the SQL functions. */
export function publications(db: SqlExecutor): Store['publications'] {
	return {
		async slug(boardId) {
			const [row] = await db.query('select slug from boards where id = $1', [boardId]);
			return row?.slug == null ? null : String(row.slug);
		},
		async setSlug(boardId, slug) {
			const [row] = await db.query('select samtavla_board_set_slug(p_board_id => $1, p_slug => $2) as outcome', [boardId, slug]);
			return row.outcome as SlugChange;
		},
		async boardIdBySlug(slug) {
			const [row] = await db.query('select id from boards where slug = $1', [slug]);
			return row ? String(row.id) : null;
		},
		async publish(meetingId, pathDate, actorId, at) {
			const [row] = await db.query(
				'select samtavla_protocol_publish(p_meeting_id => $1, p_path_date => $2, p_actor_id => $3, p_at => $4::timestamptz) as outcome',
				[meetingId, pathDate, actorId, at.toISOString()]
			);
			return row.outcome as PublishOutcome;
		},
		async unpublish(meetingId, actorId, at) {
			const [row] = await db.query(
				'select samtavla_protocol_unpublish(p_meeting_id => $1, p_actor_id => $2, p_at => $3::timestamptz) as done',
				[meetingId, actorId, at.toISOString()]
			);
			return row.done === true;
		},
		async forMeeting(meetingId) {
			const [row] = await db.query('select * from protocol_publications where meeting_id = $1', [meetingId]);
			return row ? toPublication(row) : null;
		},
		async listForBoard(boardId) {
			return (await db.query('select * from protocol_publications where board_id = $1 order by published_at, meeting_id', [boardId])).map(toPublication);
		},
		async find(boardId, pathDate) {
			const [row] = await db.query('select * from protocol_publications where board_id = $1 and path_date = $2', [boardId, pathDate]);
			return row ? toPublication(row) : null;
		}
	};
}
