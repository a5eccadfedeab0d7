// Over 300 lines on purpose: the one Store interface every adapter (PGlite, PostgreSQL, Supabase)
// implements; split across files, an adapter could miss a verb without the compiler saying so.
import type { AgencyKind } from '../../domain/agencies.js';
import type { BoardRole, InviteRole } from '../../domain/roles.js';
import type { GuestRole } from '../../domain/guests.js';
import type { Action, ActionStatus } from '../../domain/board-doc.js';
import type { LifecycleStatus } from '../../domain/meeting-lifecycle.js';
import type { Addendum } from '../../domain/addendum.js';
import type { BoardLanguage } from '../../domain/board-language.js';
import type { MeetingTemplate } from '../../domain/meeting-template.js';
import type { AuditContent, AuditRecord } from '../../domain/audit-chain.js';
import type { AccessNeeds, VenueFields } from '../../domain/venue.js';
import type { SearchStore } from './search-types.js';
import type { MailPrefsStore, OutboxStore } from './mail-types.js';
import type { WebhookStore } from './webhook-types.js';

export type { SearchEntry, SearchHit, SearchStore } from './search-types.js';

/**
 * The one store interface. Adapters (embedded PGlite, PostgreSQL, Supabase) implement it;
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
	/** Set (true) only for a guest of one meeting (meeting_guests), who has no account and no board. */
	guest?: true;
	/** Set (true) when the person uses easy mode (issue 14): larger text, one thing at a time. */
	easyMode?: true;
}

/** A guest of one meeting and their link (the token itself is never stored: its hash is). */
export interface MeetingGuest {
	id: string;
	meetingId: string;
	userId: string;
	displayName: string;
	agencyId: string;
	agencyName: string;
	agencyColor: string;
	role: GuestRole;
	createdBy: string | null;
	createdAt: Date;
	expiresAt: Date;
	revokedAt: Date | null;
	firstOpenedAt: Date | null;
}

export type NewMeetingGuest = Omit<MeetingGuest, 'agencyName' | 'agencyColor' | 'revokedAt' | 'firstOpenedAt'> & { tokenHash: string };

export interface UserWithPassword extends User {
	passwordHash: string;
}

export interface Session {
	id: string;
	userId: string;
	expiresAt: Date;
}

/** Where a collaborative document belongs, as its name says: a board, or one of its meetings. */
export type DocPlace = { boardId: string } | { meetingId: string };

/**
 * What opening a collaborative document needs, read in one round trip (sessions.admissions): the
 * session with its user and their agency, the board the document belongs to (and, for a meeting's
 * document, the meeting's status and adjustment) and the user's role on that board.
 */
export interface SessionAdmission {
	session: Session;
	user: User;
	agency: Agency | null;
	/** Null when there is no such board or meeting. */
	place: { boardId: string; meeting: Pick<Meeting, 'id' | 'status' | 'adjustment'> | null } | null;
	/** The user's role on the place's board; null when not a member (or no place). */
	role: BoardRole | null;
}

export interface Board {
	id: string;
	name: string;
	description: string;
	createdBy: string;
	createdAt: Date;
	/** The language its protocols are written in (new boards: 'sv'). */
	language: BoardLanguage;
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
	/** How many people may join with the link; null: any number until it expires. */
	maxUses: number | null;
	/** How many people have joined with it. */
	uses: number;
}

/**
 * What accepting an invite did. A link is for someone not yet a member: a member keeps their
 * role ('member'); a person removed after the link was made cannot use it ('removed').
 */
export type InviteAcceptance =
	| { outcome: 'joined' | 'member'; role: BoardRole }
	| { outcome: 'unknown' | 'revoked' | 'expired' | 'used-up' | 'removed' };

/** What the members are told about a meeting, and may change after creating it (issue 10, point 1). */
export interface MeetingDetails {
	title: string;
	startsAt: Date;
	place: string;
	accessibilityNotes: string;
	onlineUrl: string;
}

export interface NewMeeting extends MeetingDetails {
	id: string;
	boardId: string;
	createdBy: string;
	createdAt: Date;
	/** Planned length in minutes (the calendar entry's end); null or absent: the usual two hours. */
	lengthMinutes?: number | null;
	/** The series it was created in (issue 12, point 7), shared by its meetings; null or absent: created on its own. */
	seriesId?: string | null;
}

