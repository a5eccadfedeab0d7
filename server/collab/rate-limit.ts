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
