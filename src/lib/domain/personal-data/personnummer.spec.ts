import { describe, expect, it } from 'vitest';
import { luhnCheckDigit, luhnValid, readSwedish } from './personnummer.js';

describe('luhn', () => {
	it('accepts Skatteverket’s example numbers and rejects a changed digit', () => {
		expect(luhnValid('8112189876')).toBe(true);
		expect(luhnValid('6403273813')).toBe(true);
		expect(luhnValid('8112189875')).toBe(false);
		expect(luhnValid('8112198876')).toBe(false);
	});
	it('computes the check digit', () => {
		expect(luhnCheckDigit('811218987')).toBe(6);
		expect(luhnCheckDigit('640327381')).toBe(3);
	});
});

describe('readSwedish', () => {
	it('reads a personnummer and a samordningsnummer (day + 60)', () => {
		expect(readSwedish('811218', '9876')).toEqual({ kind: 'personnummer', checkDigitValid: true });
		expect(readSwedish('19811218', '9876')).toEqual({ kind: 'personnummer', checkDigitValid: true });
		expect(readSwedish('701063', '2391')).toEqual({ kind: 'samordningsnummer', checkDigitValid: true });
	});
	it('keeps a real date with a wrong check digit, and marks it so', () => {
		expect(readSwedish('811218', '9875')).toEqual({ kind: 'personnummer', checkDigitValid: false });
	});
	it('refuses dates that do not exist', () => {
		expect(readSwedish('811318', '9876')).toBeNull();
		expect(readSwedish('810230', '9876')).toBeNull();
		expect(readSwedish('810100', '9876')).toBeNull();
		expect(readSwedish('811292', '9876')).toBeNull(); // day 32 + 60
		expect(readSwedish('17991218', '9876')).toBeNull(); // no living person
	});
	it('knows leap days: 29 February exists in 2000 (and 1900 does not matter: the century is not written)', () => {
		expect(readSwedish('000229', '1234')).not.toBeNull();
		expect(readSwedish('20000229', '1234')).not.toBeNull();
		expect(readSwedish('19000229', '1234')).toBeNull();
		expect(readSwedish('010229', '1234')).toBeNull();
	});
});
