/**
 * When each other instance was last heard from (its heartbeats on the control channel). An
 * instance silent for longer than the timeout, or one that said it is leaving, is gone: the
 * presence of its people is dropped everywhere.
 */
export class Liveness {
	readonly #lastSeen = new Map<string, number>();

	constructor(private readonly timeoutMs: number) {}

	seen(instanceId: string, now = Date.now()): void {
		this.#lastSeen.set(instanceId, now);
	}

	/** Forgets the instance; returns whether it was known. */
	forget(instanceId: string): boolean {
		return this.#lastSeen.delete(instanceId);
	}

	/** Instances not heard from within the timeout; they are forgotten as they are returned. */
	expire(now = Date.now()): string[] {
		const gone: string[] = [];
		for (const [id, at] of this.#lastSeen) {
			if (now - at > this.timeoutMs) {
				gone.push(id);
				this.#lastSeen.delete(id);
			}
		}
		return gone;
	}
}
