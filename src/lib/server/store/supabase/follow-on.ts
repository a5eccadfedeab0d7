import type { SupabaseClient } from '@supabase/supabase-js';
import type { Store } from '../types.js';
import { toBacklogItem, toTemplate } from '../rows.js';
import { dataOf, rowOf, rowsOf, selectAll } from './request.js';

/** As sql/follow-on.ts, through PostgREST. */
export function backlog(db: SupabaseClient): Store['backlog'] {
	return {
		async add(item) {
			dataOf(
				'insert into board_backlog',
				await db.from('board_backlog').insert({
					id: item.id,
					board_id: item.boardId,
					title: item.title,
					description: item.description,
					source_meeting_id: item.sourceMeetingId,
					source_item_id: item.sourceItemId,
					created_by: item.createdBy,
					created_at: item.createdAt.toISOString()
				})
			);
		},
		async list(boardId) {
			const rows = await selectAll('select from board_backlog', (from, to) =>
				db.from('board_backlog').select('*', { count: 'exact' }).eq('board_id', boardId).order('created_at').order('id').range(from, to)
			);
			return rows.map(toBacklogItem);
		},
		async get(id) {
			const row = rowOf('select from board_backlog', await db.from('board_backlog').select('*').eq('id', id).maybeSingle());
			return row ? toBacklogItem(row) : null;
		},
		async schedule(id, meetingId, at) {
			const rows = rowsOf(
				'update board_backlog',
				await db
					.from('board_backlog')
					.update({ scheduled_meeting_id: meetingId, scheduled_at: at.toISOString() })
					.eq('id', id)
					.is('scheduled_at', null)
					.is('removed_at', null)
					.select('id')
			);
			return rows.length > 0;
		},
		async remove(id, userId, at) {
			const rows = rowsOf(
				'update board_backlog',
				await db.from('board_backlog').update({ removed_at: at.toISOString(), removed_by: userId }).eq('id', id).is('scheduled_at', null).is('removed_at', null).select('id')
			);
			return rows.length > 0;
		}
	};
}

export function templates(db: SupabaseClient): Store['templates'] {
	return {
		async get(boardId) {
			const row = rowOf('select from board_templates', await db.from('board_templates').select('standing_items, length_minutes, updated_at').eq('board_id', boardId).maybeSingle());
			return row ? toTemplate(row) : null;
		},
		async set(boardId, template, userId, at) {
			// No board, no row: the foreign key refuses the insert (23503), which reads as false.
			const exists = rowOf('select from boards', await db.from('boards').select('id').eq('id', boardId).maybeSingle());
			if (!exists) return false;
			const rows = rowsOf(
				'upsert into board_templates',
				await db
					.from('board_templates')
					.upsert(
						{ board_id: boardId, standing_items: template.standingItems, length_minutes: template.lengthMinutes, updated_by: userId, updated_at: at.toISOString() },
						{ onConflict: 'board_id' }
					)
					.select('board_id')
			);
			return rows.length > 0;
		}
	};
}
