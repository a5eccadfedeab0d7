import type { SqlExecutor } from './executor.js';
import type { MembershipChange, Store } from '../types.js';
import type { BoardRole } from '../../../domain/roles.js';
import { strongerRole } from '../../../domain/roles.js';
import { AGENCY_COLUMNS, USER_COLUMNS, date, toAgency, toBoard, toInvite, toMeeting, toUser } from './rows.js';

export function boards(db: SqlExecutor): Store['boards'] {
	return {
		async create(b, ownerId) {
			await db.transaction(async (tx) => {
				await tx.query('insert into boards (id, name, description, created_by, created_at) values ($1, $2, $3, $4, $5)', [
					b.id,
					b.name,
					b.description,
					b.createdBy,
					b.createdAt
				]);
				await tx.query(`insert into board_members (board_id, user_id, role) values ($1, $2, 'owner')`, [b.id, ownerId]);
			});
		},
		async get(id) {
			const [row] = await db.query('select * from boards where id = $1', [id]);
			return row ? toBoard(row) : null;
		},
		async listForUser(userId) {
			const rows = await db.query(
				`select b.*, m.role from boards b join board_members m on m.board_id = b.id
				 where m.user_id = $1 order by lower(b.name)`,
				[userId]
			);
			return rows.map((r) => ({ ...toBoard(r), role: r.role as BoardRole }));
		},
		async members(boardId) {
			const rows = await db.query(
				`select ${USER_COLUMNS}, ${AGENCY_COLUMNS}, m.role, m.joined_at
				 from board_members m join users u on u.id = m.user_id join agencies a on a.id = u.agency_id
				 where m.board_id = $1 order by lower(a.name), lower(u.display_name)`,
				[boardId]
			);
			return rows.map((r) => ({ user: toUser(r), agency: toAgency(r), role: r.role as BoardRole, joinedAt: date(r.joined_at) }));
		},
		async role(boardId, userId) {
			const [row] = await db.query('select role from board_members where board_id = $1 and user_id = $2', [boardId, userId]);
			return row ? (row.role as BoardRole) : null;
		},
		async addMember(boardId, userId, role) {
			return db.transaction(async (tx) => {
				// Insert first: `select … for update` cannot lock a row that does not exist yet, so two
				// concurrent joins would both insert. `on conflict do nothing` waits for the other one.
				const inserted = await tx.query(
					'insert into board_members (board_id, user_id, role) values ($1, $2, $3) on conflict (board_id, user_id) do nothing returning role',
					[boardId, userId, role]
				);
				if (inserted.length) return role;
				const [row] = await tx.query('select role from board_members where board_id = $1 and user_id = $2 for update', [boardId, userId]);
				if (!row) {
					// Removed between the two statements: join afresh.
					await tx.query('insert into board_members (board_id, user_id, role) values ($1, $2, $3)', [boardId, userId, role]);
					return role;
				}
				const kept = strongerRole(row.role as BoardRole, role);
				if (kept !== row.role) await tx.query('update board_members set role = $3 where board_id = $1 and user_id = $2', [boardId, userId, kept]);
				return kept;
			});
		},
		async setRole(boardId, userId, role) {
			return changeMembership(db, boardId, userId, role === 'owner', (tx) =>
				tx.query('update board_members set role = $3 where board_id = $1 and user_id = $2', [boardId, userId, role])
			);
		},
		async removeMember(boardId, userId) {
			return changeMembership(db, boardId, userId, false, (tx) => tx.query('delete from board_members where board_id = $1 and user_id = $2', [boardId, userId]));
		}
	};
}

/**
 * Changes one membership unless that would leave the board without an owner. The board's row is
 * locked first, so two owners demoting each other at once are serialised: the second one finds
 * itself the last owner.
 */
async function changeMembership(
	db: SqlExecutor,
	boardId: string,
	userId: string,
	staysOwner: boolean,
	change: (tx: SqlExecutor) => Promise<unknown>
): Promise<MembershipChange> {
	return db.transaction(async (tx) => {
		const [board] = await tx.query('select id from boards where id = $1 for update', [boardId]);
		if (!board) return 'not-member';
		const [member] = await tx.query('select role from board_members where board_id = $1 and user_id = $2', [boardId, userId]);
		if (!member) return 'not-member';
		if (member.role === 'owner' && !staysOwner) {
			const [{ n }] = await tx.query<{ n: number }>(`select count(*)::int as n from board_members where board_id = $1 and role = 'owner'`, [boardId]);
			if (Number(n) <= 1) return 'last-owner';
		}
		await change(tx);
		return 'changed';
	});
}

export function invites(db: SqlExecutor): Store['invites'] {
	return {
		async create(i) {
			await db.query(
				`insert into invites (id, board_id, token_hash, role, created_by, expires_at, created_at)
				 values ($1, $2, $3, $4, $5, $6, $7)`,
				[i.id, i.boardId, i.tokenHash, i.role, i.createdBy, i.expiresAt, i.createdAt]
			);
		},
		async findByTokenHash(tokenHash) {
			const [row] = await db.query('select * from invites where token_hash = $1', [tokenHash]);
			return row ? toInvite(row) : null;
		},
		async listForBoard(boardId) {
			return (await db.query('select * from invites where board_id = $1 order by created_at desc', [boardId])).map(toInvite);
		},
		async revoke(id, at) {
			await db.query('update invites set revoked_at = $2 where id = $1 and revoked_at is null', [id, at]);
		}
	};
}

export function meetings(db: SqlExecutor): Store['meetings'] {
	return {
		async create(m) {
			await db.query(
				`insert into meetings (id, board_id, title, starts_at, place, accessibility_notes, online_url, created_by, created_at)
				 values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
				[m.id, m.boardId, m.title, m.startsAt, m.place, m.accessibilityNotes, m.onlineUrl, m.createdBy, m.createdAt]
			);
		},
		async get(id) {
			const [row] = await db.query('select * from meetings where id = $1', [id]);
			return row ? toMeeting(row) : null;
		},
		async listForBoard(boardId) {
			return (await db.query('select * from meetings where board_id = $1 order by starts_at desc', [boardId])).map(toMeeting);
		}
	};
}
