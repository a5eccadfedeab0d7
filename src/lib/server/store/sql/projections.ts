import type { SqlExecutor } from './executor.js';
import type { ActionStatus } from '../../../domain/board-doc.js';
import type { ProjectedAction, RegisterAction, Store } from '../types.js';
import { date } from './rows.js';

const ACTION_COLUMNS = [
	'board_id',
	'id',
	'title',
	'description',
	'agency_id',
	'raised_by_agency_id',
	'assignee_id',
	'due_date',
	'status',
	'meeting_id',
	'item_id',
	'created_by',
	'created_at',
	'status_changed_by',
	'status_changed_at'
] as const;
const CASTS: Partial<Record<(typeof ACTION_COLUMNS)[number], string>> = { due_date: '::date', created_at: '::timestamptz', status_changed_at: '::timestamptz' };
/** Rows per insert statement: far below PostgreSQL's 65,535 parameters per statement. */
const ROWS_PER_INSERT = 500;

function actionValues(boardId: string, a: ProjectedAction): unknown[] {
	return [
		boardId,
		a.id,
		a.title,
		a.description,
		a.agencyId,
		a.raisedByAgencyId,
		a.assigneeId,
		a.dueDate,
		a.status,
		a.meetingId,
		a.itemId,
		a.createdBy,
		a.createdAt,
		a.statusChangedBy,
		a.statusChangedAt
	];
}

export function projections(db: SqlExecutor): Store['projections'] {
	return {
		async replaceBoardActions(boardId, docName, actions, upToId) {
			return db.transaction(async (tx) => {
				const [board] = await tx.query('select id from boards where id = $1', [boardId]);
				if (!board) return false;
				// Insert first, then lock: `for update` cannot lock a row that does not exist yet.
				await tx.query('insert into doc_projections (doc_name, projected_update_id) values ($1, -1) on conflict (doc_name) do nothing', [docName]);
				const [row] = await tx.query('select projected_update_id from doc_projections where doc_name = $1 for update', [docName]);
				if (Number(row.projected_update_id) > upToId) return false;
				await tx.query('delete from actions where board_id = $1', [boardId]);
				for (let start = 0; start < actions.length; start += ROWS_PER_INSERT) {
					const chunk = actions.slice(start, start + ROWS_PER_INSERT);
					const width = ACTION_COLUMNS.length;
					const tuples = chunk.map((_, r) => `(${ACTION_COLUMNS.map((c, i) => `$${r * width + i + 1}${CASTS[c] ?? ''}`).join(', ')})`);
					await tx.query(
						`insert into actions (${ACTION_COLUMNS.join(', ')}) values ${tuples.join(', ')}`,
						chunk.flatMap((a) => actionValues(boardId, a))
					);
				}
				await tx.query('update doc_projections set projected_update_id = $2, projected_at = now() where doc_name = $1', [docName, upToId]);
				return true;
			});
		},
		async projectedUpToId(docName) {
			const [row] = await db.query('select projected_update_id from doc_projections where doc_name = $1', [docName]);
			return row ? Number(row.projected_update_id) : null;
		},
		async listStale() {
			const rows = await db.query(
				`with stored as (
				   select doc_name, max(id) as last_id from doc_updates where doc_name like 'board:%' group by doc_name
				   union all
				   select doc_name, last_update_id from doc_snapshots where doc_name like 'board:%'
				 ), newest as (
				   select doc_name, max(last_id) as last_id from stored group by doc_name
				 )
				 select n.doc_name, b.id as board_id, n.last_id
				 from newest n
				 join boards b on 'board:' || b.id = n.doc_name
				 left join doc_projections p on p.doc_name = n.doc_name
				 where p.projected_update_id is null or p.projected_update_id < n.last_id
				 order by n.doc_name`
			);
			return rows.map((r) => ({ docName: String(r.doc_name), boardId: String(r.board_id), lastUpdateId: Number(r.last_id) }));
		}
	};
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function actions(db: SqlExecutor): Store['actions'] {
	return {
		async listForUser(userId, filter) {
			if (!DAY.test(filter.today)) throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(filter.today)}`);
			const params: unknown[] = [userId];
			const where: string[] = [];
			if (filter.mine) where.push('a.assignee_id = $1');
			if (filter.myAgency) where.push('a.agency_id = me.agency_id');
			if (filter.owedToMyAgency) where.push('a.raised_by_agency_id = me.agency_id and a.agency_id <> me.agency_id');
			if (filter.overdue) {
				params.push(filter.today);
				where.push(`a.due_date < $${params.length}::date and a.status <> 'done'`);
			}
			if (filter.status) {
				params.push(filter.status);
				where.push(`a.status = $${params.length}`);
			}
			const rows = await db.query(
				`select a.board_id, b.name as board_name, a.id, a.title, a.description,
				        a.agency_id, ag.name as agency_name, ag.color as agency_color,
				        a.raised_by_agency_id, rb.name as raised_by_agency_name,
				        a.assignee_id, au.display_name as assignee_name,
				        to_char(a.due_date, 'YYYY-MM-DD') as due_date, a.status, a.meeting_id, a.item_id,
				        a.created_by, a.created_at, a.status_changed_by, a.status_changed_at
				 from actions a
				 join board_members m on m.board_id = a.board_id and m.user_id = $1
				 join users me on me.id = m.user_id
				 join boards b on b.id = a.board_id
				 left join agencies ag on ag.id = a.agency_id
				 left join agencies rb on rb.id = a.raised_by_agency_id
				 left join users au on au.id = a.assignee_id
				 ${where.length ? 'where ' + where.join(' and ') : ''}
				 order by a.due_date asc nulls last, a.created_at, lower(b.name), a.id`,
				params
			);
			return rows.map(toRegisterAction);
		}
	};
}

const text = (value: unknown): string | null => (value == null ? null : String(value));

function toRegisterAction(r: Record<string, unknown>): RegisterAction {
	return {
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
		statusChangedAt: r.status_changed_at == null ? null : date(r.status_changed_at)
	};
}
