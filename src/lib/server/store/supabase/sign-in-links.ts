import type { SupabaseClient } from '@supabase/supabase-js';
import type { Store } from '../types.js';
import { dataOf, rowsOf } from './request.js';

/** One-time sign-in links over PostgREST: a filtered update is one statement, so a link is used once. */
export function signInLinks(db: SupabaseClient): Store['signInLinks'] {
	return {
		async create(l) {
			dataOf(
				'insert into sign_in_links',
				await db.from('sign_in_links').insert({ token_hash: l.tokenHash, user_id: l.userId, created_at: l.createdAt.toISOString(), expires_at: l.expiresAt.toISOString() })
			);
		},
		async use(tokenHash, at) {
			const rows = rowsOf(
				'update sign_in_links',
				await db.from('sign_in_links').update({ used_at: at.toISOString() }).eq('token_hash', tokenHash).is('used_at', null).gt('expires_at', at.toISOString()).select('user_id')
			);
			return rows.length > 0 ? String(rows[0].user_id) : null;
		},
		async prune(before) {
			return rowsOf('delete from sign_in_links', await db.from('sign_in_links').delete().lt('expires_at', before.toISOString()).select('token_hash')).length;
		}
	};
}
