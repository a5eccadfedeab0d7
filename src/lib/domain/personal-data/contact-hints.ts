import type { HintKind, PersonalDataMatch } from './types.js';

/**
 * Lower-severity hints (issue 11, point 1): contact details that point at a person. Each finder
 * matches a loose candidate with a linear regex (every repetition is over characters the next
 * part cannot start with, and each start is gated by a fixed-width lookbehind so that it only
 * begins where a run begins), then decides in code — easier to read than one clever pattern.
 */

const hint = (kind: HintKind, start: number, whole: string): PersonalDataMatch => ({
	kind,
	severity: 'hint',
	start,
	end: start + whole.length,
	text: whole
});

// ---------------------------------------------------------------- e-mail

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

export function findEmails(text: string): PersonalDataMatch[] {
	const found: PersonalDataMatch[] = [];
	for (const match of text.matchAll(EMAIL)) {
		const [whole] = match;
		const local = whole.slice(0, whole.indexOf('@'));
		const tld = whole.slice(whole.lastIndexOf('.') + 1);
		// A top-level domain is letters; "a@b.12" or "x@10.0.0.1" is not an address people write.
		if (/^[.]|[.]$/.test(local) || !/^\p{L}{2,}$/u.test(tld)) continue;
		found.push(hint('email', match.index, whole));
	}
	return found;
}

// ---------------------------------------------------------------- phone

/**
 * An optional +46/+45 (or 0046/0045) with an optional "(0)", an optional area code in
 * parentheses, then up to seven digit groups joined by single spaces or hyphens.
 */
const PHONE =
	/(?<![\p{L}\p{N}+])(?:(?:\+|00)(46|45)[ \u00a0-]?(?:\(0\)[ \u00a0-]?)?)?(?:\((0\d{1,3})\)[ \u00a0]?)?(\d+(?:[- \u00a0\u2013]\d+){0,6})(?!\p{N})/gu;
const PHONE_WORD = /(?:^|[^\p{L}])(?:tel|tfn|tlf|telefon|telefonnummer|telefonnr|mobil|mob|mobilnummer|mobilnr|ring|sms)[.:]?\s*$/iu;

export function findPhones(text: string): PersonalDataMatch[] {
	const found: PersonalDataMatch[] = [];
	for (const match of text.matchAll(PHONE)) {
		const [, country, areaInParens, body] = match;
		const bodyStart = match.index + match[0].length - body.length;
		const announced = PHONE_WORD.test(text.slice(Math.max(0, match.index - 20), match.index));
		// The candidate may have swallowed a number after the phone ("… 45 67 2 gånger"): try the
		// longest run of groups first, then drop groups from the end.
		const separators = [...body.matchAll(/[- \u00a0\u2013]/g)].map((m) => m.index);
		for (let keep = separators.length; keep >= 0; keep--) {
			const end = keep === separators.length ? body.length : separators[keep];
			const groups = body.slice(0, end);
			if (isPhone(groups, country ?? null, areaInParens ?? null, announced)) {
				const whole = text.slice(match.index, bodyStart + end);
				found.push(hint('phone', match.index, whole));
				break;
			}
		}
	}
	return found;
}

function isPhone(groups: string, country: string | null, areaInParens: string | null, announced: boolean): boolean {
	const digits = (areaInParens ?? '') + groups.replace(/\D/g, '');
	if (country === '46') {
		const national = digits.startsWith('0') ? digits.slice(1) : digits;
		return national.length >= 7 && national.length <= 9 && national[0] !== '0';
	}
	if (country === '45') return digits.length === 8;
	if (announced) return digits.length >= 8 && digits.length <= 10;
	const joined = groups.includes('-') || groups.includes(' ') || groups.includes('\u00a0') || groups.includes('\u2013') || areaInParens !== null;
	// Swedish national numbers: a trunk 0, an area code (1–3 digits, 7x for mobiles), 8–10
	// digits in all. Written unbroken only mobiles are common (0701234567).
	if (digits[0] === '0' && digits[1] !== '0' && digits.length >= 8 && digits.length <= 10) {
		return joined || (digits.length === 10 && digits[1] === '7');
	}
	// Danish numbers are eight digits without trunk prefix, written in pairs or two fours with
	// spaces; an unbroken eight-digit run (or 2-3-3 as in "12 500 000") is too often an amount.
	return digits.length === 8 && digits[0] !== '0' && /^\d\d(?:[ \u00a0]\d\d){3}$|^\d{4}[ \u00a0]\d{4}$/.test(groups);
}

// ---------------------------------------------------------------- street address

/** Street-name endings (Swedish, then Danish), matched at the end of a compound word. */
const STREET_ENDINGS = [
	'gatan', 'gata', 'vägen', 'väg', 'gränd', 'gränden', 'torget', 'torg', 'stigen', 'backen', 'backe',
	'allén', 'allé', 'platsen', 'leden', 'kajen', 'strand', 'stranden', 'promenaden', 'esplanaden',
	'gade', 'gaden', 'vej', 'vejen', 'stræde', 'strædet', 'plads', 'pladsen', 'torv', 'torvet',
	'boulevard', 'vænge', 'bakke', 'bakken', 'kaj', 'kajen'
];
/** A word, spaces, a house number of 1–4 digits and perhaps a letter (12B, 12 B). */
const ADDRESS = /(?<![\p{L}\p{N}])(\p{L}[\p{L}'-]*)[ \u00a0]+(\d{1,4})(?:\p{L}(?![\p{L}\p{N}])|[ \u00a0][A-H](?![\p{L}\p{N}]))?(?!\p{N}|[,.]\d)/gu;
const QUALIFIER_BEFORE = /(?:^|[^\p{L}])(Lilla|Stora|Gamla|Nya|Norra|Södra|Östra|Västra|Lille|Store|Gamle|Nye|Nørre|Søndre|Østre|Vestre|Sankt|Sankta|Skt\.|Sct\.)([ \u00a0]+)$/u;
const NAME_BEFORE = /(?:^|[^\p{L}.])(\p{Lu}[\p{L}.'-]*)[ \u00a0]+$/u;

export function findAddresses(text: string): PersonalDataMatch[] {
	const found: PersonalDataMatch[] = [];
	for (const match of text.matchAll(ADDRESS)) {
		const [whole, word] = match;
		const lower = word.toLowerCase();
		const ending = STREET_ENDINGS.find((e) => lower.endsWith(e));
		if (!ending) continue;
		if (lower.length > ending.length) {
			// "Storgatan 12": a compound street name starts with a capital; "genvägen 2" does not.
			if (!/^\p{Lu}/u.test(word)) continue;
			// "Lilla Nygatan 7", "Nørre Farimagsgade 3": the qualifier is part of the name.
			const qualifier = QUALIFIER_BEFORE.exec(text.slice(Math.max(0, match.index - 12), match.index));
			const start = match.index - (qualifier ? qualifier[1].length + qualifier[2].length : 0);
			found.push(hint('address', start, text.slice(start, match.index + whole.length)));
			continue;
		}
		// "Södra vägen 5", "H.C. Andersens Boulevard 12": the bare ending after a capitalised word.
		const before = NAME_BEFORE.exec(text.slice(Math.max(0, match.index - 40), match.index));
		if (before) {
			const spaces = before[0].length - before[0].trimEnd().length;
			const start = match.index - spaces - before[1].length;
			found.push(hint('address', start, text.slice(start, match.index + whole.length)));
		}
	}
	return found;
}
