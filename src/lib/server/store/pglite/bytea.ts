/**
 * bytea to and from PGlite's text form through Node's native hex codec. PGlite's own parser
 * builds the bytes one `parseInt` per byte pair (and its serializer one string per byte): for
 * the 300 KB snapshot of a long meeting that was most of a cold open's time in the database's
 * thread (issue 13). These do the same in about a millisecond.
 *
 * Both are self-contained (no imports, no closures): the worker thread gets their source text
 * (worker-executor.ts), so they must run as written.
 */

/** The type oid of bytea[] (PostgreSQL's fixed catalogue: pg_type `_bytea`). */
export const BYTEA_ARRAY = 1001;

/** Hex output (`\x…`, PostgreSQL's default bytea_output) into bytes of their own; anything else to `fallback`. */
export function parseBytea(text: string, fallback: (text: string) => unknown): unknown {
	if (!text.startsWith('\\x')) return fallback(text);
	// An exact-sized buffer, never a slice of Node's shared pool: the rows are copied to the server's
	// thread as whole ArrayBuffers, and a pooled slice would take its 8 KB pool with it.
	const bytes = new Uint8Array((text.length - 2) >>> 1);
	Buffer.from(bytes.buffer).write(text.slice(2), 'hex');
	return bytes;
}

/**
 * A one-dimensional bytea[] (`{"\\x…","\\x…",NULL}`): what samtavla_doc_load returns for the
 * updates after the snapshot. PGlite's array parser walks it one character at a time (about
 * 150 ms for 300 KB); hex has no commas or quotes, so a split does. Anything else to `fallback`.
 */
export function parseByteaArray(text: string, fallback: (text: string) => unknown): unknown {
	if (text === '{}') return [];
	if (!text.startsWith('{"') && !text.startsWith('{NULL')) return fallback(text);
	const out: Array<Uint8Array | null> = [];
	for (const element of text.slice(1, -1).split(',')) {
		if (element === 'NULL') {
			out.push(null);
			continue;
		}
		// `"\\x…"`: the quoted element escapes the backslash.
		if (!element.startsWith('"\\\\x') || !element.endsWith('"')) return fallback(text);
		const bytes = new Uint8Array((element.length - 5) >>> 1);
		Buffer.from(bytes.buffer).write(element.slice(4, -1), 'hex');
		out.push(bytes);
	}
	return out;
}

/** Bytes as PostgreSQL's hex input; anything else to `fallback` (which refuses it as PGlite does). */
export function serializeBytea(value: unknown, fallback: (value: unknown) => string): string {
	if (!(value instanceof Uint8Array)) return fallback(value);
	return '\\x' + Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
}
