import type { SqlExecutor } from './executor.js';
import type { Store } from '../types.js';
import { actionJson, registerActionsArgs } from '../function-args.js';
import { jsonRows, toRegisterAction, toStaleProjection } from '../rows.js';

export function projections(db: SqlExecutor): Store['projections'] {
	return {
		async replaceBoardActions(boardId, docName, actions, upToId) {
			// One JSON parameter however many actions (a board may hold thousands): no parameter limit to
			// chunk around. Sent as text and cast: given a jsonb parameter, the postgres driver would
			// encode the already encoded string a second time.
			const [row] = await db.query(
				'select samtavla_replace_board_actions(p_board_id => $1, p_doc_name => $2, p_actions => $3::text::jsonb, p_up_to_id => $4) as replaced',
				[boardId, docName, JSON.stringify(actions.map(actionJson)), upToId]
			);
			return row.replaced === true;
		},
		async projectedUpToId(docName) {
			const [row] = await db.query('select projected_update_id from doc_projections where doc_name = $1', [docName]);
			return row ? Number(row.projected_update_id) : null;
		},
		async listStale() {
			const [row] = await db.query('select samtavla_stale_projections() as list');
			return jsonRows(row.list, 'samtavla_stale_projections').map(toStaleProjection);
		}
	};
}

export function actions(db: SqlExecutor): Store['actions'] {
	return {
		async listForUser(userId, filter) {
			const args = registerActionsArgs(userId, filter);
			const [row] = await db.query(
				`select samtavla_register_actions(p_user_id => $1, p_today => $2::date, p_mine => $3, p_my_agency => $4,
				        p_owed_to_my_agency => $5, p_overdue => $6, p_status => $7::text) as list`,
				[args.p_user_id, args.p_today, args.p_mine, args.p_my_agency, args.p_owed_to_my_agency, args.p_overdue, args.p_status]
			);
			return jsonRows(row.list, 'samtavla_register_actions').map(toRegisterAction);
		}
	};
}
