import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/**
 * The secrets in cookies and links (sessions, invite links, calendar feeds), as Lucia teaches:
 * 20 random bytes in base32; only their SHA-256 is stored, so a leaked table opens nothing.
 */
export function generateToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** The stored form of a token (hex SHA-256). */
export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Whether `token` could be one of ours: checked before any lookup, so junk never reaches the database. */
export function isTokenShape(token: string): boolean {
	return /^[a-z2-7]{32}$/.test(token);
}
