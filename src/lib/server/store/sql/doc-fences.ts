import type { SqlExecutor } from './executor.js';
import type { Store } from '../types.js';
import { FENCED_OUT_SQLSTATE, FencedOutError } from '../fencing.js';

/**
 * Adds fencing (fencing.ts) to the document log of any SQL adapter: `claim` takes the next token,
 * and an append or compaction given a token runs in a transaction that names it, so the
 * database's triggers (migration doc_write_fences) refuse it once a newer claim exists.
 */
export function withFencing(db: SqlExecutor, docsOver: (db: SqlExecutor) => Omit<Store['docs'], 'claim'>): Store['docs'] {
	const plain = docsOver(db);
	async function fenced<T>(docName: string, fence: number, write: (docs: Omit<Store['docs'], 'claim'>) => Promise<T>): Promise<T> {
		try {
			return await db.transaction(async (tx) => {
				await tx.query(`select set_config('samtavla.write_fence', $1, true)`, [String(fence)]);
				return write(docsOver(tx));
			});
		} catch (error) {
			if ((error as { code?: string }).code === FENCED_OUT_SQLSTATE) throw new FencedOutError(docName);
			throw error;
		}
	}
	return {
		...plain,
		append: (docName, updates, fence) => (fence === undefined ? plain.append(docName, updates) : fenced(docName, fence, (d) => d.append(docName, updates))),
		compact: (docName, state, upToId, fence) =>
			fence === undefined ? plain.compact(docName, state, upToId) : fenced(docName, fence, (d) => d.compact(docName, state, upToId)),
		async claim(docName) {
			const [row] = await db.query<{ token: number | string }>(
				`insert into doc_write_fences (doc_name, token, claimed_at) values ($1, 1, now())
				 on conflict (doc_name) do update set token = doc_write_fences.token + 1, claimed_at = now()
				 returning token`,
				[docName]
			);
			return Number(row.token);
		}
	};
}
