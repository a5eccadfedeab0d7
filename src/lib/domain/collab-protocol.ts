/**
 * Everything client and server must agree on about the realtime connection, in one module
 * (as Outline's CloseEvents): the websocket path, message types and close codes.
 *
 * y-websocket 3 stops reconnecting on close codes 4400–4499 (like HTTP 4xx: permanent) and
 * retries on any other code, including 4500–4599 ("try again later").
 */
export const COLLAB_PATH = '/collab/';

/** y-websocket message types (first varuint of every frame). */
export const MessageType = {
	sync: 0,
	awareness: 1,
	auth: 2,
	queryAwareness: 3,
	/**
	 * Samtavla's own: the member's role on the board changed while connected. Payload: role, then
	 * access ('write' | 'read'), as var-strings. Stock y-websocket clients ignore it; ours reload
	 * the page's permissions, so a raised role takes effect without a reload.
	 */
	membership: 4
} as const;

/** y-protocols auth sub-message: the server tells a client it may only read. */
export const AUTH_PERMISSION_DENIED = 0;

export const CloseCode = {
	/** A frame that is not a valid y-websocket message, or an update that does not apply. */
	malformedFrame: 4400,
	/** The session expired or was signed out: sign in again, then reconnect. */
	sessionEnded: 4401,
	/** Membership removed or role lowered while connected. */
	forbidden: 4403,
	/** The document no longer exists. */
	documentGone: 4404,
	/**
	 * Updates that refer to content the document does not have waited too long or grew too large
	 * (COLLAB_MAX_PENDING_*). What this connection left waiting is dropped; nothing else is touched.
	 * After a reload the client's sync sends whatever the server lacks, complete.
	 */
	pendingOverflow: 4413,
	/**
	 * An update whose structure the document's layout never contains (nested too deep, an unknown
	 * root, a sub-document…): refused before it was applied, so no one else ever received it.
	 */
	refusedUpdate: 4422,
	/**
	 * A frame larger than the server's limit (RFC 6455 "message too big"). The ws library refuses
	 * it from the frame header, before buffering it, so this standard code is what is sent.
	 * Retried (with a growing delay): the server splits what it sends and caps presence, so a
	 * stock client's echo of someone else's presence can no longer cause it, and a close that a
	 * peer caused must not end anyone's connection for good.
	 */
	frameTooLarge: 1009,
	/** The server is shutting down or restarting: reconnect after a short while. */
	serverRestart: 4503,
	/** Too many connection attempts at once: back off and retry. */
	overloaded: 4529
} as const;
export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** Permanent codes the client must act on rather than retry: 4400–4499, as y-websocket 3 treats them. */
export function isPermanentClose(code: number): boolean {
	return code >= 4400 && code < 4500;
}

/** Why the server refused an upgrade (HTTP status on the upgrade response). */
export const UpgradeStatus = {
	unauthenticated: 401,
	forbidden: 403,
	notFound: 404,
	tooMany: 429
} as const;
