import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

/**
 * The canonical form of a protocol that is hashed when it is adjusted (issue 10, point 4).
 *
 * JSON in the spirit of RFC 8785 (JCS): object keys sorted by UTF-16 code units, no whitespace,
 * numbers as ECMAScript prints them; and every string (keys too) in Unicode NFC, so the same
 * words typed on two systems hash alike. Keys whose value is undefined (or a function, symbol or
 * bigint) are left out; in arrays such values become null, as JSON does. Arrays keep their order:
 * the renderer already put them in the protocol's order. UTF-8 bytes, then SHA-256.
 *
 * Changing anything here changes every hash ever stored: bump PROTOCOL_FORMAT instead.
 */
function serialise(value: unknown, out: string[]): void {
	if (value === null || typeof value === 'boolean') {
		out.push(String(value));
	} else if (typeof value === 'number') {
		out.push(Number.isFinite(value) ? JSON.stringify(value === 0 ? 0 : value) : 'null');
	} else if (typeof value === 'string') {
		out.push(JSON.stringify(value.normalize('NFC')));
	} else if (Array.isArray(value)) {
		out.push('[');
		value.forEach((element, i) => {
			if (i > 0) out.push(',');
			if (skippable(element)) out.push('null');
			else serialise(element, out);
		});
		out.push(']');
	} else if (typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => !skippable(v))
			.map(([k, v]) => [k.normalize('NFC'), v] as const)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		out.push('{');
		entries.forEach(([key, v], i) => {
			if (i > 0) out.push(',');
			out.push(JSON.stringify(key), ':');
			serialise(v, out);
		});
		out.push('}');
	} else {
		out.push('null');
	}
}

const skippable = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint';

/** The canonical text of any plain value (a protocol, or a public version of one). */
export function canonicalJson(value: unknown): string {
	const out: string[] = [];
	serialise(value, out);
	return out.join('');
}

/** The canonical form as UTF-8 bytes: what is hashed, stored and compared. */
export function canonicalBytes(protocol: unknown): Uint8Array {
	return new TextEncoder().encode(canonicalJson(protocol));
}

/** Lowercase hex SHA-256 of the canonical bytes. Works in the browser and in Node. */
export function protocolHash(protocol: unknown): string {
	return encodeHexLowerCase(sha256(canonicalBytes(protocol)));
}
