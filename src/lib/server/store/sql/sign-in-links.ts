import type { SqlExecutor } from './executor.js';
import type { Store } from '../types.js';

/** One-time sign-in links (migration sign_in_links): used in one statement, so only once. */
export function signInLinks(db: SqlExecutor): Store['signInLinks'] {
	return {
		async create(l) {
			await db.query('insert into sign_in_links (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4)', [l.tokenHash, l.userId, l.createdAt, l.expiresAt]);
		},
		async use(tokenHash, at) {
			const rows = await db.query('update sign_in_links set used_at = $2 where token_hash = $1 and used_at is null and expires_at > $2 returning user_id', [tokenHash, at]);
			return rows.length > 0 ? String(rows[0].user_id) : null;
		},
		async prune(before) {
			return (await db.query('delete from sign_in_links where expires_at < $1 returning token_hash', [before])).length;
		}
	};
}
