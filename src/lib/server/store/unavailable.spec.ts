import { describe, expect, it } from 'vitest';
import { isStoreUnavailable } from './unavailable';
import { SupabaseStoreError } from './supabase/request';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isStoreUnavailable', () => {
	it('recognises a database that cannot be reached', () => {
		for (const code of ['ECONNREFUSED', 'ECONNRESET', 'CONNECTION_CLOSED', 'CONNECT_TIMEOUT', '57P01', '57P03', '08006', '53300']) {
			expect(isStoreUnavailable(withCode(code)), code).toBe(true);
		}
		// Node reports a refused dual-stack connect as an AggregateError; drivers wrap causes.
		expect(isStoreUnavailable(new AggregateError([withCode('ECONNREFUSED')], 'connect failed'))).toBe(true);
		expect(isStoreUnavailable(new Error('query failed', { cause: withCode('ETIMEDOUT') }))).toBe(true);
		expect(isStoreUnavailable(new SupabaseStoreError('users', { status: 0, error: { message: 'fetch failed' } }))).toBe(true);
		expect(isStoreUnavailable(new SupabaseStoreError('users', { status: 503, error: { code: 'PGRST001', message: 'no connection' } }))).toBe(true);
	});

	it('leaves bugs and bad data alone (they are 500s, or handled by the caller)', () => {
		for (const error of [new Error('boom'), withCode('23505'), withCode('42P01'), withCode('57014'), null, undefined, 'text', 42]) {
			expect(isStoreUnavailable(error), String(error)).toBe(false);
		}
		expect(isStoreUnavailable(new SupabaseStoreError('users', { status: 409, error: { code: '23505', message: 'duplicate' } }))).toBe(false);
	});
});
