import type { SqlExecutor } from './executor.js';
import type { CalendarFeed, Store } from '../types.js';
import { date } from './rows.js';

const toFeed = (r: Record<string, unknown>): CalendarFeed => ({
	tokenHash: String(r.token_hash),
	userId: String(r.user_id),
	createdAt: date(r.created_at),
	revokedAt: r.revoked_at == null ? null : date(r.revoked_at)
});

/** Personal calendar feeds: only the token's SHA-256 is kept, like sessions. */
export function calendarFeeds(db: SqlExecutor): Store['calendarFeeds'] {
	return {
		async replace(feed) {
			// One live feed per person: a new link ends the old one in the same transaction.
			await db.transaction(async (tx) => {
				await tx.query('update calendar_feeds set revoked_at = $2 where user_id = $1 and revoked_at is null', [feed.userId, feed.createdAt]);
				await tx.query('insert into calendar_feeds (token_hash, user_id, created_at) values ($1, $2, $3)', [
					feed.tokenHash,
					feed.userId,
					feed.createdAt
				]);
			});
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
