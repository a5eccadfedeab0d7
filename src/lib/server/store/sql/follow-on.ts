import type { SqlExecutor } from './executor.js';
import type { Store } from '../types.js';
import { toBacklogItem, toTemplate } from '../rows.js';

/** The board's backlog and meeting template (migration meetings_follow_on). */
export function backlog(db: SqlExecutor): Store['backlog'] {
	return {
		async add(item) {
			await db.query(
				`insert into board_backlog (id, board_id, title, description, source_meeting_id, source_item_id, created_by, created_at)
				 values ($1, $2, $3, $4, $5, $6, $7, $8)`,
				[item.id, item.boardId, item.title, item.description, item.sourceMeetingId, item.sourceItemId, item.createdBy, item.createdAt]
			);
		},
		async list(boardId) {
			return (await db.query('select * from board_backlog where board_id = $1 order by created_at, id', [boardId])).map(toBacklogItem);
		},
		async get(id) {
			const [row] = await db.query('select * from board_backlog where id = $1', [id]);
			return row ? toBacklogItem(row) : null;
		},
		async schedule(id, meetingId, at) {
			const rows = await db.query(
				'update board_backlog set scheduled_meeting_id = $2, scheduled_at = $3 where id = $1 and scheduled_at is null and removed_at is null returning id',
				[id, meetingId, at]
			);
			return rows.length > 0;
		},
		async remove(id, userId, at) {
			const rows = await db.query('update board_backlog set removed_at = $3, removed_by = $2 where id = $1 and scheduled_at is null and removed_at is null returning id', [id, userId, at]);
			return rows.length > 0;
		}
	};
}

export function templates(db: SqlExecutor): Store['templates'] {
	return {
		async get(boardId) {
			const [row] = await db.query('select standing_items::text as standing_items, length_minutes, updated_at from board_templates where board_id = $1', [boardId]);
			return row ? toTemplate(row) : null;
		},
		async set(boardId, template, userId, at) {
			const rows = await db.query(
				`insert into board_templates (board_id, standing_items, length_minutes, updated_by, updated_at)
				 select id, $2::text::jsonb, $3, $4, $5 from boards where id = $1
				 on conflict (board_id) do update set standing_items = excluded.standing_items, length_minutes = excluded.length_minutes,
				   updated_by = excluded.updated_by, updated_at = excluded.updated_at
				 returning board_id`,
				[boardId, JSON.stringify(template.standingItems), template.lengthMinutes, userId, at]
			);
			return rows.length > 0;
		}
	};
}
