import type { SupabaseClient } from '@supabase/supabase-js';
import type { Store } from '../types.js';
import { toFeed } from '../rows.js';
import { dataOf, rowOf, rpc } from './request.js';

/** Personal calendar feeds: only the token's SHA-256 is kept, like sessions. */
export function calendarFeeds(db: SupabaseClient): Store['calendarFeeds'] {
	return {
		async replace(feed) {
			// One live feed per person: the function ends the earlier ones in the same transaction.
			await rpc(db, 'samtavla_replace_calendar_feed', { p_token_hash: feed.tokenHash, p_user_id: feed.userId, p_created_at: feed.createdAt.toISOString() });
		},
		async findByTokenHash(tokenHash) {
			const row = rowOf('select from calendar_feeds', await db.from('calendar_feeds').select('*').eq('token_hash', tokenHash).maybeSingle());
			return row ? toFeed(row) : null;
		},
		async activeForUser(userId) {
			const row = rowOf(
				'select from calendar_feeds',
				await db.from('calendar_feeds').select('*').eq('user_id', userId).is('revoked_at', null).order('created_at', { ascending: false }).limit(1).maybeSingle()
			);
			return row ? toFeed(row) : null;
		},
		async revokeForUser(userId, at) {
			dataOf('update calendar_feeds', await db.from('calendar_feeds').update({ revoked_at: at.toISOString() }).eq('user_id', userId).is('revoked_at', null));
		}
	};
}
