import type { Redis } from 'ioredis';
import { keys } from './keys.js';

/** One update as it sits in a document's Redis stream. */
export interface StreamEntry {
	id: string;
	/** The document link (instance and load) that accepted the update from its client. */
	origin: string;
	update: Uint8Array;
}

/** Fields of every stream entry: `u` the Yjs update, `o` the link that accepted it. */
export const FIELD_UPDATE = 'u';
export const FIELD_ORIGIN = 'o';

// Appends an update and clears any idle expiry (see RETIRE in lease.ts): a stream that receives entries never expires.
const APPEND = `
local id = redis.call('xadd', KEYS[1], '*', ARGV[3], ARGV[1], ARGV[4], ARGV[2])
redis.call('persist', KEYS[1])
return id`;

/** Appends one update to the document's stream. */
export async function appendUpdate(redis: Redis, doc: string, update: Uint8Array, origin: string): Promise<void> {
	await redis.eval(APPEND, 1, keys.stream(doc), Buffer.from(update.buffer, update.byteOffset, update.byteLength), origin, FIELD_UPDATE, FIELD_ORIGIN);
}

/** Parses XRANGE/XREAD items (Buffer replies); entries without an update are skipped, not fatal. */
export function parseEntries(items: Array<[id: Buffer, fields: Buffer[]]>): StreamEntry[] {
	const entries: StreamEntry[] = [];
	for (const [id, fields] of items) {
		let origin = '';
		let update: Uint8Array | null = null;
		for (let i = 0; i + 1 < fields.length; i += 2) {
			const name = fields[i].toString();
			if (name === FIELD_UPDATE) update = new Uint8Array(fields[i + 1].buffer, fields[i + 1].byteOffset, fields[i + 1].byteLength);
			else if (name === FIELD_ORIGIN) origin = fields[i + 1].toString();
		}
		if (update) entries.push({ id: id.toString(), origin, update });
	}
	return entries;
}

/** Orders stream ids ('ms-seq'); ids from different Redis lifetimes compare by time like any other. */
export function compareIds(a: string, b: string): number {
	const [am, as] = a.split('-').map(Number);
	const [bm, bs] = b.split('-').map(Number);
	return am !== bm ? am - bm : (as ?? 0) - (bs ?? 0);
}
