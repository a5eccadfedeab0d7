import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** Random ids: 80 bits, lower-case base32 (URL-safe, fits the doc-name pattern). */
export function newId(): string {
	const bytes = new Uint8Array(10);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}
