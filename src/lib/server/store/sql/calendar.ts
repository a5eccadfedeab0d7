import type { SqlExecutor } from './executor.js';
import type { Store } from '../types.js';
import { toFeed } from '../rows.js';

/** Personal calendar feeds: only the token's SHA-256 is kept, like sessions. */
export function calendarFeeds(db: SqlExecutor): Store['calendarFeeds'] {
	return {
		async replace(feed) {
			// One live feed per person: the function ends the earlier ones in the same transaction.
			await db.query('select samtavla_replace_calendar_feed(p_token_hash => $1, p_user_id => $2, p_created_at => $3)', [
				feed.tokenHash,
				feed.userId,
				feed.createdAt
			]);
		},
		async findByTokenHash(tokenHash) {
			const [row] = await db.query('select * from calendar_feeds where token_hash = $1', [tokenHash]);
			return row ? toFeed(row) : null;
		},
		async activeForUser(userId) {
			const [row] = await db.query(
				'select * from calendar_feeds where user_id = $1 and revoked_at is null order by created_at desc limit 1',
				[userId]
			);
			return row ? toFeed(row) : null;
		},
		async revokeForUser(userId, at) {
			await db.query('update calendar_feeds set revoked_at = $2 where user_id = $1 and revoked_at is null', [userId, at]);
		}
	};
}
