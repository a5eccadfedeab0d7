/**
 * bytea through PostgREST's JSON. PostgreSQL prints bytea as `\x` followed by two lowercase hex
 * digits per byte (bytea_output = hex, the default since 9.0 and Supabase's), and PostgREST puts
 * that text in a JSON string: `"\\x00ff"`. Going in, PostgREST casts a JSON string to a bytea
 * column or argument with the same input function, so `"\\x<hex>"` stores exactly those bytes;
 * any other string would be stored as its text (escape format), never as what was meant.
 */

const HEX_BYTEA = /^\\x(?:[0-9a-fA-F]{2})*$/;

/** The exact bytes of `bytes` (a view stays a view: only its own range is sent). */
export function toPostgrestBytea(bytes: Uint8Array): string {
	return '\\x' + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/**
 * Bytes from PostgREST's `\x<hex>` text; throws on anything else (an escape-format value, i.e.
 * bytea_output = escape, or a column that is not bytea) rather than return wrong bytes.
 */
export function fromPostgrestBytea(value: unknown, what = 'bytea value'): Uint8Array {
	if (typeof value !== 'string' || !HEX_BYTEA.test(value)) {
		const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 12)) + (value.length > 12 ? '…' : '') : typeof value;
		throw new TypeError(`${what}: expected PostgREST's hex bytea ("\\\\x…"), got ${shown}; is bytea_output set to hex?`);
	}
	// Decoded into a buffer of its own: Buffer.from(…, 'hex') may hand out a slice of a shared pool.
	const bytes = new Uint8Array((value.length - 2) / 2);
	Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).write(value.slice(2), 'hex');
	return bytes;
}
