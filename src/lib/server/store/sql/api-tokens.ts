import type { SqlExecutor } from './executor.js';
import type { Store } from '../types.js';
import { API_TOKEN_COLUMNS, toApiToken } from '../api-token-rows.js';

/** Access tokens for the JSON API (migration api_tokens): looked up by hash, unrevoked and unexpired only. */
export function apiTokens(db: SqlExecutor): Store['apiTokens'] {
	return {
		async create(t) {
			await db.query(
				'insert into api_tokens (id, token_hash, user_id, board_id, name, scopes, created_at, expires_at) values ($1, $2, $3, $4, $5, $6, $7, $8)',
				[t.id, t.tokenHash, t.userId, t.boardId, t.name, t.scopes, t.createdAt, t.expiresAt]
			);
		},
		async listForUser(userId) {
			const rows = await db.query(`select ${API_TOKEN_COLUMNS} from api_tokens where user_id = $1 order by created_at desc, id`, [userId]);
			return rows.map(toApiToken);
		},
		async listForBoard(boardId) {
			const rows = await db.query(`select ${API_TOKEN_COLUMNS} from api_tokens where board_id = $1 order by created_at desc, id`, [boardId]);
			return rows.map(toApiToken);
		},
		async findActiveByHash(tokenHash, at) {
			const [row] = await db.query(`select ${API_TOKEN_COLUMNS} from api_tokens where token_hash = $1 and revoked_at is null and expires_at > $2`, [tokenHash, at]);
			return row ? toApiToken(row) : null;
		},
		async revoke(id, userId, at) {
			return (await db.query('update api_tokens set revoked_at = $3 where id = $1 and user_id = $2 and revoked_at is null returning id', [id, userId, at])).length > 0;
		},
		async revokeForBoard(id, boardId, at) {
			return (await db.query('update api_tokens set revoked_at = $3 where id = $1 and board_id = $2 and revoked_at is null returning id', [id, boardId, at])).length > 0;
		},
		async touch(id, at) {
			await db.query('update api_tokens set last_used_at = $2 where id = $1', [id, at]);
		}
	};
}
