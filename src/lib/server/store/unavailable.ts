import { SupabaseStoreError } from './supabase/request.js';

/**
 * Whether an error from the store means "the database cannot be reached right now" (down,
 * restarting, refusing connections, out of connections) rather than a bug or bad data. Pages
 * answer those with 503 and a page that says to come back later, not with 500.
 */
export function isStoreUnavailable(error: unknown, depth = 0): boolean {
	if (!error || typeof error !== 'object' || depth > 4) return false;
	const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
	if (typeof code === 'string') {
		if (NETWORK_CODES.has(code)) return true;
		// SQLSTATE classes 08 (connection exception), 53 (insufficient resources), 57P (shut down, starting up).
		if (/^(08|53|57P)[0-9A-Z]{2,3}$/.test(code)) return true;
	}
	if (error instanceof SupabaseStoreError) {
		// No response at all, the gateway could not reach PostgREST, or PostgREST could not reach the database.
		if (error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504) return true;
		if (/^PGRST00[0-3]$/.test(error.code)) return true;
	}
	if (Array.isArray(errors) && errors.some((e) => isStoreUnavailable(e, depth + 1))) return true;
	return isStoreUnavailable(cause, depth + 1);
}

/** Node's socket errors and postgres.js's own connection codes. */
const NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EPIPE',
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED',
	'CONNECT_TIMEOUT'
]);
