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
});
