import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every screen in Swedish, English and Danish: each message file set has the same keys, none empty. */
const root = join(import.meta.dirname, 'messages');
const areas = ['.', ...readdirSync(root).filter((name) => statSync(join(root, name)).isDirectory())];
const LOCALES = ['sv', 'en', 'da'] as const;

function load(area: string, locale: string): Record<string, string> {
	const { $schema: _schema, ...messages } = JSON.parse(readFileSync(join(root, area, `${locale}.json`), 'utf8'));
	return messages;
}

describe.each(areas)('messages in %s', (area) => {
	const byLocale = Object.fromEntries(LOCALES.map((l) => [l, load(area, l)]));

	it.each(['en', 'da'] as const)('%s has exactly the Swedish keys', (locale) => {
		expect(Object.keys(byLocale[locale]).sort()).toEqual(Object.keys(byLocale.sv).sort());
	});

	it.each(LOCALES)('%s has no empty message and the same {placeholders} as Swedish', (locale) => {
		for (const [key, text] of Object.entries(byLocale[locale])) {
			expect(typeof text === 'string' && text.trim().length > 0, `${locale}:${key}`).toBe(true);
			const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
			expect(holes(text), `${locale}:${key}`).toEqual(holes(byLocale.sv[key]));
		}
	});
});

it('keys are unique across areas (one compiled namespace)', () => {
	const seen = new Map<string, string>();
	for (const area of areas) {
		for (const key of Object.keys(load(area, 'sv'))) {
			expect(seen.get(key), `${key} in ${area} and ${seen.get(key)}`).toBeUndefined();
			seen.set(key, area);
		}
	}
});
