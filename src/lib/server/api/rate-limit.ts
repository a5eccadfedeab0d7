/**
 * Requests per token per minute (issue 15): a fixed window per token, counted in this process. Each
 * instance counts its own, so behind N instances a token gets up to N times the limit; that bounds a
 * runaway script, which is what the limit is for (a shared count would cost a Redis round trip on
 * every request). The answer carries what the RateLimit headers say (draft-ietf-httpapi-ratelimit-headers).
 */
export interface RateDecision {
	allowed: boolean;
	limit: number;
	remaining: number;
	/** Seconds until the window ends and the count starts again. */
	resetSeconds: number;
}

const WINDOW_MS = 60_000;

export class TokenRateLimiter {
	private readonly windows = new Map<string, { start: number; count: number }>();

	constructor(private readonly limit: number) {}

	take(tokenId: string, now = Date.now()): RateDecision {
		let window = this.windows.get(tokenId);
		if (!window || now - window.start >= WINDOW_MS) {
			if (this.windows.size > 10_000) this.prune(now);
			window = { start: now, count: 0 };
			this.windows.set(tokenId, window);
		}
		const allowed = window.count < this.limit;
		if (allowed) window.count += 1;
		return { allowed, limit: this.limit, remaining: this.limit - window.count, resetSeconds: Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000)) };
	}

	private prune(now: number) {
		for (const [id, window] of this.windows) if (now - window.start >= WINDOW_MS) this.windows.delete(id);
	}
}

/** The headers of the IETF draft's structured form: the policy, and what is left of it now. */
export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
	return {
		'ratelimit-policy': `"token";q=${decision.limit};w=${WINDOW_MS / 1000}`,
		ratelimit: `"token";r=${decision.remaining};t=${decision.resetSeconds}`
	};
}
