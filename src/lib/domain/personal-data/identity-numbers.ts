import { isCpr } from './cpr.js';
import { readSwedish } from './personnummer.js';
import type { PersonalDataMatch } from './types.js';

/**
 * Every written form of a Swedish personnummer/samordningsnummer or a Danish CPR number: a
 * birth date of six (YYMMDD, DDMMYY) or eight (YYYYMMDD) digits, then four digits, joined by
 * nothing, a hyphen (or dash, or `+` for 100 years or older), a space, or a hyphen with spaces.
 *
 * Boundaries: the date must start a digit run and the four digits must end one, so ten or
 * twelve digits inside a longer number are no match; nor are they when the number is one link
 * in a chain of digit groups joined by `-` or `/` (as in "KS-2026-850709-1234" or
 * "2026/8507091234"), which is how case and order numbers are written. Letters next to the
 * number do not stop it ("pnr850709-1234" is still one).
 *
 * Linear: the lookbehinds are fixed-width, and the only alternation (8 or 6 date digits) is
 * decided within the next few characters, so each start position costs a bounded amount.
 */
const SPACE = '[ \\u00a0\\u2009\\u202f]';
const JOIN = `${SPACE}?[-+\\u2010-\\u2013\\u2212]${SPACE}?|${SPACE}`;
const IDENTITY_SHAPE = new RegExp(`(?<!\\d)(?<!\\d[-/])(\\d{8}|\\d{6})(${JOIN})?(\\d{4})(?!\\d)(?![-/]\\d)`, 'g');

export function findIdentityNumbers(text: string): PersonalDataMatch[] {
	const found: PersonalDataMatch[] = [];
	for (const match of text.matchAll(IDENTITY_SHAPE)) {
		const [whole, date, join = '', serial] = match;
		const reading = classify(date, serial, join.includes('+'));
		if (reading) found.push({ ...reading, start: match.index, end: match.index + whole.length, text: whole });
	}
	return found;
}

/**
 * A Swedish personnummer with a valid check digit is one whatever else it could be. Otherwise a
 * valid CPR date makes it a CPR number (CPR has no check digit, and `+` and eight-digit years are
 * Swedish only) — also when the digits happen to pass as a samordningsnummer, which is rarer
 * than a CPR number ("070761-4285" is both). Only what is neither, but has a Swedish date, is
 * "possibly" an identity number: most likely a personnummer with a typo.
 */
function classify(date: string, serial: string, plus: boolean): Pick<PersonalDataMatch, 'kind' | 'severity'> | null {
	const swedish = readSwedish(date, serial);
	if (swedish?.checkDigitValid && swedish.kind === 'personnummer') return { kind: 'personnummer', severity: 'identity' };
	if (date.length === 6 && !plus && isCpr(date, serial)) return { kind: 'cpr', severity: 'identity' };
	if (swedish?.checkDigitValid) return { kind: swedish.kind, severity: 'identity' };
	if (swedish) return { kind: swedish.kind, severity: 'possible-identity' };
	return null;
}
