import { describe, expect, it } from 'vitest';
import { cprBirthYear, isCpr } from './cpr.js';

describe('CPR century from the seventh digit', () => {
	it.each([
		[85, 0, 1985], [5, 3, 1905],
		[36, 4, 2036], [37, 4, 1937], [36, 9, 2036], [37, 9, 1937],
		[57, 5, 2057], [58, 5, 1858], [0, 8, 2000], [99, 8, 1899]
	])('year %i with digit %i is %i', (yy, digit, year) => {
		expect(cprBirthYear(yy, digit)).toBe(year);
	});
});

describe('isCpr', () => {
	it('accepts a real date, with or without the old modulus 11', () => {
		expect(isCpr('070761', '4285')).toBe(true); // CPR-kontoret's example, modulus 11 holds
		expect(isCpr('070761', '4286')).toBe(true); // issued since 2007 without it
	});
	it('checks the date in the century the seventh digit gives', () => {
		expect(isCpr('290200', '1234')).toBe(false); // 1900: no leap day
		expect(isCpr('290200', '4234')).toBe(true); // 2000
		expect(isCpr('310485', '1234')).toBe(false);
		expect(isCpr('001085', '1234')).toBe(false);
	});
});
