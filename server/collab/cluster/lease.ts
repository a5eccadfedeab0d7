import type { Redis } from 'ioredis';
import { keys } from './keys.js';

/**
 * The write lease of one document, and what only its holder may do to the document's keys
 * (advance the stored-up-to pointer, let the stream expire).
 *
 * The lease is a Redis key holding the writer's instance id with a TTL.
 * The lease says who *should* write; the fencing token the database hands out at `claim`
 * (store.docs.claim) is what makes a writer that lost its lease unable to write anyway (paused
 * by GC, cut off from Redis): the database refuses writes with an older token.
 */

// Renew and release only our own lease: a lease that expired and went to another instance is theirs.
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
// Advances the stored-up-to pointer (only while holding the lease, and only forwards), then trims
// the stream below it, keeping `retention` ms so an instance loading right now still finds what it
// needs after the database snapshot it read.
const ADVANCE = `
if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('set', KEYS[2], ARGV[2])
redis.call('xtrim', KEYS[3], 'MINID', '~', ARGV[3])
return 1`;

// When the writer leaves a document whose stream is wholly stored, stream and pointer expire after
// `ttl` unless a new entry arrives first (APPEND clears the expiry). Losing the pointer is harmless:
// the next loader and writer then read the whole stream, and Yjs ignores what it already has.
const RETIRE = `
if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
local last = redis.call('xrevrange', KEYS[3], '+', '-', 'COUNT', 1)
if #last > 0 and last[1][1] ~= redis.call('get', KEYS[2]) then return 0 end
redis.call('pexpire', KEYS[3], ARGV[2])
redis.call('pexpire', KEYS[2], ARGV[2])
return 1`;

/** Lets the stream of a wholly stored, unloaded document expire after `ttlMs` of silence. */
export async function retire(redis: Redis, doc: string, instanceId: string, ttlMs: number): Promise<boolean> {
	return Number(await redis.eval(RETIRE, 3, keys.lease(doc), keys.persisted(doc), keys.stream(doc), instanceId, ttlMs)) === 1;
}

export async function tryAcquire(redis: Redis, doc: string, instanceId: string, ttlMs: number): Promise<boolean> {
	return (await redis.set(keys.lease(doc), instanceId, 'PX', ttlMs, 'NX')) === 'OK';
}

export async function renew(redis: Redis, doc: string, instanceId: string, ttlMs: number): Promise<boolean> {
	return Number(await redis.eval(RENEW, 1, keys.lease(doc), instanceId, ttlMs)) === 1;
}

export async function release(redis: Redis, doc: string, instanceId: string): Promise<void> {
	await redis.eval(RELEASE, 1, keys.lease(doc), instanceId);
}

/** Records that the stream is stored up to `streamId`; false when the lease is no longer ours. */
export async function advancePersisted(redis: Redis, doc: string, instanceId: string, streamId: string, retentionMs: number): Promise<boolean> {
	const ms = Number(streamId.split('-')[0]);
	const trimBelow = `${Math.max(0, ms - retentionMs)}-0`;
	return Number(await redis.eval(ADVANCE, 3, keys.lease(doc), keys.persisted(doc), keys.stream(doc), instanceId, streamId, trimBelow)) === 1;
}

/** Where the database's copy of the stream ends ('0-0' when nothing was ever stored, or Redis lost it). */
export async function persistedId(redis: Redis, doc: string): Promise<string> {
	return (await redis.get(keys.persisted(doc))) ?? '0-0';
}
