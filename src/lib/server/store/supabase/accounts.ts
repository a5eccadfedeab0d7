import type { SupabaseClient } from '@supabase/supabase-js';
import type { Store } from '../types.js';
import { admissionsArgs, date, jsonRows, nested, toAgency, toErasure, toSessionAdmissions, toUser } from '../rows.js';
import { countOf, dataOf, rowOf, rowsOf, rpc } from './request.js';

/** A user's public columns: never the password hash. */
const USER_COLUMNS = 'id, email, display_name, agency_id, created_at, kind, easy_mode';

export function agencies(db: SupabaseClient): Store['agencies'] {
	return {
		async list() {
			return jsonRows(await rpc(db, 'samtavla_agencies', {}), 'samtavla_agencies').map(toAgency);
		},
		async get(id) {
			const row = rowOf('select from agencies', await db.from('agencies').select('id, name, kind, color').eq('id', id).maybeSingle());
			return row ? toAgency(row) : null;
		},
		async findByName(name) {
			const [row] = rowsOf('rpc samtavla_agency_by_name', await db.rpc('samtavla_agency_by_name', { p_name: name }));
			return row ? toAgency(row) : null;
		},
		async create(a) {
			dataOf('insert into agencies', await db.from('agencies').insert({ id: a.id, name: a.name, kind: a.kind, color: a.color }));
		}
	};
}

export function users(db: SupabaseClient): Store['users'] {
	return {
		async create(u) {
			dataOf(
				'insert into users',
				await db.from('users').insert({
					id: u.id,
					email: u.email,
					display_name: u.displayName,
					password_hash: u.passwordHash,
					agency_id: u.agencyId,
					created_at: u.createdAt.toISOString()
				})
			);
		},
		async get(id) {
			const row = rowOf('select from users', await db.from('users').select(USER_COLUMNS).eq('id', id).maybeSingle());
			return row ? toUser(row) : null;
		},
		async findByEmail(email) {
			const [row] = rowsOf('rpc samtavla_user_by_email', await db.rpc('samtavla_user_by_email', { p_email: email }));
			return row ? { ...toUser(row), passwordHash: String(row.password_hash) } : null;
		},
		async count() {
			// HEAD with `Prefer: count=exact`: the total comes in Content-Range, no rows are sent.
			return countOf('count users', await db.from('users').select('id', { count: 'exact', head: true }));
		},
		async setEasyMode(userId, on) {
			dataOf('update users', await db.from('users').update({ easy_mode: on }).eq('id', userId));
		},
		async erase(userId, at) {
			return toErasure(await rpc(db, 'samtavla_erase_user', { p_user_id: userId, p_at: at.toISOString() }));
		},
		async voicesDocsWritten(userId) {
			return jsonRows(await rpc(db, 'samtavla_user_voices_docs', { p_user_id: userId }), 'samtavla_user_voices_docs').map(String);
		}
	};
}

export function sessions(db: SupabaseClient): Store['sessions'] {
	return {
		async create(s) {
			dataOf('insert into sessions', await db.from('sessions').insert({ id: s.id, user_id: s.userId, expires_at: s.expiresAt.toISOString() }));
		},
		async get(id) {
			// The user embedded through the sessions.user_id foreign key: one request, one snapshot.
			const row = rowOf(
				'select from sessions',
				await db.from('sessions').select(`id, user_id, expires_at, user:users(${USER_COLUMNS})`).eq('id', id).maybeSingle()
			);
			if (!row) return null;
			return {
				session: { id: String(row.id), userId: String(row.user_id), expiresAt: date(row.expires_at) },
				user: toUser(nested(row, 'user'))
			};
		},
		async setExpiry(id, expiresAt) {
			dataOf('update sessions', await db.from('sessions').update({ expires_at: expiresAt.toISOString() }).eq('id', id));
		},
		async delete(id) {
			dataOf('delete from sessions', await db.from('sessions').delete().eq('id', id));
		},
		async deleteForUser(userId) {
			dataOf('delete from sessions', await db.from('sessions').delete().eq('user_id', userId));
		},
		async deleteOthers(userId, keepId) {
			const rows = rowsOf('delete from sessions', await db.from('sessions').delete().eq('user_id', userId).neq('id', keepId).select('id'));
			return rows.map((r) => String(r.id));
		},
		async listForUser(userId) {
			const rows = rowsOf(
				'select from sessions',
				await db.from('sessions').select('created_at, expires_at').eq('user_id', userId).order('created_at', { ascending: false }).order('expires_at', { ascending: false })
			);
			return rows.map((r) => ({ createdAt: date(r.created_at), expiresAt: date(r.expires_at) }));
		},
		async admissions(asked) {
			if (asked.length === 0) return [];
			// One function (one request, one snapshot): an embedding cannot reach the role through the document's board.
			return toSessionAdmissions(rowsOf('rpc samtavla_session_admissions', await db.rpc('samtavla_session_admissions', admissionsArgs(asked))), asked.length);
		},
		async expiries(ids) {
			const found = new Map<string, Date>();
			// In slices: the ids travel in the URL (`id=in.(…)`), 64 characters each.
			for (let i = 0; i < ids.length; i += EXPIRIES_PER_REQUEST) {
				const slice = ids.slice(i, i + EXPIRIES_PER_REQUEST);
				for (const r of rowsOf('select from sessions', await db.from('sessions').select('id, expires_at').in('id', slice))) found.set(String(r.id), date(r.expires_at));
			}
			return found;
		}
	};
}

/** Session ids per request of `expiries`: about 7 KB of URL. */
const EXPIRIES_PER_REQUEST = 100;

export function signInFailures(db: SupabaseClient): Store['signInFailures'] {
	return {
		async get(key) {
			const row = rowOf('select from sign_in_failures', await db.from('sign_in_failures').select('failures, last_failure_at').eq('key', key).maybeSingle());
			return row ? { failures: Number(row.failures), lastFailureAt: date(row.last_failure_at) } : null;
		},
		async record(key, at) {
			return Number(await rpc(db, 'samtavla_record_sign_in_failure', { p_key: key, p_at: at.toISOString() }));
		},
		async clear(key) {
			dataOf('delete from sign_in_failures', await db.from('sign_in_failures').delete().eq('key', key));
		}
	};
}
