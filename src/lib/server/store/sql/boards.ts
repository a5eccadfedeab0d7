import type { SqlExecutor } from './executor.js';
import type { MembershipChange, Store } from '../types.js';
import type { BoardRole } from '../../../domain/roles.js';
import { date, jsonRows, toBoard, toBoardMember, toInvite, toInviteAcceptance, toMeeting } from '../rows.js';

/** Membership rules (one owner at least, the stronger role kept) live in the store's SQL functions. */
export function boards(db: SqlExecutor): Store['boards'] {
	return {
		async create(b, ownerId) {
			await db.query(
				`select samtavla_create_board(p_id => $1, p_name => $2, p_description => $3, p_created_by => $4, p_created_at => $5, p_owner_id => $6)`,
				[b.id, b.name, b.description, b.createdBy, b.createdAt, ownerId]
			);
		},
		async get(id) {
			const [row] = await db.query('select * from boards where id = $1', [id]);
			return row ? toBoard(row) : null;
		},
		async listForUser(userId) {
			const [row] = await db.query('select samtavla_boards_for_user(p_user_id => $1) as list', [userId]);
			return jsonRows(row.list, 'samtavla_boards_for_user').map((r) => ({ ...toBoard(r), role: r.role as BoardRole }));
		},
		async members(boardId) {
			const [row] = await db.query('select samtavla_board_members(p_board_id => $1) as list', [boardId]);
			return jsonRows(row.list, 'samtavla_board_members').map(toBoardMember);
		},
		async role(boardId, userId) {
			const [row] = await db.query('select role from board_members where board_id = $1 and user_id = $2', [boardId, userId]);
			return row ? (row.role as BoardRole) : null;
		},
		async addMember(boardId, userId, role) {
			const [row] = await db.query('select samtavla_add_member(p_board_id => $1, p_user_id => $2, p_role => $3) as role', [boardId, userId, role]);
			return row.role as BoardRole;
		},
		async setRole(boardId, userId, role) {
			const [row] = await db.query('select samtavla_set_member_role(p_board_id => $1, p_user_id => $2, p_role => $3) as outcome', [boardId, userId, role]);
			return row.outcome as MembershipChange;
		},
		async removeMember(boardId, userId, at) {
			const [row] = await db.query('select samtavla_remove_member(p_board_id => $1, p_user_id => $2, p_at => $3) as outcome', [boardId, userId, at]);
			return row.outcome as MembershipChange;
		},
		async removedAt(boardId, userId) {
			const [row] = await db.query('select removed_at from board_removals where board_id = $1 and user_id = $2', [boardId, userId]);
			return row ? date(row.removed_at) : null;
		}
	};
}

export function invites(db: SqlExecutor): Store['invites'] {
	return {
		async create(i) {
			await db.query(
				`insert into invites (id, board_id, token_hash, role, created_by, expires_at, created_at, max_uses, uses)
				 values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
				[i.id, i.boardId, i.tokenHash, i.role, i.createdBy, i.expiresAt, i.createdAt, i.maxUses, i.uses]
			);
		},
		async findByTokenHash(tokenHash) {
			const [row] = await db.query('select * from invites where token_hash = $1', [tokenHash]);
			return row ? toInvite(row) : null;
		},
		async listForBoard(boardId) {
			return (await db.query('select * from invites where board_id = $1 order by created_at desc, id', [boardId])).map(toInvite);
		},
		async revoke(id, at) {
			await db.query('update invites set revoked_at = $2 where id = $1 and revoked_at is null', [id, at]);
		},
		async accept(tokenHash, userId, at) {
			const [row] = await db.query('select samtavla_accept_invite(p_token_hash => $1, p_user_id => $2, p_at => $3) as result', [tokenHash, userId, at]);
			return toInviteAcceptance(row.result);
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
			return (await db.query('select * from meetings where board_id = $1 order by starts_at desc, id', [boardId])).map(toMeeting);
		}
	};
}
