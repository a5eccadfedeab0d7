import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/lib/server/logger';
import type { Store } from '../src/lib/server/store/types';
import { holdInstanceLease, InstanceLeaseHeldError, needsInstanceLease } from './instance-lease';

const logger = createLogger('silent');

/** Store['instanceLease'] in memory (no clock: a lease lasts until released or `takenBy`). */
function fakeLease() {
	let holder: string | null = null;
	const calls: string[] = [];
	const instanceLease: Store['instanceLease'] = {
		async claim(h) {
			calls.push('claim');
			if (holder === null || holder === h) holder = h;
			return { claimed: holder === h, holder, expiresInMs: 4200 };
		},
		async renew(h) {
			calls.push('renew');
			return holder === h;
		},
		async release(h) {
			calls.push('release');
			if (holder === h) holder = null;
		}
	};
	return { store: { instanceLease } as unknown as Store, calls, takenBy: (h: string) => (holder = h), holder: () => holder };
}

describe('needsInstanceLease', () => {
	it('only for a shared database without Redis', () => {
		expect(needsInstanceLease({ databaseUrl: 'postgres://db/x', supabase: undefined, redisUrl: undefined })).toBe(true);
		expect(needsInstanceLease({ databaseUrl: undefined, supabase: { url: 'https://p.supabase.co', serviceRoleKey: 'k' }, redisUrl: undefined })).toBe(true);
		expect(needsInstanceLease({ databaseUrl: 'postgres://db/x', supabase: undefined, redisUrl: 'redis://r' })).toBe(false);
		expect(needsInstanceLease({ databaseUrl: undefined, supabase: undefined, redisUrl: undefined })).toBe(false);
	});
});

describe('holdInstanceLease', () => {
	it('refuses while another instance holds the lease, naming REDIS_URL and the holder', async () => {
		const fake = fakeLease();
		fake.takenBy('other-host:42:abc');
		const refused = holdInstanceLease(fake.store, logger, 15_000);
		await expect(refused).rejects.toBeInstanceOf(InstanceLeaseHeldError);
		await expect(refused).rejects.toThrow(/other-host:42:abc.*REDIS_URL/);
	});

	it('keeps renewing; once another instance has the lease, `lost` says so', async () => {
		const fake = fakeLease();
		const lease = await holdInstanceLease(fake.store, logger, 300);
		expect(fake.holder()).toBe(lease.holder);
		fake.takenBy('successor');
		await expect(lease.lost).resolves.toMatch(/taken by another instance/);
		expect(fake.calls).toContain('renew');
		await lease.release();
		expect(fake.holder()).toBe('successor'); // the successor's lease is not touched
		expect(fake.calls).not.toContain('release');
	});

	it('a fenced-out write ends it too; a clean release gives the lease back', async () => {
		const fenced = await holdInstanceLease(fakeLease().store, logger, 15_000);
		fenced.fencedOut('meeting:m1');
		await expect(fenced.lost).resolves.toMatch(/meeting:m1 was fenced out/);
		await fenced.release();

		const fake = fakeLease();
		const lease = await holdInstanceLease(fake.store, logger, 15_000);
		await lease.release();
		expect(fake.holder()).toBeNull();
	});
});
