import { isCalendarDate } from './calendar.js';

/**
 * Swedish personnummer and samordningsnummer (Skatteverket SKV 704 and 707): a birth date
 * YYMMDD (or YYYYMMDD), a three-digit birth number and a Luhn check digit computed over the ten
 * digits YYMMDDNNN. A samordningsnummer is the same with 60 added to the day.
 */

/** Luhn (mod 10) over a string of digits whose last digit is the check digit. */
export function luhnValid(digits: string): boolean {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		// Counting from the right, every second digit (starting with the one before the check
		// digit) is doubled; a two-digit product contributes its digit sum (n*2 - 9).
		let n = digits.charCodeAt(digits.length - 1 - i) - 48;
		if (i % 2 === 1) {
			n *= 2;
			if (n > 9) n -= 9;
		}
		sum += n;
	}
	return sum % 10 === 0;
}

/** The check digit for nine digits YYMMDDNNN (what a generator or a quick fix needs). */
export function luhnCheckDigit(nineDigits: string): number {
	for (let d = 0; d <= 9; d++) if (luhnValid(nineDigits + d)) return d;
	/* c8 ignore next */
	throw new Error('unreachable: one of ten digits always completes a Luhn sum');
}

export type SwedishReading = { kind: 'personnummer' | 'samordningsnummer'; checkDigitValid: boolean } | null;

/**
 * Reads `date` (YYMMDD or YYYYMMDD) and `serial` (NNNN) as a Swedish number, or null when the
 * date is no date. With two-digit years the century is not written (a `+` says 100 years or
 * older), so the date is accepted when it exists in any of the centuries a living person's
 * number can carry (1800s, 1900s, 2000s) — only 29 February in a year 00 depends on it.
 */
export function readSwedish(date: string, serial: string): SwedishReading {
	const year = Number(date.slice(0, date.length - 4));
	const month = Number(date.slice(-4, -2));
	const writtenDay = Number(date.slice(-2));
	const coordination = writtenDay > 60;
	const day = coordination ? writtenDay - 60 : writtenDay;
	const years = date.length === 8 ? (year >= 1800 && year <= 2099 ? [year] : []) : [1800 + year, 1900 + year, 2000 + year];
	if (!years.some((y) => isCalendarDate(y, month, day))) return null;
	return {
		kind: coordination ? 'samordningsnummer' : 'personnummer',
		checkDigitValid: luhnValid(date.slice(-6) + serial)
	};
}
