/**
 * Caps websocket upgrades per second for the whole process, so a deploy's reconnection storm
 * is spread out (clients retry with jitter) instead of all loading documents at once.
 */
export class UpgradeRateLimit {
	#windowStart = 0;
	#count = 0;

	constructor(
		private readonly perSecond: number,
		private readonly now: () => number = Date.now
	) {}

	tryTake(): boolean {
		const t = this.now();
		if (t - this.#windowStart >= 1000) {
			this.#windowStart = t;
			this.#count = 0;
		}
		if (this.#count >= this.perSecond) return false;
		this.#count++;
		return true;
	}
}

/** A token bucket: `burst` tokens at most, refilled at `perSecond`. */
export class TokenBucket {
	#tokens: number;
	#at: number;

	constructor(
		private readonly perSecond: number,
		private readonly burst: number,
		private readonly now: () => number = Date.now
	) {
		this.#tokens = burst;
		this.#at = now();
	}

	tryTake(): boolean {
		const t = this.now();
		this.#tokens = Math.min(this.burst, this.#tokens + ((t - this.#at) / 1000) * this.perSecond);
		this.#at = t;
		if (this.#tokens < 1) return false;
		this.#tokens--;
		return true;
	}
}

/**
 * One token bucket per key (a source address, a session), in a map that never holds more than
 * `maxKeys`: under a flood from many (possibly spoofed) addresses, the least recently seen key is
 * forgotten. A forgotten key starts again with a full bucket, which only matters to a flooder that
 * already has that many addresses — and the budgets behind this one still hold.
 */
export class KeyedBuckets {
	readonly #buckets = new Map<string, TokenBucket>();

	constructor(
		private readonly perSecond: number,
		private readonly burst: number,
		private readonly maxKeys: number,
		private readonly now: () => number = Date.now
	) {}

	get size(): number {
		return this.#buckets.size;
	}

	tryTake(key: string): boolean {
		let bucket = this.#buckets.get(key);
		if (bucket) this.#buckets.delete(key); // re-inserted below: the map's order is least recently seen first
		else bucket = new TokenBucket(this.perSecond, this.burst, this.now);
		this.#buckets.set(key, bucket);
		if (this.#buckets.size > this.maxKeys) this.#buckets.delete(this.#buckets.keys().next().value!);
		return bucket.tryTake();
	}
}

export interface UpgradeLimits {
	/** All authenticated upgrades together (COLLAB_MAX_UPGRADES_PER_SECOND). */
	perSecond: number;
	/** Upgrades carrying a session token, per source address, before the token is looked up. */
	perAddressPerSecond: number;
	/** Authenticated upgrades of one session. */
	perSessionPerSecond: number;
}

/** Keys remembered per budget; each costs about a hundred bytes. */
const MAX_TRACKED_KEYS = 10_000;

/**
 * The budgets a websocket upgrade is charged against, in the order it is checked:
 *
 * 1. Upgrades without a well-formed session token are refused before any budget (upgrade.ts):
 *    answering them costs nothing, and charging them would let an anonymous flood use up what
 *    members need — also members behind the same address (an office's NAT).
 * 2. `address`: before the token is looked up in the database, per source address, so one source
 *    sending made-up tokens cannot keep the database busy.
 * 3. `session`: once the session is valid, per session (one member's runaway tabs cannot take
 *    everyone's share), then all members together (spreads a deploy's reconnection storm).
 */
export class UpgradeBudgets {
	readonly #addresses: KeyedBuckets;
	readonly #sessions: KeyedBuckets;
	readonly #members: UpgradeRateLimit;

	constructor(limits: UpgradeLimits, now: () => number = Date.now) {
		// Bursts of two seconds' worth: a page opens two or three documents at once.
		this.#addresses = new KeyedBuckets(limits.perAddressPerSecond, limits.perAddressPerSecond * 2, MAX_TRACKED_KEYS, now);
		this.#sessions = new KeyedBuckets(limits.perSessionPerSecond, limits.perSessionPerSecond * 2, MAX_TRACKED_KEYS, now);
		this.#members = new UpgradeRateLimit(limits.perSecond, now);
	}

	address(address: string): boolean {
		return this.#addresses.tryTake(address);
	}

	session(sessionId: string): boolean {
		return this.#sessions.tryTake(sessionId) && this.#members.tryTake();
	}
}
