/**
 * The smallest thing both SQL adapters (embedded PGlite, `postgres` driver) can provide.
 * Every SQL store module is written against this, so the two share one implementation.
 */
export interface SqlExecutor {
	query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
	/** Runs several statements separated by semicolons, without parameters (migrations). */
	exec(text: string): Promise<void>;
	transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}

/** bytea comes back as Buffer (postgres) or Uint8Array (PGlite); callers always get a plain Uint8Array. */
export function toBytes(value: unknown): Uint8Array {
	if (value instanceof Uint8Array) {
		return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
	}
	throw new TypeError('expected binary column');
}