export interface Meeting extends NewMeeting {
	status: LifecycleStatus;
	/** Null for a meeting never moved since its status moved out of the meeting document. */
	statusChangedAt: Date | null;
	/** Why it was cancelled ('' unless cancelled). */
	cancelReason: string;
	/** iCal SEQUENCE: bumped whenever the calendar entry changes (details, cancelled, reinstated). */
	sequence: number;
	updatedAt: Date | null;
	/** Bumped by every change: a change applies only at the revision it was decided on. */
	revision: number;
	/** The justering as stored (parsed by the domain, adjustment-json.ts); null before adjusters are appointed. */
	adjustment: unknown;
	/** When the agenda was last sent to the members by e-mail; null while it never was. */
	agendaSentAt: Date | null;
}

/** One change to a meeting (`meetings.change`): what changes, and the event that records it. */
export interface MeetingChange {
	/** The revision the change was decided on; a newer one makes the change refuse (returns null). */
	revision: number;
	status?: LifecycleStatus;
	cancelReason?: string;
	details?: MeetingDetails;
	adjustment?: unknown;
	/** The calendar entry changes (details, cancelled, reinstated): bump the iCal SEQUENCE. */
	bumpSequence: boolean;
	event: { kind: string; actorId: string; at: Date; detail: Record<string, unknown> };
}

export interface MeetingEvent {
	kind: string;
	actorId: string | null;
	at: Date;
	detail: Record<string, unknown>;
}

/** An adjusted protocol as sealed (never changed afterwards). */
export interface SealedProtocol {
	meetingId: string;
	/** SHA-256 of `canonical`'s UTF-8 bytes, lowercase hex. */
	hash: string;
	format: number;
	/** The canonical JSON exactly as hashed. */
	canonical: string;
	meetingState: Uint8Array;
	voicesState: Uint8Array;
	approvals: unknown;
	sealedAt: Date;
}

/** The public version of an adjusted protocol at `/p/<board slug>/<pathDate>` (issue 10, point 9). */
export interface Publication {
	meetingId: string;
	boardId: string;
	/** 'YYYY-MM-DD' of the meeting, with '-2', '-3' … for later meetings the same day. */
	pathDate: string;
	publishedBy: string | null;
	publishedAt: Date;
	/** Set while it is taken down: the address then answers 410 Gone. */
	unpublishedBy: string | null;
	unpublishedAt: Date | null;
}

/** A personal (boardId null) or board access token for /api/v1 (issue 15); the token itself is never stored. */
export interface ApiToken {
	id: string;
	userId: string;
	boardId: string | null;
	name: string;
	scopes: string[];
	createdAt: Date;
	expiresAt: Date;
	lastUsedAt: Date | null;
	revokedAt: Date | null;
}

export type SlugChange = 'set' | 'taken' | 'locked' | 'not-found';
export type PublishOutcome = 'published' | 'already' | 'not-adjusted' | 'no-slug' | 'taken';

export interface CalendarFeed {
	tokenHash: string;
	userId: string;
	createdAt: Date;
	revokedAt: Date | null;
}

/**
 * What `users.erase` did. 'erased': the session ids it deleted (their live sockets are to be
 * closed); 'last-owner': the boards the person is the only owner of, nothing changed; 'not-found':
 * no such person, or erased already. An erased row keeps its id, agency and creation time; its
 * email becomes `erased+<id>@invalid`, its name '' and its password hash one nothing verifies.
 */
export type Erasure = { outcome: 'erased'; sessionIds: string[] } | { outcome: 'last-owner'; boardIds: string[] } | { outcome: 'not-found' };

/** What a membership change did; the store refuses to leave a board without an owner. */
export type MembershipChange = 'changed' | 'not-member' | 'last-owner';

/**
 * One action item of a board document (board-doc.ts `Action`, checked) as projected into SQL:
 * instants as Dates, and the status history reduced to its last change.
 */
export type ProjectedAction = Omit<Action, 'createdAt' | 'history'> & {
	createdAt: Date;
	/** From the last entry of the status history. */
	statusChangedBy: string | null;
	statusChangedAt: Date | null;
};

/** An action in the register: the projected row with the names a list shows. */
export interface RegisterAction extends ProjectedAction {
	boardId: string;
	boardName: string;
	/** The responsible agency; null when the id names no agency (anymore). */
	agencyName: string | null;
	agencyColor: string | null;
	raisedByAgencyName: string | null;
	assigneeName: string | null;
}

