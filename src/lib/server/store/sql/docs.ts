import type { SqlExecutor } from './executor.js';
import { toBytes } from './executor.js';
import type { Store } from '../types.js';

/** The update log without fencing; doc-fences.ts adds `claim` and fenced writes. */
export function docs(db: SqlExecutor): Omit<Store['docs'], 'claim'> {
	return {
		async load(docName) {
			// One transaction, so a compaction between the two reads cannot hide updates.
			return db.transaction(async (tx) => {
				const [snap] = await tx.query('select state, last_update_id from doc_snapshots where doc_name = $1', [docName]);
				const after = snap ? Number(snap.last_update_id) : 0;
				const rows = await tx.query('select id, update from doc_updates where doc_name = $1 and id > $2 order by id', [docName, after]);
				return {
					snapshot: snap ? toBytes(snap.state) : null,
					updates: rows.map((r) => toBytes(r.update)),
					lastUpdateId: rows.length ? Number(rows[rows.length - 1].id) : after
				};
			});
		},
		async append(docName, updates) {
			if (updates.length === 0) throw new Error('append needs at least one update');
			// One multi-row insert per batch: never one database write per keystroke.
			const values = updates.map((_, i) => `($1, $${i + 2})`).join(', ');
			const rows = await db.query<{ id: number }>(`insert into doc_updates (doc_name, update) values ${values} returning id`, [docName, ...updates]);
			return Math.max(...rows.map((r) => Number(r.id)));
		},
		async compact(docName, state, upToId) {
			await db.transaction(async (tx) => {
				await tx.query(
					`insert into doc_snapshots (doc_name, state, last_update_id, updated_at) values ($1, $2, $3, now())
					 on conflict (doc_name) do update set state = excluded.state, last_update_id = excluded.last_update_id, updated_at = now()
					 where doc_snapshots.last_update_id <= excluded.last_update_id`,
					[docName, state, upToId]
				);
				await tx.query('delete from doc_updates where doc_name = $1 and id <= $2', [docName, upToId]);
			});
		},
		async pendingCount(docName) {
			const [row] = await db.query<{ n: number }>(
				`select count(*)::int as n from doc_updates
				 where doc_name = $1 and id > coalesce((select last_update_id from doc_snapshots where doc_name = $1), 0)`,
				[docName]
			);
			return Number(row.n);
		}
	};
}
