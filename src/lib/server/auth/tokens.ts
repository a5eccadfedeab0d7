import { createHash } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/**
 * The secrets in cookies and links (sessions, invite links, calendar feeds), as Lucia teaches:
 * 20 random bytes in base32; only their SHA-256 is stored, so a leaked table opens nothing.
 */
export function generateToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/**
 * The stored form of a token (hex SHA-256 of its UTF-8). Node's own hash: every request and every
 * websocket upgrade hashes its session token, and the JavaScript one cost about 0.2 ms a call.
 */
export function hashToken(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether `token` could be one of ours: checked before any lookup, so junk never reaches the database. */
export function isTokenShape(token: string): boolean {
	return /^[a-z2-7]{32}$/.test(token);
}
