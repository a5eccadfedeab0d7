import type { AgencyKind } from '../../src/lib/domain/agencies.js';
import type { CollabIdentity } from '../../src/lib/domain/collab-identity.js';
import type { DocMembership } from '../../src/lib/server/services/doc-access.js';
import type { Session, User } from '../../src/lib/server/store/types.js';

/** A valid session as an upgrade needs it: who it is and how they are shown. */
export interface SessionEntry {
	session: Session;
	user: User;
	identity: CollabIdentity;
	agencyKind: AgencyKind | null;
}

export type GrantedMembership = Extract<DocMembership, { status: 'ok' }>;

/** Entries kept before expired ones are swept (and past twice this, everything is dropped). */
const SWEEP_AT = 10_000;

/**
 * What upgrades found valid in the last few seconds (COLLAB_UPGRADE_CACHE_MS), so a page opening
 * its documents, or everyone reconnecting after a restart, asks the database (sessions.admissions)
 * once per session and document rather than once per socket. Only grants are kept: a refusal is
 * asked again.
 *
 * Anything that can take access away forgets at once what it concerns, on every instance (the
 * `…Here` methods of live-connections.ts, which the instance bus also calls): a sign-out its
 * session, a role change or removal the member's documents, a meeting's status change or a
 * board's deletion every membership. A lookup that was under way when something was forgotten is
 * not kept (the generation moved on), so an answer read before the change never outlives it.
 */
export class UpgradeCache {
	readonly #sessions = new Map<string, { entry: SessionEntry; until: number }>();
	readonly #members = new Map<string, { membership: GrantedMembership; userId: string; until: number }>();
	#generation = 0;

	constructor(
		private readonly ttlMs: number,
		private readonly now: () => number = Date.now
	) {}

	/** Taken before a lookup, handed back with its answer: a change in between discards it. */
	get generation(): number {
		return this.#generation;
	}

	/** The session with this id, if found valid in the last few seconds and not expired since. */
	session(sessionId: string): SessionEntry | null {
		const hit = this.#sessions.get(sessionId);
		if (!hit) return null;
		const now = this.now();
		if (hit.until <= now || hit.entry.session.expiresAt.getTime() <= now) {
			this.#sessions.delete(sessionId);
			return null;
		}
		return hit.entry;
	}

	keepSession(entry: SessionEntry, generation: number): void {
		if (this.ttlMs <= 0 || generation !== this.#generation) return;
		this.#sweep(this.#sessions);
		this.#sessions.set(entry.session.id, { entry, until: this.now() + this.ttlMs });
	}

	membership(userId: string, docName: string): GrantedMembership | null {
		const key = memberKey(userId, docName);
		const hit = this.#members.get(key);
		if (!hit) return null;
		if (hit.until <= this.now()) {
			this.#members.delete(key);
			return null;
		}
		return hit.membership;
	}

	keepMembership(userId: string, docName: string, membership: GrantedMembership, generation: number): void {
		if (this.ttlMs <= 0 || generation !== this.#generation) return;
		this.#sweep(this.#members);
		this.#members.set(memberKey(userId, docName), { membership, userId, until: this.now() + this.ttlMs });
	}

	/** Signed out (or ended by erasure, or signed out elsewhere). */
	forgetSession(sessionId: string): void {
		this.#generation++;
		this.#sessions.delete(sessionId);
	}

	/** The member's role changed or they left a board: every document of theirs is asked again. */
	forgetMember(userId: string): void {
		this.#generation++;
		for (const [key, hit] of this.#members) if (hit.userId === userId) this.#members.delete(key);
	}

	/** A meeting's status changed or a board was deleted: rare, so every membership is asked again. */
	forgetMemberships(): void {
		this.#generation++;
		this.#members.clear();
	}

	#sweep<V extends { until: number }>(map: Map<string, V>): void {
		if (map.size < SWEEP_AT) return;
		const now = this.now();
		for (const [key, hit] of map) if (hit.until <= now) map.delete(key);
		if (map.size >= 2 * SWEEP_AT) map.clear();
	}
}

const memberKey = (userId: string, docName: string) => `${userId}\u0000${docName}`;
