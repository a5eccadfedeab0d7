import { COMMON_PASSWORDS } from './common-passwords.js';

/**
 * NIST SP 800-63B §3.1.1.2: at least 8 characters, allow long passphrases and every character,
 * no composition rules, and reject passwords known to be common or derived from the account.
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'like_account';

export function checkPassword(password: string, account: { email?: string; displayName?: string } = {}): PasswordProblem | null {
	const length = [...password].length; // count characters, not UTF-16 units
	if (length < PASSWORD_MIN) return 'too_short';
	if (length > PASSWORD_MAX) return 'too_long';
	const folded = password.normalize('NFKC').toLowerCase();
	if (COMMON_PASSWORDS.has(folded) || /^(.)\1+$/u.test(folded) || isSequence(folded)) return 'common';
	const local = account.email?.split('@')[0]?.toLowerCase();
	const name = account.displayName?.toLowerCase().replace(/\s+/g, '');
	if ((local && local.length >= 4 && folded.includes(local)) || (name && name.length >= 4 && folded.replace(/\s+/g, '') === name)) {
		return 'like_account';
	}
	return null;
}

/** "12345678", "abcdefgh", "87654321": runs that dictionary lists keep growing. */
function isSequence(s: string): boolean {
	if (s.length < 2) return false;
	const step = s.charCodeAt(1) - s.charCodeAt(0);
	if (Math.abs(step) !== 1) return false;
	for (let i = 2; i < s.length; i++) if (s.charCodeAt(i) - s.charCodeAt(i - 1) !== step) return false;
	return true;
}
