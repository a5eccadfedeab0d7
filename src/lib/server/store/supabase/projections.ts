import type { SupabaseClient } from '@supabase/supabase-js';
import type { Store } from '../types.js';
import { actionJson, registerActionsArgs } from '../function-args.js';
import { jsonRows, toRegisterAction, toStaleProjection } from '../rows.js';
import { rowOf, rpc } from './request.js';

export function projections(db: SupabaseClient): Store['projections'] {
	return {
		async replaceBoardActions(boardId, docName, actions, upToId) {
			// The actions go as one JSON array in one request: one transaction however many there are.
			const replaced = await rpc(db, 'samtavla_replace_board_actions', {
				p_board_id: boardId,
				p_doc_name: docName,
				p_actions: actions.map(actionJson),
				p_up_to_id: upToId
			});
			return replaced === true;
		},
		async projectedUpToId(docName) {
			const row = rowOf('select from doc_projections', await db.from('doc_projections').select('projected_update_id').eq('doc_name', docName).maybeSingle());
			return row ? Number(row.projected_update_id) : null;
		},
		async listStale() {
			return jsonRows(await rpc(db, 'samtavla_stale_projections', {}), 'samtavla_stale_projections').map(toStaleProjection);
		}
	};
}

export function actions(db: SupabaseClient): Store['actions'] {
	return {
		async listForUser(userId, filter) {
			const list = await rpc(db, 'samtavla_register_actions', registerActionsArgs(userId, filter));
			return jsonRows(list, 'samtavla_register_actions').map(toRegisterAction);
		}
	};
}
