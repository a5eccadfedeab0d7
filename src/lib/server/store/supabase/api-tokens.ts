import type { SupabaseClient } from '@supabase/supabase-js';
import type { Store } from '../types.js';
import { API_TOKEN_COLUMNS, toApiToken } from '../api-token-rows.js';
import { dataOf, rowOf, rowsOf } from './request.js';

/** Access tokens for the JSON API over PostgREST: the same filters as the SQL adapter's statements. */
export function apiTokens(db: SupabaseClient): Store['apiTokens'] {
	return {
		async create(t) {
			dataOf(
				'insert into api_tokens',
				await db.from('api_tokens').insert({
					id: t.id,
					token_hash: t.tokenHash,
					user_id: t.userId,
					board_id: t.boardId,
					name: t.name,
					scopes: t.scopes,
					created_at: t.createdAt.toISOString(),
					expires_at: t.expiresAt.toISOString()
				})
			);
		},
		async listForUser(userId) {
			const rows = rowsOf(
				'select from api_tokens',
				await db.from('api_tokens').select(API_TOKEN_COLUMNS).eq('user_id', userId).order('created_at', { ascending: false }).order('id')
			);
			return rows.map(toApiToken);
		},
		async listForBoard(boardId) {
			const rows = rowsOf(
				'select from api_tokens',
				await db.from('api_tokens').select(API_TOKEN_COLUMNS).eq('board_id', boardId).order('created_at', { ascending: false }).order('id')
			);
			return rows.map(toApiToken);
		},
		async findActiveByHash(tokenHash, at) {
			const row = rowOf(
				'select from api_tokens',
				await db.from('api_tokens').select(API_TOKEN_COLUMNS).eq('token_hash', tokenHash).is('revoked_at', null).gt('expires_at', at.toISOString()).maybeSingle()
			);
			return row ? toApiToken(row) : null;
		},
		async revoke(id, userId, at) {
			const rows = rowsOf(
				'update api_tokens',
				await db.from('api_tokens').update({ revoked_at: at.toISOString() }).eq('id', id).eq('user_id', userId).is('revoked_at', null).select('id')
			);
			return rows.length > 0;
		},
		async revokeForBoard(id, boardId, at) {
			const rows = rowsOf(
				'update api_tokens',
				await db.from('api_tokens').update({ revoked_at: at.toISOString() }).eq('id', id).eq('board_id', boardId).is('revoked_at', null).select('id')
			);
			return rows.length > 0;
		},
		async touch(id, at) {
			dataOf('update api_tokens', await db.from('api_tokens').update({ last_used_at: at.toISOString() }).eq('id', id));
		}
	};
}
