import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Config } from '../src/lib/server/config.js';
import type { Logger } from '../src/lib/server/logger.js';
import type { Store } from '../src/lib/server/store/types.js';

/**
 * Without REDIS_URL an instance keeps each document in its own memory and stores its own copy:
 * a second such instance on the same database would overwrite the first one's writes (measured:
 * three instances behind a balancer lost half of what was typed). So an instance on a shared
 * database without Redis holds the database's one instance lease while it serves, and a second
 * one refuses to start. The embedded database needs none: one process owns its directory.
 *
 * The lease says who should serve; the per-document fencing tokens (persistence.ts, update-log-writer.ts)
 * make sure an instance that lost the lease without noticing (paused past its expiry) cannot
 * write over its successor.
 */
export function needsInstanceLease(config: Pick<Config, 'databaseUrl' | 'supabase' | 'redisUrl'>): boolean {
	return Boolean(config.databaseUrl || config.supabase) && !config.redisUrl;
}

export class InstanceLeaseHeldError extends Error {
	constructor(holder: string, expiresInMs: number) {
		super(
			`another Samtavla instance (${holder}) already serves this database without REDIS_URL; ` +
				`instances sharing one database must all set REDIS_URL (the same Redis), otherwise run only one ` +
				`(its lease runs out in ${Math.ceil(expiresInMs / 1000)} s if it has stopped without releasing it)`
		);
		this.name = 'InstanceLeaseHeldError';
	}
}

export interface InstanceLease {
	readonly holder: string;
	/** Resolves, once, with why this instance may no longer serve (another one has taken over). */
	readonly lost: Promise<string>;
	/** A write of this instance was fenced out: another instance serves the database now. */
	fencedOut(docName: string): void;
	/** Stops renewing and gives the lease back (a clean stop): the next instance may start at once. */
	release(): Promise<void>;
}

/** Takes the lease, or throws InstanceLeaseHeldError while another instance holds it. */
export async function holdInstanceLease(store: Store, logger: Logger, leaseMs: number): Promise<InstanceLease> {
	const holder = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
	const state = await store.instanceLease.claim(holder, leaseMs);
	if (!state.claimed) throw new InstanceLeaseHeldError(state.holder, state.expiresInMs);
	logger.info({ holder, leaseMs }, 'this instance holds the database lease (no REDIS_URL: it must be the only one)');

	let resolveLost!: (why: string) => void;
	const lost = new Promise<string>((resolve) => (resolveLost = resolve));
	let over = false;
	const end = (why: string) => {
		if (over) return;
		over = true;
		clearInterval(heartbeat);
		resolveLost(why);
	};
	// Three renewals per lease: one slow or failed round trip does not let it lapse.
	const heartbeat = setInterval(() => {
		store.instanceLease.renew(holder, leaseMs).then(
			(renewed) => {
				if (!renewed && !over) end('the database lease was taken by another instance (this one was paused or cut off past INSTANCE_LEASE_MS)');
			},
			(error) => logger.warn({ err: error }, 'renewing the database lease failed; will try again')
		);
	}, Math.max(100, Math.floor(leaseMs / 3)));
	heartbeat.unref();

	return {
		holder,
		lost,
		fencedOut(docName) {
			end(`a write to ${docName} was fenced out: another instance has loaded it since`);
		},
		async release() {
			const held = !over;
			over = true;
			clearInterval(heartbeat);
			if (held) await store.instanceLease.release(holder).catch((error) => logger.warn({ err: error }, 'releasing the database lease failed; it runs out by itself'));
		}
	};
}
