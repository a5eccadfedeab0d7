/**
 * How long a key (an account's email, or a client address) must wait after repeated failed
 * sign-ins. Free attempts first, then doubling waits, capped so an owner is never locked out
 * for long: slowing guessing down matters, punishing a forgetful user does not.
 */
export interface ThrottlePolicy {
	freeAttempts: number;
	firstDelaySeconds: number;
	maxDelaySeconds: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = { freeAttempts: 5, firstDelaySeconds: 30, maxDelaySeconds: 15 * 60 };
export const ADDRESS_POLICY: ThrottlePolicy = { freeAttempts: 20, firstDelaySeconds: 30, maxDelaySeconds: 15 * 60 };

export function delayAfter(failures: number, policy: ThrottlePolicy): number {
	if (failures < policy.freeAttempts) return 0;
	const doublings = failures - policy.freeAttempts;
	return Math.min(policy.firstDelaySeconds * 2 ** Math.min(doublings, 30), policy.maxDelaySeconds);
}

/** Seconds left to wait (0 when a new attempt is allowed now). */
export function secondsToWait(failures: number, lastFailureAt: Date, now: Date, policy: ThrottlePolicy): number {
	const until = lastFailureAt.getTime() + delayAfter(failures, policy) * 1000;
	return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}
