import type { SqlExecutor } from './executor.js';
import type { SearchStore } from '../search-types.js';
import { jsonList, searchEntryJson, searchLimit, toSearchHit, toStaleSearchDoc } from '../search-rows.js';

export function search(db: SqlExecutor): SearchStore {
	return {
		async replaceDocEntries(docName, meetingId, entries, upToId) {
			// One JSON parameter, sent as text and cast (as replaceBoardActions does).
			const [row] = await db.query(
				'select samtavla_replace_search_entries(p_doc_name => $1, p_meeting_id => $2, p_entries => $3::text::jsonb, p_up_to_id => $4) as replaced',
				[docName, meetingId, JSON.stringify(entries.map(searchEntryJson)), upToId]
			);
			return row.replaced === true;
		},
		async projectedUpToId(docName) {
			const [row] = await db.query('select projected_update_id from search_projections where doc_name = $1', [docName]);
			return row ? Number(row.projected_update_id) : null;
		},
		async listStale() {
			const [row] = await db.query('select samtavla_stale_search_projections() as list');
			return jsonList(row.list, 'samtavla_stale_search_projections').map(toStaleSearchDoc);
		},
		async query(userId, query, { boardId = null, limit } = {}) {
			const [row] = await db.query('select samtavla_search(p_user_id => $1, p_query => $2, p_board_id => $3, p_limit => $4) as list', [
				userId,
				query,
				boardId,
				searchLimit(limit)
			]);
			return jsonList(row.list, 'samtavla_search').map(toSearchHit);
		}
	};
}
