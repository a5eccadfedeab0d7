import type { SupabaseClient } from '@supabase/supabase-js';
import type { Store } from '../types.js';
import { jsonRows } from '../rows.js';
import { guestArg, toMeetingGuest } from '../guest-rows.js';
import { dataOf, rowsOf, rpc } from './request.js';

/** Guests of one meeting over PostgREST: made and read through the same functions the SQL store calls. */
export function guests(db: SupabaseClient): Store['guests'] {
	const find = async (meetingId: string | null, tokenHash: string | null, userId: string | null) =>
		jsonRows(await rpc(db, 'samtavla_meeting_guests', { p_meeting_id: meetingId, p_token_hash: tokenHash, p_user_id: userId }), 'samtavla_meeting_guests').map(toMeetingGuest);
	return {
		async create(g) {
			await rpc(db, 'samtavla_create_guest', { p_guest: guestArg(g) });
		},
		async findByTokenHash(tokenHash) {
			return (await find(null, tokenHash, null))[0] ?? null;
		},
		async forUser(userId) {
			return (await find(null, null, userId))[0] ?? null;
		},
		listForMeeting: (meetingId) => find(meetingId, null, null),
		async revoke(id, at) {
			const rows = rowsOf(
				'update meeting_guests',
				await db.from('meeting_guests').update({ revoked_at: at.toISOString() }).eq('id', id).is('revoked_at', null).select('user_id')
			);
			if (rows.length === 0) return false;
			// A revoked guest is refused at once by every check; their sessions go too, so nothing lingers.
			dataOf('delete from sessions', await db.from('sessions').delete().eq('user_id', String(rows[0].user_id)));
			return true;
		},
		async markOpened(id, at) {
			dataOf('update meeting_guests', await db.from('meeting_guests').update({ first_opened_at: at.toISOString() }).eq('id', id).is('first_opened_at', null));
		}
	};
}
