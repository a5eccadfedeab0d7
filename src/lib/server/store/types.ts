import type { AgencyKind } from '../../domain/agencies.js';
import type { BoardRole, InviteRole } from '../../domain/roles.js';

/**
 * The one store interface. Adapters (embedded PGlite, Postgres, later Supabase) implement it;
 * services above never see SQL. Verbs are grouped by what they are about.
 */
export interface Agency {
	id: string;
	name: string;
	kind: AgencyKind;
	color: string;
}

export interface User {
	id: string;
	email: string;
	displayName: string;
	agencyId: string;
	createdAt: Date;
}

export interface UserWithPassword extends User {
	passwordHash: string;
}

export interface Session {
	id: string;
	userId: string;
	expiresAt: Date;
}

export interface Board {
	id: string;
	name: string;
	description: string;
	createdBy: string;
	createdAt: Date;
}

export interface BoardMember {
	user: User;
	agency: Agency;
	role: BoardRole;
	joinedAt: Date;
}

export interface Invite {
	id: string;
	boardId: string;
	role: InviteRole;
	createdBy: string;
	expiresAt: Date;
	revokedAt: Date | null;
	createdAt: Date;
}

export interface Meeting {
	id: string;
	boardId: string;
	title: string;
	startsAt: Date;
	place: string;
	accessibilityNotes: string;
	onlineUrl: string;
	createdBy: string;
	createdAt: Date;
}

export interface StoredDoc {
	/** The latest snapshot, or null when the document was never compacted. */
	snapshot: Uint8Array | null;
	/** Updates appended after the snapshot, oldest first. */
	updates: Uint8Array[];
	/** Id of the newest update included in snapshot + updates (0 when none). */
	lastUpdateId: number;
}

export interface Store {
	readonly kind: 'pglite' | 'postgres';
	agencies: {
		list(): Promise<Agency[]>;
		get(id: string): Promise<Agency | null>;
		create(agency: Agency): Promise<void>;
		findByName(name: string): Promise<Agency | null>;
	};
	users: {
		create(user: UserWithPassword): Promise<void>;
		get(id: string): Promise<User | null>;
		findByEmail(email: string): Promise<UserWithPassword | null>;
		count(): Promise<number>;
	};
	sessions: {
		create(session: Session): Promise<void>;
		/** The session with its user, or null. */
		get(id: string): Promise<{ session: Session; user: User } | null>;
		setExpiry(id: string, expiresAt: Date): Promise<void>;
		delete(id: string): Promise<void>;
		deleteForUser(userId: string): Promise<void>;
	};
	signInFailures: {
		get(key: string): Promise<{ failures: number; lastFailureAt: Date } | null>;
		record(key: string, at: Date): Promise<number>;
		clear(key: string): Promise<void>;
	};
	boards: {
		create(board: Board, ownerId: string): Promise<void>;
		get(id: string): Promise<Board | null>;
		listForUser(userId: string): Promise<Array<Board & { role: BoardRole }>>;
		members(boardId: string): Promise<BoardMember[]>;
		role(boardId: string, userId: string): Promise<BoardRole | null>;
		/** Adds a member, or keeps the existing membership when they already have a role. */
		addMember(boardId: string, userId: string, role: BoardRole): Promise<BoardRole>;
	};
	invites: {
		create(invite: Invite & { tokenHash: string }): Promise<void>;
		findByTokenHash(tokenHash: string): Promise<Invite | null>;
		listForBoard(boardId: string): Promise<Invite[]>;
		revoke(id: string, at: Date): Promise<void>;
	};
	meetings: {
		create(meeting: Meeting): Promise<void>;
		get(id: string): Promise<Meeting | null>;
		listForBoard(boardId: string): Promise<Meeting[]>;
	};
	docs: {
		load(docName: string): Promise<StoredDoc>;
		/** Appends updates in one write; returns the id of the last one. */
		append(docName: string, updates: Uint8Array[]): Promise<number>;
		/** Replaces the snapshot with `state` (containing every update up to `upToId`) and drops those updates. */
		compact(docName: string, state: Uint8Array, upToId: number): Promise<void>;
		/** Number of updates stored after the snapshot. */
		pendingCount(docName: string): Promise<number>;
	};
	close(): Promise<void>;
}
