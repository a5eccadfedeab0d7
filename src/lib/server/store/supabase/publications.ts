import type { SupabaseClient } from '@supabase/supabase-js';
import type { PublishOutcome, SlugChange, Store } from '../types.js';
import { toPublication } from '../rows.js';
import { rowOf, rpc, selectAll } from './request.js';

/** Board slugs and published protocols: reads through the query builder, changes through the SQL functions. */
export function publications(db: SupabaseClient): Store['publications'] {
	return {
		async slug(boardId) {
			const row = rowOf('select from boards', await db.from('boards').select('slug').eq('id', boardId).maybeSingle());
			return row?.slug == null ? null : String(row.slug);
		},
		async setSlug(boardId, slug) {
			return (await rpc(db, 'samtavla_board_set_slug', { p_board_id: boardId, p_slug: slug })) as SlugChange;
		},
		async boardIdBySlug(slug) {
			const row = rowOf('select from boards', await db.from('boards').select('id').eq('slug', slug).maybeSingle());
			return row ? String(row.id) : null;
		},
		async publish(meetingId, pathDate, actorId, at) {
			return (await rpc(db, 'samtavla_protocol_publish', {
				p_meeting_id: meetingId,
				p_path_date: pathDate,
				p_actor_id: actorId,
				p_at: at.toISOString()
			})) as PublishOutcome;
		},
		async unpublish(meetingId, actorId, at) {
			return (await rpc(db, 'samtavla_protocol_unpublish', { p_meeting_id: meetingId, p_actor_id: actorId, p_at: at.toISOString() })) === true;
		},
		async forMeeting(meetingId) {
			const row = rowOf('select from protocol_publications', await db.from('protocol_publications').select('*').eq('meeting_id', meetingId).maybeSingle());
			return row ? toPublication(row) : null;
		},
		async listForBoard(boardId) {
			const rows = await selectAll('select from protocol_publications', (from, to) =>
				db.from('protocol_publications').select('*', { count: 'exact' }).eq('board_id', boardId).order('published_at').order('meeting_id').range(from, to)
			);
			return rows.map(toPublication);
		},
		async find(boardId, pathDate) {
			const row = rowOf(
				'select from protocol_publications',
				await db.from('protocol_publications').select('*').eq('board_id', boardId).eq('path_date', pathDate).maybeSingle()
			);
			return row ? toPublication(row) : null;
		}
	};
}
