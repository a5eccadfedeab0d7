import type { Redis } from 'ioredis';
import type { AuthoredUpdate, UpdateAuthor } from '../../../src/lib/server/store/types.js';
import { keys } from './keys.js';

/** One update as it sits in a document's Redis stream. */
export interface StreamEntry {
	id: string;
	/** The document link (instance and load) that accepted the update from its client. */
	origin: string;
	update: Uint8Array;
	/** Who made it (the member of the connection that sent it); null for the server's own. */
	author: UpdateAuthor | null;
}

/**
 * Fields of every stream entry: `u` the Yjs update, `o` the link that accepted it; `a` and `g`
 * the author's user and agency ids, absent for the server's own updates (and entries written
 * before authors were kept).
 */
export const FIELD_UPDATE = 'u';
export const FIELD_ORIGIN = 'o';
export const FIELD_AUTHOR = 'a';
export const FIELD_AGENCY = 'g';

// Appends updates in order, one entry each (ARGV: origin, then update, author, agency per entry;
// '' for no author), and clears any idle expiry (see RETIRE in lease.ts): a stream that receives
// entries never expires. One script, so one run of authors lands together or not at all.
const APPEND = `
for i = 2, #ARGV, 3 do
  if ARGV[i + 1] == '' then
    redis.call('xadd', KEYS[1], '*', '${FIELD_UPDATE}', ARGV[i], '${FIELD_ORIGIN}', ARGV[1])
  else
    redis.call('xadd', KEYS[1], '*', '${FIELD_UPDATE}', ARGV[i], '${FIELD_ORIGIN}', ARGV[1], '${FIELD_AUTHOR}', ARGV[i + 1], '${FIELD_AGENCY}', ARGV[i + 2])
  end
end
redis.call('persist', KEYS[1])
return 1`;

/** Appends updates, each with its author, to the document's stream, in order. */
export async function appendUpdates(redis: Redis, doc: string, updates: readonly AuthoredUpdate[], origin: string): Promise<void> {
	if (updates.length === 0) return;
	const args = updates.flatMap(({ update, author }) => [Buffer.from(update.buffer, update.byteOffset, update.byteLength), author?.userId ?? '', author?.agencyId ?? '']);
	await redis.eval(APPEND, 1, keys.stream(doc), origin, ...args);
}

/** Parses XRANGE/XREAD items (Buffer replies); entries without an update are skipped, not fatal. */
export function parseEntries(items: Array<[id: Buffer, fields: Buffer[]]>): StreamEntry[] {
	const entries: StreamEntry[] = [];
	for (const [id, fields] of items) {
		let origin = '';
		let update: Uint8Array | null = null;
		let userId = '';
		let agencyId = '';
		for (let i = 0; i + 1 < fields.length; i += 2) {
			const name = fields[i].toString();
			if (name === FIELD_UPDATE) update = new Uint8Array(fields[i + 1].buffer, fields[i + 1].byteOffset, fields[i + 1].byteLength);
			else if (name === FIELD_ORIGIN) origin = fields[i + 1].toString();
			else if (name === FIELD_AUTHOR) userId = fields[i + 1].toString();
			else if (name === FIELD_AGENCY) agencyId = fields[i + 1].toString();
		}
		if (update) entries.push({ id: id.toString(), origin, update, author: userId ? { userId, agencyId } : null });
	}
	return entries;
}

/** Orders stream ids ('ms-seq'); ids from different Redis lifetimes compare by time like any other. */
export function compareIds(a: string, b: string): number {
	const [am, as] = a.split('-').map(Number);
	const [bm, bs] = b.split('-').map(Number);
	return am !== bm ? am - bm : (as ?? 0) - (bs ?? 0);
}
