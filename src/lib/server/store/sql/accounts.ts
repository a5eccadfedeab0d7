import type { SqlExecutor } from './executor.js';
import type { Store } from '../types.js';
import { admissionsArgs, date, jsonRows, toAgency, toErasure, toSessionAdmissions, toUser } from '../rows.js';

/** A user's public columns (never the password hash) under the `u` alias. */
const USER_COLUMNS = 'u.id, u.email, u.display_name, u.agency_id, u.created_at, u.kind, u.easy_mode';

export function agencies(db: SqlExecutor): Store['agencies'] {
	return {
		async list() {
			const [row] = await db.query('select samtavla_agencies() as list');
			return jsonRows(row.list, 'samtavla_agencies').map(toAgency);
		},
		async get(id) {
			const [row] = await db.query('select id, name, kind, color from agencies where id = $1', [id]);
			return row ? toAgency(row) : null;
		},
		async findByName(name) {
			const [row] = await db.query('select * from samtavla_agency_by_name(p_name => $1)', [name]);
			return row ? toAgency(row) : null;
		},
		async create(a) {
			await db.query('insert into agencies (id, name, kind, color) values ($1, $2, $3, $4)', [a.id, a.name, a.kind, a.color]);
		}
	};
}

export function users(db: SqlExecutor): Store['users'] {
	return {
		async create(u) {
			await db.query(
				'insert into users (id, email, display_name, password_hash, agency_id, created_at) values ($1, $2, $3, $4, $5, $6)',
				[u.id, u.email, u.displayName, u.passwordHash, u.agencyId, u.createdAt]
			);
		},
		async get(id) {
			const [row] = await db.query(`select ${USER_COLUMNS} from users u where u.id = $1`, [id]);
			return row ? toUser(row) : null;
		},
		async findByEmail(email) {
			const [row] = await db.query('select * from samtavla_user_by_email(p_email => $1)', [email]);
			return row ? { ...toUser(row), passwordHash: String(row.password_hash) } : null;
		},
		async count() {
			const [row] = await db.query<{ n: number }>('select count(*)::int as n from users');
			return Number(row.n);
		},
		async setEasyMode(userId, on) {
			await db.query('update users set easy_mode = $2 where id = $1', [userId, on]);
		},
		async erase(userId, at) {
			const [row] = await db.query('select samtavla_erase_user(p_user_id => $1, p_at => $2) as erasure', [userId, at]);
			return toErasure(row.erasure);
		},
		async voicesDocsWritten(userId) {
			const [row] = await db.query('select samtavla_user_voices_docs(p_user_id => $1) as docs', [userId]);
			return jsonRows(row.docs, 'samtavla_user_voices_docs').map(String);
		}
	};
}

export function sessions(db: SqlExecutor): Store['sessions'] {
	return {
		async create(s) {
			await db.query('insert into sessions (id, user_id, expires_at) values ($1, $2, $3)', [s.id, s.userId, s.expiresAt]);
		},
		async get(id) {
			const [row] = await db.query(
				`select s.id as session_id, s.user_id, s.expires_at, ${USER_COLUMNS}
				 from sessions s join users u on u.id = s.user_id where s.id = $1`,
				[id]
			);
			if (!row) return null;
			return {
				session: { id: String(row.session_id), userId: String(row.user_id), expiresAt: date(row.expires_at) },
				user: toUser(row)
			};
		},
		async setExpiry(id, expiresAt) {
			await db.query('update sessions set expires_at = $2 where id = $1', [id, expiresAt]);
		},
		async delete(id) {
			await db.query('delete from sessions where id = $1', [id]);
		},
		async deleteForUser(userId) {
			await db.query('delete from sessions where user_id = $1', [userId]);
		},
		async deleteOthers(userId, keepId) {
			const rows = await db.query('delete from sessions where user_id = $1 and id <> $2 returning id', [userId, keepId]);
			return rows.map((r) => String(r.id));
		},
		async listForUser(userId) {
			const rows = await db.query('select created_at, expires_at from sessions where user_id = $1 order by created_at desc, expires_at desc', [userId]);
			return rows.map((r) => ({ createdAt: date(r.created_at), expiresAt: date(r.expires_at) }));
		},
		async admissions(asked) {
			if (asked.length === 0) return [];
			const a = admissionsArgs(asked);
			const rows = await db.query('select * from samtavla_session_admissions(p_session_ids => $1::text[], p_board_ids => $2::text[], p_meeting_ids => $3::text[])', [
				a.p_session_ids,
				a.p_board_ids,
				a.p_meeting_ids
			]);
			return toSessionAdmissions(rows, asked.length);
		},
		async expiries(ids) {
			if (ids.length === 0) return new Map();
			const rows = await db.query('select id, expires_at from sessions where id = any($1::text[])', [ids]);
			return new Map(rows.map((r) => [String(r.id), date(r.expires_at)]));
		}
	};
}

export function signInFailures(db: SqlExecutor): Store['signInFailures'] {
	return {
		async get(key) {
			const [row] = await db.query('select failures, last_failure_at from sign_in_failures where key = $1', [key]);
			return row ? { failures: Number(row.failures), lastFailureAt: date(row.last_failure_at) } : null;
		},
		async record(key, at) {
			const [row] = await db.query('select samtavla_record_sign_in_failure(p_key => $1, p_at => $2) as failures', [key, at]);
			return Number(row.failures);
		},
		async clear(key) {
			await db.query('delete from sign_in_failures where key = $1', [key]);
		}
	};
}
