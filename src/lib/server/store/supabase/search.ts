import type { SupabaseClient } from '@supabase/supabase-js';
import type { SearchStore } from '../search-types.js';
import { jsonList, searchEntryJson, searchLimit, toSearchHit, toStaleSearchDoc } from '../search-rows.js';
import { rowOf, rpc } from './request.js';

export function search(db: SupabaseClient): SearchStore {
	return {
		async replaceDocEntries(docName, meetingId, entries, upToId) {
			// One request, one transaction, however many entries.
			const replaced = await rpc(db, 'samtavla_replace_search_entries', {
				p_doc_name: docName,
				p_meeting_id: meetingId,
				p_entries: entries.map(searchEntryJson),
				p_up_to_id: upToId
			});
			return replaced === true;
		},
		async projectedUpToId(docName) {
			const row = rowOf(
				'select from search_projections',
				await db.from('search_projections').select('projected_update_id').eq('doc_name', docName).maybeSingle()
			);
			return row ? Number(row.projected_update_id) : null;
		},
		async listStale() {
			return jsonList(await rpc(db, 'samtavla_stale_search_projections', {}), 'samtavla_stale_search_projections').map(toStaleSearchDoc);
		},
		async query(userId, query, { boardId = null, limit } = {}) {
			const list = await rpc(db, 'samtavla_search', { p_user_id: userId, p_query: query, p_board_id: boardId, p_limit: searchLimit(limit) });
			return jsonList(list, 'samtavla_search').map(toSearchHit);
		}
	};
}
