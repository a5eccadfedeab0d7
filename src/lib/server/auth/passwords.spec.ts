import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords';

describe('passwords (argon2id)', () => {
	it('hashes with argon2id and OWASP parameters, salted', async () => {
		const a = await hashPassword('grön-tavla-som-håller');
		const b = await hashPassword('grön-tavla-som-håller');
		expect(a.startsWith('$argon2id$')).toBe(true);
		expect(a).toContain('m=19456,t=2,p=1');
		expect(a).not.toContain('grön');
		expect(a).not.toBe(b);
	});

	it('verifies the right password and refuses a wrong one', async () => {
		const hash = await hashPassword('grön-tavla-som-håller');
		expect(await verifyPassword(hash, 'grön-tavla-som-håller')).toBe(true);
		expect(await verifyPassword(hash, 'Grön-tavla-som-håller')).toBe(false);
		expect(await verifyPassword(hash, '')).toBe(false);
	});

	it('treats canonically equivalent spellings (NFKC) as the same password', async () => {
		const hash = await hashPassword('gr\u00f6n-tavla'); // ö as one code point
		expect(await verifyPassword(hash, 'gro\u0308n-tavla')).toBe(true); // o + combining diaeresis
	});

	it('a malformed stored hash is a failed verification, not a crash', async () => {
		for (const bad of ['', 'not-a-hash', '$argon2id$', '$argon2id$v=19$m=19456,t=2,p=1$broken', '$2b$10$abcdefghijklmnopqrstuv']) {
			await expect(verifyPassword(bad, 'anything at all')).resolves.toBe(false);
		}
	});
});
