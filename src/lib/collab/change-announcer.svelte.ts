import { Announcer } from '$lib/components/announcer.svelte';
import { withoutPresenceNoise, type RemoteChange } from './remote-changes';

export interface ChangeAnnouncerOptions {
	/** The words for what happened: one change in full, several as a count. */
	describe: (changes: RemoteChange[]) => string;
	/** The person's setting, read at every change and before speaking. */
	enabled: () => boolean;
	/** Least time between two announcements (ms). */
	interval?: number;
	/** Time to wait for the rest of a burst before speaking (ms). */
	settle?: number;
	/** Time to wait before saying someone left: a reload comes back within it and is not news (ms). */
	leaveSettle?: number;
}

/** At most one announcement every three seconds: a screen reader cut off mid-sentence says nothing. */
export const ANNOUNCE_INTERVAL = 3000;
/** One action of someone else's often arrives as a few transactions (an item, then its title). */
export const ANNOUNCE_SETTLE = 400;
/** A page reload or a dropped connection leaves and comes back within a few seconds. */
export const ANNOUNCE_LEAVE_SETTLE = 3000;

/**
 * Turns other people's changes into polite announcements (its `text` goes into a live region),
 * throttled: what arrives while one is due or just said is gathered and said in one go ("3 changes
 * by others"), never a queue of sentences that lags behind the meeting. Someone who left and came
 * back within one announcement cancels out. Switched off, it drops what it has and says nothing.
 */
export class ChangeAnnouncer {
	#announcer = new Announcer();
	#options: Required<ChangeAnnouncerOptions>;
	#pending: RemoteChange[] = [];
	#timer: ReturnType<typeof setTimeout> | null = null;
	#lastSaid = -Infinity;

	constructor(options: ChangeAnnouncerOptions) {
		this.#options = { interval: ANNOUNCE_INTERVAL, settle: ANNOUNCE_SETTLE, leaveSettle: ANNOUNCE_LEAVE_SETTLE, ...options };
	}

	/** What the live region says now. */
	get text(): string {
		return this.#announcer.text;
	}

	push(changes: RemoteChange[]): void {
		if (changes.length === 0 || !this.#options.enabled()) return;
		this.#pending.push(...changes);
		if (this.#timer) return;
		const { interval, settle, leaveSettle } = this.#options;
		const onlyLeaving = this.#pending.every((change) => change.kind === 'left');
		const wait = Math.max(onlyLeaving ? leaveSettle : settle, this.#lastSaid + interval - Date.now());
		this.#timer = setTimeout(() => this.#flush(), wait);
	}

	#flush(): void {
		this.#timer = null;
		const changes = withoutPresenceNoise(this.#pending);
		this.#pending = [];
		if (changes.length === 0 || !this.#options.enabled()) return;
		this.#lastSaid = Date.now();
		void this.#announcer.say(this.#options.describe(changes));
	}

	destroy(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.#pending = [];
	}
}
