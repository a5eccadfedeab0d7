import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The app's message catalogues (src/lib/i18n/messages/<area>/<locale>.json) read by e2e specs, so a
 * spec asserts "the English label of X" without copying its wording: a changed translation changes
 * the test's expectation with it, a missing one fails it.
 */
export type Locale = 'sv' | 'en' | 'da';

const ROOT = join(process.cwd(), 'src/lib/i18n/messages');
const areas = ['', ...readdirSync(ROOT).filter((name) => statSync(join(ROOT, name)).isDirectory())];

type Raw = string | Array<{ match: Record<string, string> }>;

function load(locale: Locale): Map<string, Raw> {
	const all = new Map<string, Raw>();
	for (const area of areas) {
		const json = JSON.parse(readFileSync(join(ROOT, area, `${locale}.json`), 'utf8')) as Record<string, Raw>;
		for (const [key, value] of Object.entries(json)) if (!key.startsWith('$')) all.set(key, value);
	}
	return all;
}

const catalogues: Record<Locale, Map<string, Raw>> = { sv: load('sv'), en: load('en'), da: load('da') };

/** Every wording of a message: one for a plain message, one per variant of a plural. */
const variants = (raw: Raw): string[] => (typeof raw === 'string' ? [raw] : raw.flatMap((v) => Object.values(v.match)));

/** A message in `locale` with its {params} filled in (plural messages are not supported here). */
export function msg(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
	const raw = catalogues[locale].get(key);
	if (typeof raw !== 'string') throw new Error(`no plain message ${key} in ${locale}`);
	return raw.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * Swedish wordings that must never show on an English or Danish page: the fixed parts (between
 * {params}) of every Swedish message, long enough to be unambiguous (two words or more, at least 10
 * characters), leaving out any that also occur in an English or Danish message (a shared word like
 * "Status" or a name like "Samtavla" is not a leak).
 */
export function swedishOnlyPhrases(): string[] {
	const others = [...catalogues.en.values(), ...catalogues.da.values()].flatMap(variants).join('\n');
	const phrases = new Set<string>();
	for (const raw of catalogues.sv.values())
		for (const text of variants(raw))
			for (const part of text.split(/\{[^}]*\}/)) {
				const phrase = part.replace(/^[\s.,:;–()”"]+|[\s.,:;–()”"]+$/g, '').trim();
				if (phrase.length >= 10 && /\s/.test(phrase) && !others.includes(phrase)) phrases.add(phrase);
			}
	return [...phrases];
}
