import { describe, expect, it } from 'vitest';
import { generateToken, hashToken, isTokenShape } from './tokens';

describe('tokens', () => {
	it('are 32 base32 characters, each new, stored only as a hex SHA-256', () => {
		const token = generateToken();
		expect(isTokenShape(token)).toBe(true);
		expect(generateToken()).not.toBe(token);
		expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
		expect(hashToken(token)).toBe(hashToken(token));
		for (const junk of ['', token.toUpperCase(), token + 'a', token.slice(1), token.replace(/.$/, '1'), `${token.slice(0, 31)}\u0000`]) {
			expect(isTokenShape(junk), JSON.stringify(junk)).toBe(false);
		}
	});

	it('hash as before: the SHA-256 stored for sessions made by earlier versions still matches', () => {
		// Known answer (FIPS 180-2 "abc"), and a token-shaped one computed with @oslojs/crypto's sha256.
		expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
		expect(hashToken('abcdefghijklmnopqrstuvwxyz234567')).toBe('84cb29b2c78b393c0d30a90d5a9f670267d02d9ec3743fc1800acff8b03bac15');
	});
});