/**
 * Narrows the register; every filter given must hold (they combine with AND).
 * `today` ('YYYY-MM-DD', the person's local date) is what "overdue" is measured against.
 */
export interface ActionFilter {
	/** Assigned to the user. */
	mine?: boolean;
	/** The user's agency is responsible. */
	myAgency?: boolean;
	/** Raised by the user's agency, another agency responsible. */
	owedToMyAgency?: boolean;
	/** Due before `today` and not done. */
	overdue?: boolean;
	status?: ActionStatus;
	today: string;
}

export interface QuarantinedContent {
	id: number;
	reason: string;
	bytes: number;
	at: Date;
}

/** Who made a stored update: the member whose connection sent it. */
export interface UpdateAuthor {
	userId: string;
	agencyId: string;
}

/** An update to append with who made it; null (or a bare Uint8Array) is the server's own change. */
export interface AuthoredUpdate {
	update: Uint8Array;
	author: UpdateAuthor | null;
}

/** One document's updates in a `docs.appendMany`; `fence` as for `append`. */
export interface DocAppend {
	docName: string;
	updates: Array<AuthoredUpdate | Uint8Array>;
	fence?: number;
}

/**
 * What became of one document of a `docs.appendMany`: stored up to `lastUpdateId`; refused for
 * good (`refused`: FencedOutError or DocumentPurgedError, the errors `append` throws); or not
 * stored this time (`failed`, only from adapters that write each document on its own): retry.
 */
export type DocAppendResult = { docName: string; lastUpdateId: number } | { docName: string; refused: Error } | { docName: string; failed: unknown };

/** 'member': sent by a member's connection; 'server': made by the server; 'legacy': stored before authors were kept. */
export type UpdateSourceKind = 'member' | 'server' | 'legacy';

/** One stored update of a document's history. */
export interface DocHistoryEntry {
	id: number;
	at: Date;
	authorId: string | null;
	agencyId: string | null;
	source: UpdateSourceKind;
	update: Uint8Array;
}

/** Narrows the audit log; every filter given must hold. Newest first. */
export interface AuditFilter {
	boardId?: string;
	actorId?: string;
	/** Entries the person made or that are about them (actor or subject): "my entries". */
	involving?: string;
	kinds?: string[];
	/** At or after. */
	from?: Date;
	/** Before. */
	to?: Date;
	/** Entries with a smaller id than this (the next page). */
	before?: number;
	/** At most this many (default and cap: 1000). */
	limit?: number;
}

/** Where the audit chain starts: the hash its oldest remaining entry points at. */
export interface AuditChainStart {
	prevHash: string;
	/** Entries removed by retention so far. */
	removed: number;
	trimmedAt: Date | null;
}

export interface StoredDoc {
	/** The latest snapshot, or null when the document was never compacted. */
	snapshot: Uint8Array | null;
	/** Updates appended after the snapshot, oldest first. */
	updates: Uint8Array[];
	/** Id of the newest update included in snapshot + updates (0 when none). */
	lastUpdateId: number;
	/**
	 * The version of the structure rules the snapshot was judged under when it was written
	 * (`compact`'s `judgedUnder`); absent when it never was (written before, or without one).
	 */
	snapshotJudgedUnder?: number;
}

/** A board's saved venue (issue 12, point 10). Archived venues are kept but no longer offered. */
export interface Venue extends VenueFields {
	id: string;
	boardId: string;
	createdBy: string | null;
	createdAt: Date;
	updatedAt: Date | null;
	archivedAt: Date | null;
}

/** The venue a meeting is at: a copy of the saved venue's fields when chosen, and which one it was. */
export interface MeetingVenue extends VenueFields {
	/** The saved venue it was copied from; null once that venue is gone. */
	venueId: string | null;
}

/** A person's stated access needs (issue 12, point 11). */
export interface StoredAccessNeeds extends AccessNeeds {
	userId: string;
	updatedAt: Date;
}

