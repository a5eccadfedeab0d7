import { describe, expect, it } from 'vitest';
import { readCookie } from './cookies';

describe('readCookie', () => {
	it('finds a cookie among others', () => {
		expect(readCookie('a=1; samtavla_session=abc; b=2', 'samtavla_session')).toBe('abc');
		expect(readCookie('samtavla_session=abc', 'samtavla_session')).toBe('abc');
		expect(readCookie('  samtavla_session =  abc  ;x=y', 'samtavla_session')).toBe('abc');
	});

	it('returns undefined when absent or the header is missing', () => {
		expect(readCookie(undefined, 'samtavla_session')).toBeUndefined();
		expect(readCookie('', 'samtavla_session')).toBeUndefined();
		expect(readCookie('other=1', 'samtavla_session')).toBeUndefined();
		// Names must match exactly, not by prefix or suffix.
		expect(readCookie('samtavla_session_old=1; xsamtavla_session=2', 'samtavla_session')).toBeUndefined();
	});

	it('decodes percent-encoding and strips quotes', () => {
		expect(readCookie('n=%C3%B6l', 'n')).toBe('öl');
		expect(readCookie('n="quoted"', 'n')).toBe('quoted');
		expect(readCookie('n=a=b', 'n')).toBe('a=b');
	});

	it('skips malformed pairs and never throws', () => {
		expect(readCookie('garbage; n=ok', 'n')).toBe('ok');
		expect(readCookie(';;; =x; n=ok', 'n')).toBe('ok');
		expect(readCookie('n=%E0%A4%A', 'n')).toBeUndefined();
	});

	it('the first of duplicate cookies wins', () => {
		expect(readCookie('n=first; n=second', 'n')).toBe('first');
	});
});
