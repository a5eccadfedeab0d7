import { isCalendarDate } from './calendar.js';

/**
 * Danish CPR numbers (CPR-kontoret, "Personnummeret i CPR-systemet"): DDMMYY-SSSS. The century
 * is not written; it follows from the seventh digit (the first of SSSS) and the year. There is
 * no check digit to test: numbers that fail the old modulus-11 test have been issued since 2007.
 */

/** The full birth year that the seventh digit (0–9) gives a two-digit year. */
export function cprBirthYear(twoDigitYear: number, seventhDigit: number): number {
	if (seventhDigit <= 3) return 1900 + twoDigitYear;
	if (seventhDigit === 4 || seventhDigit === 9) return twoDigitYear <= 36 ? 2000 + twoDigitYear : 1900 + twoDigitYear;
	// 5–8: 2000–2057, or 1858–1899.
	if (twoDigitYear <= 57) return 2000 + twoDigitYear;
	return 1800 + twoDigitYear;
}

/** Whether DDMMYY + SSSS is a CPR number: a real date in the century the seventh digit gives. */
export function isCpr(date: string, serial: string): boolean {
	const year = cprBirthYear(Number(date.slice(4, 6)), serial.charCodeAt(0) - 48);
	return isCalendarDate(year, Number(date.slice(2, 4)), Number(date.slice(0, 2)));
}