export interface Store {
	readonly kind: 'pglite' | 'postgres' | 'supabase';
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
		/** Turns easy mode on or off for the person (issue 14). */
		setEasyMode(userId: string, on: boolean): Promise<void>;
		/**
		 * Erases the person's account (issue 11, point 11) in one transaction: refuses while they are
		 * a board's only owner; else deletes their sessions, calendar feeds, memberships and
		 * sign-in failures, revokes their invites, clears them as author of the update log (the
		 * agency stays) and anonymises the row, which stays for the foreign keys (see Erasure).
		 */
		erase(userId: string, at: Date): Promise<Erasure>;
		/** The voices and comments documents with an update the person made (from the authored update log). */
		voicesDocsWritten(userId: string): Promise<string[]>;
	};
	sessions: {
		create(session: Session): Promise<void>;
		/** The session with its user, or null. */
		get(id: string): Promise<{ session: Session; user: User } | null>;
		setExpiry(id: string, expiresAt: Date): Promise<void>;
		delete(id: string): Promise<void>;
		deleteForUser(userId: string): Promise<void>;
		/** Ends every session of the person but `keepId` (sign out everywhere else); the ids it ended. */
		deleteOthers(userId: string, keepId: string): Promise<string[]>;
		/** The person's sessions (when each began and ends; never the token's hash), newest first. */
		listForUser(userId: string): Promise<Array<{ createdAt: Date; expiresAt: Date }>>;
		/**
		 * For each asked session and document place, everything an upgrade needs (SessionAdmission),
		 * in one round trip for all of them, in the order asked; null where there is no such session.
		 * Expired sessions are returned as they are: the caller decides (auth/sessions.ts).
		 */
		admissions(asked: Array<{ id: string; place: DocPlace }>): Promise<Array<SessionAdmission | null>>;
		/** When each of these sessions ends (one query for many open sockets); a session that is gone is absent. */
		expiries(ids: string[]): Promise<Map<string, Date>>;
	};
	/** One-time sign-in links by e-mail (issue 14): the token's hash, its person, until when. */
	signInLinks: {
		create(link: { tokenHash: string; userId: string; createdAt: Date; expiresAt: Date }): Promise<void>;
		/** Uses the link at `at`, once: its user's id, or null (unknown, used, or expired). */
		use(tokenHash: string, at: Date): Promise<string | null>;
		/** Forgets links that expired before `before` (the daily upkeep); how many. */
		prune(before: Date): Promise<number>;
	};
	/** Access tokens for the JSON API (issue 15): stored by hash; revoked or expired ones never authenticate. */
	apiTokens: {
		create(token: ApiToken & { tokenHash: string }): Promise<void>;
		/** The person's tokens (revoked and expired ones too), newest first. */
		listForUser(userId: string): Promise<ApiToken[]>;
		/** The token with this hash if it is neither revoked nor expired at `at`, or null (erasing a person deletes their tokens). */
		findActiveByHash(tokenHash: string, at: Date): Promise<ApiToken | null>;
		/** A board's tokens (issue 15: made by its owners for an integration), newest first. */
		listForBoard(boardId: string): Promise<ApiToken[]>;
		/** Revokes the person's token at `at`; false when it is not theirs or already revoked. */
		revoke(id: string, userId: string, at: Date): Promise<boolean>;
		/** Revokes a board's token at `at` (any owner may); false when it is not that board's or already revoked. */
		revokeForBoard(id: string, boardId: string, at: Date): Promise<boolean>;
		/** Notes that the token was used at `at`. */
		touch(id: string, at: Date): Promise<void>;
	};
	signInFailures: {
		get(key: string): Promise<{ failures: number; lastFailureAt: Date } | null>;
		record(key: string, at: Date): Promise<number>;
		clear(key: string): Promise<void>;
	};
	boards: {
		/** A new board writes its protocols in Swedish until its owner chooses (setLanguage). */
		create(board: Omit<Board, 'language'>, ownerId: string): Promise<void>;
		get(id: string): Promise<Board | null>;
		listForUser(userId: string): Promise<Array<Board & { role: BoardRole }>>;
		members(boardId: string): Promise<BoardMember[]>;
		role(boardId: string, userId: string): Promise<BoardRole | null>;
		/** Adds a member, or keeps the existing membership when they already have a role. */
		addMember(boardId: string, userId: string, role: BoardRole): Promise<BoardRole>;
		/** Sets a member's role; refuses ('last-owner') to take the role of the board's only owner. */
		setRole(boardId: string, userId: string, role: BoardRole): Promise<MembershipChange>;
		/**
		 * Removes a member and remembers the removal (at `at`), so an invite link made before it
		 * cannot bring them back; refuses ('last-owner') to remove the board's only owner.
		 */
		removeMember(boardId: string, userId: string, at: Date): Promise<MembershipChange>;
		/** When the person was last removed from the board, or null. */
		removedAt(boardId: string, userId: string): Promise<Date | null>;
		/** Sets the language the board's protocols are written in; false when there is no such board. */
		setLanguage(boardId: string, language: BoardLanguage): Promise<boolean>;
	};
	invites: {
		create(invite: Invite & { tokenHash: string }): Promise<void>;
		findByTokenHash(tokenHash: string): Promise<Invite | null>;
		listForBoard(boardId: string): Promise<Invite[]>;
		revoke(id: string, at: Date): Promise<void>;
		/**
		 * Accepts the invite for the person at `at`, in one transaction: checks it (revoked,
		 * expired, used up, person removed since it was made), adds the member and takes a use.
		 * Concurrent acceptances never take more uses than the link has.
		 */
		accept(tokenHash: string, userId: string, at: Date): Promise<InviteAcceptance>;
	};
	/** Guests of one meeting (issue 14): a user row of kind 'guest' and its link, made together. */
	guests: {
		create(guest: NewMeetingGuest): Promise<void>;
		findByTokenHash(tokenHash: string): Promise<MeetingGuest | null>;
		forUser(userId: string): Promise<MeetingGuest | null>;
		listForMeeting(meetingId: string): Promise<MeetingGuest[]>;
		/** Revokes the link at `at` and ends the guest's sessions; false when it was revoked already or is unknown. */
		revoke(id: string, at: Date): Promise<boolean>;
		/** Remembers when the guest first came in with the link (once). */
		markOpened(id: string, at: Date): Promise<void>;
	};
	meetings: {
		create(meeting: NewMeeting): Promise<void>;
		get(id: string): Promise<Meeting | null>;
		listForBoard(boardId: string): Promise<Meeting[]>;
		/** Applies `change` if the meeting is still at `change.revision`; the new revision, or null (moved on, or gone). */
		change(id: string, change: MeetingChange): Promise<number | null>;
		/** What happened to the meeting, oldest first. */
		events(id: string): Promise<MeetingEvent[]>;
		/** Records that the agenda was sent at `at`; when it was sent before (null: never), or undefined when the meeting is gone. */
		markAgendaSent(id: string, at: Date): Promise<{ previous: Date | null } | undefined>;
	};
	/** Addenda to adjusted protocols: text fixed when written, approvals added until approved. */
	addenda: {
		/** Adds an addendum (with no approvals); false when its number is already taken. */
		add(meetingId: string, addendum: Addendum): Promise<boolean>;
		/** The meeting's addenda, by number, each with the revision its approvals are at. */
		list(meetingId: string): Promise<Array<Addendum & { revision: number }>>;
		/** The addendum with that hash and the meeting it belongs to, or null. */
		findByHash(hash: string): Promise<(Addendum & { meetingId: string; revision: number }) | null>;
		/** Stores the approvals if the addendum is still at `revision` and not yet approved. */
		approve(meetingId: string, addendum: Addendum, revision: number, actorId: string, at: Date): Promise<boolean>;
	};
	/** Adjusted protocols (issue 10, point 4): sealed once, never changed. */
	protocols: {
		/**
		 * Adjusts the meeting if it is still at `revision` and in adjustment: stores `protocol`, the
		 * final `adjustment` and the status, in one transaction. False when the meeting moved on.
		 */
		seal(protocol: SealedProtocol, revision: number, adjustment: unknown, actorId: string): Promise<boolean>;
		get(meetingId: string): Promise<SealedProtocol | null>;
		findByHash(hash: string): Promise<SealedProtocol | null>;
	};
	/**
	 * Published protocols and the board slugs in their addresses. Publishing and unpublishing are
	 * logged as meeting events ('published', 'unpublished') in the same transaction.
	 */
	publications: {
		/** The board's slug, or null when the owner has chosen none. */
		slug(boardId: string): Promise<string | null>;
		/** Sets the slug; 'locked' once the board has publications under its present slug. */
		setSlug(boardId: string, slug: string): Promise<SlugChange>;
		/** The board with that slug, or null. */
		boardIdBySlug(slug: string): Promise<string | null>;
		/** Publishes an adjusted protocol at `pathDate`, or at the address it had before. */
		publish(meetingId: string, pathDate: string, actorId: string, at: Date): Promise<PublishOutcome>;
		/** False when it was not published. */
		unpublish(meetingId: string, actorId: string, at: Date): Promise<boolean>;
		forMeeting(meetingId: string): Promise<Publication | null>;
		/** Every address given on the board (published or taken down), oldest first. */
		listForBoard(boardId: string): Promise<Publication[]>;
		find(boardId: string, pathDate: string): Promise<Publication | null>;
	};
	docs: {
		load(docName: string): Promise<StoredDoc>;
		/**
		 * `load` for several documents in one read (one statement where the adapter can): one result
		 * per name, in order; a name asked twice is answered twice alike. Documents opened together
		 * (everyone joining, or reconnecting after a restart) cost one read, not one each.
		 */
		loadMany(docNames: string[]): Promise<StoredDoc[]>;
		/**
		 * Appends updates in one write; returns the id of the last one. With `fence` (a token from
		 * `claim`), throws FencedOutError when a newer claim exists (fencing.ts).
		 */
		append(docName: string, updates: Array<AuthoredUpdate | Uint8Array>, fence?: number): Promise<number>;
		/**
		 * Appends the updates of several documents in one write (one transaction where the adapter
		 * can): one result per document, in order. A document refused (fenced out, purged) is left
		 * out and named in its result; the others are stored. Throws only when nothing was stored.
		 * Each document at most once.
		 */
		appendMany(batches: DocAppend[]): Promise<DocAppendResult[]>;
		/**
		 * Replaces the snapshot with `state` (containing every update up to `upToId`); fenced like
		 * `append`. The updates it contains stay in the log as history (`load` skips them).
		 * `judgedUnder`: the version of the structure rules every piece of `state` was judged under
		 * (safe-load.ts), returned by `load` as `snapshotJudgedUnder`; omitted, it was not judged.
		 */
		compact(docName: string, state: Uint8Array, upToId: number, fence?: number, judgedUnder?: number): Promise<void>;
		/** The authored log after `afterId` (default 0), oldest first, at most `limit` (default 1000, at most 5000). */
		history(docName: string, options?: { afterId?: number; limit?: number }): Promise<DocHistoryEntry[]>;
		/**
		 * Retention: deletes at most `limit` (default 10000) compacted updates of the documents of
		 * meetings adjusted before `adjustedBefore`; says how many, of how many documents.
		 */
		pruneHistory(adjustedBefore: Date, limit?: number): Promise<{ updates: number; documents: number }>;
		/** Makes the caller the document's writer: returns a fencing token higher than every earlier one. */
		claim(docName: string): Promise<number>;
		/** Number of updates stored after the snapshot. */
		pendingCount(docName: string): Promise<number>;
		/** Sets aside stored content a document loaded without (it broke the layout), with why. */
		quarantine(docName: string, content: Uint8Array, reason: string): Promise<void>;
		/** What was set aside for a document, oldest first (for operators and tests). */
		quarantined(docName: string): Promise<QuarantinedContent[]>;
	};
	/** The SQL projection of board documents (`board:<id>`): what the action register queries. */
	projections: {
		/**
		 * Replaces the board's projected actions with `actions` and records that `docName` is
		 * projected up to update `upToId`, in one transaction. Returns false (and changes nothing)
		 * when a newer projection is already stored or the board no longer exists.
		 */
		replaceBoardActions(boardId: string, docName: string, actions: ProjectedAction[], upToId: number): Promise<boolean>;
		/** The update id `docName` is projected up to, or null when it never was. */
		projectedUpToId(docName: string): Promise<number | null>;
		/** Board documents of existing boards whose stored updates or snapshot go beyond their projection. */
		listStale(): Promise<Array<{ docName: string; boardId: string; lastUpdateId: number }>>;
	};
	/** Full-text search: meeting and voices documents projected into SQL, and the query (search-types.ts). */
	search: SearchStore;
	actions: {
		/** Actions of every board the user is a member of, soonest due first (no due date last). */
		listForUser(userId: string, filter: ActionFilter): Promise<RegisterAction[]>;
	};
	calendarFeeds: {
		/** Stores a new feed and revokes the person's earlier ones. */
		replace(feed: { tokenHash: string; userId: string; createdAt: Date }): Promise<void>;
		findByTokenHash(tokenHash: string): Promise<CalendarFeed | null>;
		activeForUser(userId: string): Promise<CalendarFeed | null>;
		revokeForUser(userId: string, at: Date): Promise<void>;
	};
	/**
	 * The one-row lease that lets a single instance serve a shared database without REDIS_URL
	 * (server/instance-lease.ts). Expiry is judged by the database's clock.
	 */
	instanceLease: {
		/** Takes the lease if it is free, expired or already `holder`'s; says who holds it afterwards. */
		claim(holder: string, leaseMs: number): Promise<InstanceLeaseState>;
		/** Extends `holder`'s lease; false when it is no longer theirs. */
		renew(holder: string, leaseMs: number): Promise<boolean>;
		/** Gives `holder`'s lease up (a clean stop); another holder's is left alone. */
		release(holder: string): Promise<void>;
	};
	/**
	 * The append-only audit log (issue 11, point 8), chained by hash (domain/audit-chain.ts). The
	 * database links each entry to the newest one under a lock, hashing the canonical form the
	 * adapter sends, so the chain stays one line whatever number of servers append.
	 */
	audit: {
		/** Appends the entry (its text made storable first); the stored record. */
		append(entry: AuditContent): Promise<AuditRecord>;
		list(filter: AuditFilter): Promise<AuditRecord[]>;
		start(): Promise<AuditChainStart>;
		/** Entries with id > `afterId`, oldest first, at most `limit` (for checking the chain page by page). */
		range(afterId: number, limit: number): Promise<AuditRecord[]>;
		/** Retention: removes the entries older than `before` (always the oldest) and moves the start; how many. */
		trim(before: Date, at: Date): Promise<number>;
	};
	/**
	 * Board deletion (issue 11, point 11): an owner's request, a grace period in which every member
	 * sees it and an owner can cancel, then a purge of every row that belongs to the board.
	 */
	boardDeletion: {
		/** The pending request, or null (no request, or no such board). */
		get(boardId: string): Promise<BoardDeletion | null>;
		/** Records the request; false when there is no such board or a request is already pending. */
		request(boardId: string, userId: string, at: Date): Promise<boolean>;
		/** Withdraws the pending request; false when there was none. */
		cancel(boardId: string): Promise<boolean>;
		/** Boards whose deletion was requested before `requestedBefore`, oldest request first. */
		due(requestedBefore: Date): Promise<string[]>;
		/**
		 * Removes the board and everything in it (meetings, protocols, addenda, documents, …) in one
		 * transaction, if its request is older than `requestedBefore`; what went (counts), or null
		 * when nothing was due (cancelled meanwhile, or already gone). The audit log is kept.
		 */
		purge(boardId: string, requestedBefore: Date): Promise<BoardPurgeCounts | null>;
		/**
		 * A purge keeps the hashes of its document names for a while, so that a server still
		 * holding one cannot write it back (DocumentPurgedError); forgets those older than `before`.
		 */
		forgetPurged(before: Date): Promise<number>;
	};
	/** Retention per board (issue 11, point 12): periods set by an owner, applied by the daily job. */
	retention: {
		/** Every board's periods (null: the default), for the daily job. */
		list(): Promise<Array<{ boardId: string } & BoardRetention>>;
		get(boardId: string): Promise<BoardRetention | null>;
		/** False when there is no such board. */
		set(boardId: string, retention: BoardRetention): Promise<boolean>;
		/** Removes the board's meetings still planned or cancelled that started before `startedBefore`, with their documents. */
		pruneDrafts(boardId: string, startedBefore: Date): Promise<{ meetings: number; updates: number; snapshots: number }>;
		/** As docs.pruneHistory, for one board's adjusted meetings (docs.pruneHistory skips boards with their own period). */
		pruneHistory(boardId: string, adjustedBefore: Date, limit?: number): Promise<{ updates: number; documents: number }>;
	};
	/** A board's saved venues and the venue each meeting is at (issue 12, point 10). */
	venues: {
		create(venue: Omit<Venue, 'updatedAt' | 'archivedAt'>): Promise<void>;
		get(id: string): Promise<Venue | null>;
		/** By name (then id); archived ones only when asked for. */
		listForBoard(boardId: string, options?: { archived?: boolean }): Promise<Venue[]>;
		/** Replaces the fields; false when there is no such venue. */
		update(id: string, fields: VenueFields, at: Date): Promise<boolean>;
		/** Archives (a date) or brings back (null); false when there is no such venue. */
		setArchived(id: string, archivedAt: Date | null): Promise<boolean>;
		forMeeting(meetingId: string): Promise<MeetingVenue | null>;
		/** The venues of the board's meetings that have one, by meeting id. */
		forBoardMeetings(boardId: string): Promise<Map<string, MeetingVenue>>;
		/**
		 * Sets (or clears, null) the meeting's venue copy; when it differs from before, bumps the
		 * meeting's iCal SEQUENCE and revision and records a 'venue' event. Whether anything changed.
		 */
		setForMeeting(meetingId: string, venue: MeetingVenue | null, actorId: string, at: Date): Promise<boolean>;
	};
	/** People's access needs (issue 12, point 11); erasing the account deletes them. */
	accessNeeds: {
		get(userId: string): Promise<StoredAccessNeeds | null>;
		set(userId: string, needs: AccessNeeds, at: Date): Promise<void>;
		clear(userId: string): Promise<void>;
		/** The needs of the board's present members who stated any. */
		forBoard(boardId: string): Promise<StoredAccessNeeds[]>;
	};
	/**
	 * The board's backlog (issue 12, point 6): items not yet on any meeting's agenda. Scheduling
	 * keeps the row with the meeting it went to (the trace of where a postponed § went); removing
	 * keeps it too, marked removed.
	 */
	backlog: {
		add(item: NewBacklogItem): Promise<void>;
		/** Every item of the board, scheduled and removed ones included (scheduledAt, removedAt set), oldest first. */
		list(boardId: string): Promise<BacklogItem[]>;
		get(id: string): Promise<BacklogItem | null>;
		/** Records that the item went onto `meetingId`'s agenda; false when it was already scheduled or removed (or is gone). */
		schedule(id: string, meetingId: string, at: Date): Promise<boolean>;
		/** Takes the item off the list (marked removed by `userId`); false when it was already scheduled or removed (or is gone). */
		remove(id: string, userId: string, at: Date): Promise<boolean>;
	};
	/** A board's meeting template (issue 12, point 7); null: none saved, new meetings start empty. */
	templates: {
		get(boardId: string): Promise<StoredTemplate | null>;
		/** False when there is no such board. */
		set(boardId: string, template: MeetingTemplate, userId: string, at: Date): Promise<boolean>;
	};
	/** The e-mail outbox (issue 14, point 6): see mail-types.ts and migration mail_outbox. */
	outbox: OutboxStore;
	/** People's e-mail language and per-kind opt-outs. */
	mailPrefs: MailPrefsStore;
	/** Webhooks per board and their deliveries' outbox (issue 15, point 4): see webhook-types.ts and migration webhooks. */
	webhooks: WebhookStore;
	/** Resolves when the database answers a trivial query (health checks). */
	ping(): Promise<void>;
	close(): Promise<void>;
}

