import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { plainTexts } from './plain';

/**
 * Plain-language variants (issue 14, point 2): each is `<key>_plain` in messages/plain/, the plain
 * text of a standard message that exists, written in Swedish, English and Danish (not copied from
 * another language, nor the standard text again).
 */
const root = join(import.meta.dirname, 'messages');
const areas = ['.', ...readdirSync(root).filter((name) => statSync(join(root, name)).isDirectory())];
const LOCALES = ['sv', 'en', 'da'] as const;

type Catalogue = Record<string, unknown>;
const load = (area: string, locale: string): Catalogue => {
	const { $schema: _schema, ...messages } = JSON.parse(readFileSync(join(root, area, `${locale}.json`), 'utf8'));
	return messages;
};
const plain = Object.fromEntries(LOCALES.map((l) => [l, load('plain', l)])) as Record<(typeof LOCALES)[number], Catalogue>;
const standard = Object.fromEntries(
	LOCALES.map((l) => [l, Object.assign({}, ...areas.filter((a) => a !== 'plain').map((a) => load(a, l))) as Catalogue])
) as Record<(typeof LOCALES)[number], Catalogue>;
const holes = (text: unknown) => [...new Set([...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe('plain variants', () => {
	const keys = Object.keys(plain.sv);

	it('exist', () => {
		expect(keys.length).toBeGreaterThan(20);
	});

	it.each(keys)('%s is named after a standard message, is in sv, en and da, and is its own text', (key) => {
		expect(key).toMatch(/^[a-z0-9_]+_plain$/);
		const base = key.slice(0, -'_plain'.length);
		for (const locale of LOCALES) {
			expect(standard[locale][base], `${locale}: ${base}, the standard of ${key}`).toBeTypeOf('string');
			expect(plain[locale][key], `${locale}:${key}`).toBeTypeOf('string');
			expect(String(plain[locale][key]).trim(), `${locale}:${key}`).not.toBe('');
			// The same holes as the standard message: a page passes the same inputs to either.
			expect(holes(plain[locale][key]), `${locale}:${key}`).toEqual(holes(standard[locale][base]));
		}
		// Real plain texts: other words than the standard, and English and Danish not the Swedish copied
		// (a name or a word or two may be the same: "Om Samtavla" is Danish too).
		expect(plain.sv[key]).not.toBe(standard.sv[base]);
		for (const locale of ['en', 'da'] as const) {
			if (String(plain.sv[key]).split(' ').length > 2) expect(plain[locale][key], `${locale}:${key}`).not.toBe(plain.sv[key]);
		}
	});

	it('are all in messages/plain (no other key is named as the variant of a standard message)', () => {
		expect(Object.keys(standard.sv).filter((key) => key.endsWith('_plain') && key.slice(0, -'_plain'.length) in standard.sv)).toEqual([]);
	});
});

describe('plainTexts', () => {
	const title = (inputs: { name: string }) => `Standard ${inputs.name}`;
	const titlePlain = (inputs: { name: string }) => `Plain ${inputs.name}`;

	it('gives the plain variant in easy mode, and the standard message otherwise', () => {
		expect(plainTexts(true)(title, titlePlain, { name: 'A' })).toBe('Plain A');
		expect(plainTexts(false)(title, titlePlain, { name: 'A' })).toBe('Standard A');
	});

	it('falls back to the standard message when there is no variant', () => {
		expect(plainTexts(true)(title, undefined, { name: 'B' })).toBe('Standard B');
	});
});

it("the frame's files (on every page, the meeting page too) use no plain message as code", () => {
	// Their variants arrive as the layout's data (plain-chrome.ts); a plain message, or the helper's
	// module, imported here would be in every page's scripts.
	for (const file of ['src/routes/+layout.svelte', 'src/routes/+error.svelte']) {
		const source = readFileSync(file, 'utf8');
		expect(source, file).not.toMatch(/\w_plain\b/);
		expect(source, file).not.toMatch(/^\s*import (?!type )[^;]*from '\$lib\/i18n\/plain(-chrome)?'/m);
	}
});
