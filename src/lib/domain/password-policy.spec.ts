import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX, PASSWORD_MIN, checkPassword } from './password-policy';

describe('checkPassword (NIST SP 800-63B)', () => {
	it('rejects fewer than 8 characters and accepts exactly 8', () => {
		expect(PASSWORD_MIN).toBe(8);
		expect(checkPassword('')).toBe('too_short');
		expect(checkPassword('kx9#tq2')).toBe('too_short');
		expect(checkPassword('kx9#tq2m')).toBeNull();
	});

	it('counts characters, not UTF-16 code units', () => {
		// 4 emoji are 8 UTF-16 units but only 4 characters.
		const fourEmoji = '🦊🌲🏠🚲';
		expect(fourEmoji.length).toBe(8);
		expect(checkPassword(fourEmoji)).toBe('too_short');
		// 8 distinct emoji: 8 characters, allowed (every character is allowed).
		expect(checkPassword('🦊🌲🏠🚲🍎⚓🎻🧭')).toBeNull();
		// 7 letters + 1 emoji = 8 characters.
		expect(checkPassword('gräsänd🦆')).toBeNull();
	});

	it('accepts long passphrases up to the maximum and rejects longer ones', () => {
		const words = 'tavlan står i hörnet och väntar på mötet ';
		const atMax = words.repeat(20).slice(0, PASSWORD_MAX);
		expect([...atMax].length).toBe(PASSWORD_MAX);
		expect(checkPassword(atMax)).toBeNull();
		expect(checkPassword(atMax + 'x')).toBe('too_long');
	});

	it('rejects common passwords case-insensitively, including Swedish and Danish favourites', () => {
		for (const password of ['password', 'PASSWORD123', 'Lösenord123', 'LÖSENORD', 'Sommar2024', 'Hejsan123', 'kodeord123', 'Sverige123', 'qwertyuiop']) {
			expect(checkPassword(password), password).toBe('common');
		}
	});

	it('folds Unicode (NFKC) before comparing with the list', () => {
		// "ö" as o + combining diaeresis is the same word once normalised.
		expect(checkPassword('lo\u0308senord')).toBe('common');
		// Full-width Latin letters fold to ASCII.
		expect(checkPassword('ｐａｓｓｗｏｒｄ')).toBe('common');
	});

	it('rejects repeated characters and ascending or descending runs', () => {
		expect(checkPassword('aaaaaaaaaa')).toBe('common');
		expect(checkPassword('ZZZZZZZZ')).toBe('common');
		expect(checkPassword('ääääääää')).toBe('common');
		// A repeated character outside the BMP is one character repeated too, not two alternating units.
		expect(checkPassword('😀😀😀😀😀😀😀😀')).toBe('common');
		expect(checkPassword('abcdefghij')).toBe('common');
		expect(checkPassword('23456789')).toBe('common');
		expect(checkPassword('98765432')).toBe('common');
		expect(checkPassword('ihgfedcb')).toBe('common');
		// Not a run: a step of 2, or a run that breaks.
		expect(checkPassword('acegikmo')).toBeNull();
		expect(checkPassword('abcdefgz')).toBeNull();
		expect(checkPassword('aaaaaaab')).toBeNull();
	});

	it('rejects passwords containing the email local part or equal to the display name', () => {
		const account = { email: 'Anna.Lind@kommun.se', displayName: 'Anna Lind' };
		expect(checkPassword('x-anna.lind-2026', account)).toBe('like_account');
		expect(checkPassword('ANNA.LIND!!', account)).toBe('like_account');
		expect(checkPassword('annalind', account)).toBe('like_account');
		expect(checkPassword('Anna  Lind', account)).toBe('like_account');
		expect(checkPassword('gröna tavlan i rummet', account)).toBeNull();
	});

	it('the common list is stored folded (NFKC, lower case), so every entry can match', async () => {
		const { COMMON_PASSWORDS } = await import('./common-passwords');
		for (const entry of COMMON_PASSWORDS) expect(entry, entry).toBe(entry.normalize('NFKC').toLowerCase());
	});

	it('ignores very short local parts and names (too many false positives)', () => {
		expect(checkPassword('bo-har-en-lång-fras', { email: 'bo@x.se', displayName: 'Bo' })).toBeNull();
	});
});