export interface NewBacklogItem {
	id: string;
	boardId: string;
	title: string;
	description: string;
	/** The meeting and § it was put aside from (null when written straight onto the list). */
	sourceMeetingId: string | null;
	sourceItemId: string | null;
	createdBy: string;
	createdAt: Date;
}

export interface BacklogItem extends Omit<NewBacklogItem, 'createdBy'> {
	/** Null once the person who wrote it has been erased. */
	createdBy: string | null;
	scheduledMeetingId: string | null;
	scheduledAt: Date | null;
	/** When, and by whom (null once erased), it was taken off the list; null while on it. */
	removedAt: Date | null;
	removedBy: string | null;
}

export interface StoredTemplate extends MeetingTemplate {
	updatedAt: Date;
}

export interface BoardDeletion {
	requestedAt: Date;
	/** Null when the person who asked has since been erased. */
	requestedBy: string | null;
}

export interface BoardPurgeCounts {
	meetings: number;
	protocols: number;
	addenda: number;
	members: number;
	invites: number;
	actions: number;
	updates: number;
	snapshots: number;
}

/** Days; null means the default (src/lib/domain/retention.ts). */
export interface BoardRetention {
	draftsDays: number | null;
	historyDays: number | null;
	auditDays: number | null;
}

export interface InstanceLeaseState {
	/** Whether the caller holds the lease now. */
	claimed: boolean;
	holder: string;
	/** Until the lease expires, unless its holder renews it. */
	expiresInMs: number;
}
