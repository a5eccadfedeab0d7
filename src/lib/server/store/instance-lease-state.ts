import type { InstanceLeaseState } from './types.js';

/** samtavla_instance_lease_claim's jsonb, as every adapter returns it. */
export function leaseState(value: unknown): InstanceLeaseState {
	const lease = (typeof value === 'string' ? JSON.parse(value) : value) as { claimed?: unknown; holder?: unknown; expires_in_ms?: unknown } | null;
	if (!lease || typeof lease.claimed !== 'boolean' || typeof lease.holder !== 'string') throw new TypeError('samtavla_instance_lease_claim returned no lease');
	return { claimed: lease.claimed, holder: lease.holder, expiresInMs: Number(lease.expires_in_ms) };
}
