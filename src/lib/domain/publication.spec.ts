import { describe, expect, it } from 'vitest';
import { isPathDate, isSlug, localDate, nextPathDate, parseProtocolHash, parseSlug, publicationPath, publishRefusal, suggestSlug } from './publication';

describe('slugs', () => {
	it('are suggested from the board name with Swedish and Danish letters folded', () => {
		expect(suggestSlug('Ledningsgrupp Östra Hälsa & Bo')).toBe('ledningsgrupp-ostra-halsa-bo');
		expect(suggestSlug('Samrådsgruppen i Åre')).toBe('samradsgruppen-i-are');
		expect(suggestSlug('Æblegården – Brugerråd Ø')).toBe('aeblegarden-brugerrad-o');
		expect(suggestSlug('  --Café 2026!!  ')).toBe('cafe-2026');
		expect(suggestSlug('§§§')).toBe('');
		const long = suggestSlug('Ledningsgrupp '.repeat(10));
		expect(long.length).toBeLessThanOrEqual(60);
		expect(isSlug(long)).toBe(true);
	});

	it('are lowercase a–z, digits and single inner hyphens', () => {
		expect(isSlug('lg-ostra-2')).toBe(true);
		for (const bad of ['', 'LG', 'lg--ostra', '-lg', 'lg-', 'lg ostra', 'öst', 'a'.repeat(61)]) expect(isSlug(bad), bad).toBe(false);
		expect(parseSlug('  LG-Ostra ')).toBe('lg-ostra');
		expect(parseSlug('lg ostra')).toBeNull();
	});
});

describe('addresses', () => {
	it('use the meeting date in its own time zone', () => {
		// 23:30 UTC on 30 November is 1 December in Stockholm.
		expect(localDate('2026-11-30T23:30:00.000Z', 'Europe/Stockholm')).toBe('2026-12-01');
		expect(localDate('2026-11-30T23:30:00.000Z', 'UTC')).toBe('2026-11-30');
		expect(localDate('not a date', 'UTC')).toBe('');
		expect(localDate('2026-11-30T23:30:00.000Z', 'Nowhere/City')).toBe('');
	});

	it('give a later meeting of the same day the next counter', () => {
		expect(nextPathDate('2026-12-01', [])).toBe('2026-12-01');
		expect(nextPathDate('2026-12-01', ['2026-11-30', '2026-12-01'])).toBe('2026-12-01-2');
		expect(nextPathDate('2026-12-01', ['2026-12-01', '2026-12-01-2'])).toBe('2026-12-01-3');
		const all = ['2026-12-01', ...Array.from({ length: 98 }, (_, i) => `2026-12-01-${i + 2}`)];
		expect(nextPathDate('2026-12-01', all)).toBeNull();
		expect(publicationPath('lg', '2026-12-01-2')).toBe('/p/lg/2026-12-01-2');
	});

	it('accept only a date with an optional counter from 2', () => {
		for (const good of ['2026-12-01', '2026-12-01-2', '2026-12-01-99']) expect(isPathDate(good), good).toBe(true);
		for (const bad of ['2026-12-1', '2026-12-01-1', '2026-12-01-0', '2026-12-01-100', '../x', '2026-12-01.json']) expect(isPathDate(bad), bad).toBe(false);
	});
});

describe('publishRefusal', () => {
	it('lets only an owner publish an adjusted meeting of a board with a slug', () => {
		expect(publishRefusal({ role: 'owner', adjusted: true, slug: 'lg' })).toBeNull();
		for (const role of ['editor', 'contributor', 'viewer', null] as const) {
			expect(publishRefusal({ role, adjusted: true, slug: 'lg' })).toBe('publish_error_not_owner');
		}
		expect(publishRefusal({ role: 'owner', adjusted: false, slug: 'lg' })).toBe('publish_error_not_adjusted');
		expect(publishRefusal({ role: 'owner', adjusted: true, slug: null })).toBe('publish_error_no_slug');
	});
});

describe('parseProtocolHash', () => {
	it('reads a pasted hash in any case, with a prefix or broken over lines', () => {
		const hash = 'ab'.repeat(32);
		expect(parseProtocolHash(hash.toUpperCase())).toBe(hash);
		expect(parseProtocolHash(` SHA-256: ${hash.slice(0, 30)}\n${hash.slice(30)} `)).toBe(hash);
		expect(parseProtocolHash('ab'.repeat(31))).toBeNull();
		expect(parseProtocolHash('zz'.repeat(32))).toBeNull();
		expect(parseProtocolHash('')).toBeNull();
	});
});
