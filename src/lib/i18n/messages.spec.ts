import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every screen in Swedish, English and Danish: each message file set has the same keys, none empty. */
const root = join(import.meta.dirname, 'messages');
const areas = ['.', ...readdirSync(root).filter((name) => statSync(join(root, name)).isDirectory())];
const LOCALES = ['sv', 'en', 'da'] as const;

/** A plain message, or one with variants (plural forms) in the inlang message format. */
type Message = string | { declarations?: string[]; selectors?: string[]; match: Record<string, string> }[];

function load(area: string, locale: string): Record<string, Message> {
	const { $schema: _schema, ...messages } = JSON.parse(readFileSync(join(root, area, `${locale}.json`), 'utf8'));
	return messages;
}

describe.each(areas)('messages in %s', (area) => {
	const byLocale = Object.fromEntries(LOCALES.map((l) => [l, load(area, l)]));

	it.each(['en', 'da'] as const)('%s has exactly the Swedish keys', (locale) => {
		expect(Object.keys(byLocale[locale]).sort()).toEqual(Object.keys(byLocale.sv).sort());
	});

	it.each(LOCALES)('%s has no empty message and the same {placeholders} as Swedish', (locale) => {
		// Every variant of a message is a text of its own; together they fill the same holes as in Swedish.
		const patterns = (message: Message) => (typeof message === 'string' ? [message] : message.flatMap((v) => Object.values(v.match)));
		const holes = (message: Message) => [...new Set(patterns(message).flatMap((s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1])))].sort();
		for (const [key, message] of Object.entries(byLocale[locale])) {
			const texts = patterns(message);
			expect(texts.length > 0 && texts.every((text) => typeof text === 'string' && text.trim().length > 0), `${locale}:${key}`).toBe(true);
			expect(holes(message), `${locale}:${key}`).toEqual(holes(byLocale.sv[key]));
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
