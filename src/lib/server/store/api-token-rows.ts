import type { ApiToken } from './types.js';
import { date, type Row } from './rows.js';

/** A row of api_tokens → ApiToken, for every adapter (scopes arrive as a text[] or its JSON array). */
export function toApiToken(r: Row): ApiToken {
	if (!Array.isArray(r.scopes)) throw new Error('api_tokens.scopes is not an array');
	return {
		id: String(r.id),
		userId: String(r.user_id),
		boardId: r.board_id == null ? null : String(r.board_id),
		name: String(r.name),
		scopes: r.scopes.map(String),
		createdAt: date(r.created_at),
		expiresAt: date(r.expires_at),
		lastUsedAt: r.last_used_at == null ? null : date(r.last_used_at),
		revokedAt: r.revoked_at == null ? null : date(r.revoked_at)
	};
}

/** The columns an ApiToken is read from (never the hash). */
export const API_TOKEN_COLUMNS = 'id, user_id, board_id, name, scopes, created_at, expires_at, last_used_at, revoked_at';
