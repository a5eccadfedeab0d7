import type { SqlExecutor } from './executor.js';
import type { Store } from '../types.js';
import { jsonRows } from '../rows.js';
import { guestArg, toMeetingGuest } from '../guest-rows.js';

/** Guests of one meeting (migration meeting_guests): made by samtavla_create_guest, read by samtavla_meeting_guests. */
export function guests(db: SqlExecutor): Store['guests'] {
	const find = async (meetingId: string | null, tokenHash: string | null, userId: string | null) => {
		const [row] = await db.query('select samtavla_meeting_guests(p_meeting_id => $1, p_token_hash => $2, p_user_id => $3) as list', [meetingId, tokenHash, userId]);
		return jsonRows(row.list, 'samtavla_meeting_guests').map(toMeetingGuest);
	};
	return {
		async create(g) {
			await db.query('select samtavla_create_guest(p_guest => $1::text::jsonb)', [JSON.stringify(guestArg(g))]);
		},
		async findByTokenHash(tokenHash) {
			return (await find(null, tokenHash, null))[0] ?? null;
		},
		async forUser(userId) {
			return (await find(null, null, userId))[0] ?? null;
		},
		listForMeeting: (meetingId) => find(meetingId, null, null),
		async revoke(id, at) {
			const rows = await db.query('update meeting_guests set revoked_at = $2 where id = $1 and revoked_at is null returning user_id', [id, at]);
			if (rows.length === 0) return false;
			// A revoked guest is refused at once by every check; their sessions go too, so nothing lingers.
			await db.query('delete from sessions where user_id = $1', [rows[0].user_id]);
			return true;
		},
		async markOpened(id, at) {
			await db.query('update meeting_guests set first_opened_at = $2 where id = $1 and first_opened_at is null', [id, at]);
		}
	};
}
