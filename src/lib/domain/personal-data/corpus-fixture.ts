import { cprBirthYear } from './cpr.js';
import { luhnCheckDigit } from './personnummer.js';

/**
 * The generated test corpus for the detector (issue 11, point 4) — a test helper, not used by
 * the app. Seeded, so every run builds the same corpus and a failure can be reproduced.
 */

/** mulberry32: small, fast, good enough to spread dates and digits; seeded for reproducibility. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class Gen {
	constructor(readonly random: () => number) {}
	int(min: number, max: number): number {
		return min + Math.floor(this.random() * (max - min + 1));
	}
	pick<T>(list: readonly T[]): T {
		return list[Math.floor(this.random() * list.length)];
	}
	digits(n: number): string {
		let s = '';
		for (let i = 0; i < n; i++) s += String(this.int(0, 9));
		return s;
	}
	/** A real date in [fromYear, toYear]. */
	date(fromYear: number, toYear: number): { year: number; month: number; day: number } {
		const from = Date.UTC(fromYear, 0, 1);
		const to = Date.UTC(toYear, 11, 31);
		const d = new Date(from + Math.floor(this.random() * ((to - from) / 86_400_000 + 1)) * 86_400_000);
		return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
	}
}

const two = (n: number) => String(n).padStart(2, '0');

export interface IdentitySample {
	/** The number as written. */
	written: string;
	/** What it is, for the report: e.g. "personnummer YYMMDD-NNNN". */
	form: string;
	/** True for well-formed numbers (must be `identity`); false for a wrong check digit. */
	valid: boolean;
	/** CPR only: the seventh digit, which with the year gives the century. */
	centuryDigit?: number;
}

/** Separators for ten-digit Swedish numbers under 100 and CPR numbers. */
const SHORT_JOINS = ['-', '', ' ', ' - ', '\u2013', '\u00a0'];
/** Twelve-digit Swedish numbers: the century is written, so no `+`. */
const LONG_JOINS = ['-', '', ' ', ' - '];

/** A Swedish personnummer (or samordningsnummer: day + 60) in one of its written forms. */
export function swedishNumber(gen: Gen, options: { coordination: boolean; wrongCheckDigit?: boolean }): IdentitySample {
	const form = gen.pick(['short', 'short', 'old', 'long', 'long'] as const);
	// A `+` says 100 or older; the ten-digit form without it covers the last hundred years.
	const { year, month, day } = form === 'old' ? gen.date(1880, 1926) : form === 'short' ? gen.date(1927, 2026) : gen.date(1880, 2026);
	const writtenDay = options.coordination ? day + 60 : day;
	const nine = two(year % 100) + two(month) + two(writtenDay) + gen.digits(3);
	let check = luhnCheckDigit(nine);
	if (options.wrongCheckDigit) check = (check + gen.int(1, 9)) % 10;
	const serial = nine.slice(6) + check;
	const date6 = nine.slice(0, 6);
	const name = options.coordination ? 'samordningsnummer' : 'personnummer';
	if (form === 'long') {
		const join = gen.pick(LONG_JOINS);
		return { written: String(Math.floor(year / 100)) + date6 + join + serial, form: `${name} YYYYMMDD${label(join)}NNNN`, valid: !options.wrongCheckDigit };
	}
	const join = form === 'old' ? gen.pick(['+', ' + ']) : gen.pick(SHORT_JOINS);
	return { written: date6 + join + serial, form: `${name} YYMMDD${label(join)}NNNN`, valid: !options.wrongCheckDigit };
}

/** A Danish CPR number whose seventh digit is `seventh`, with a birth year that digit allows. */
export function cprNumber(gen: Gen, seventh: number): IdentitySample {
	let date: { year: number; month: number; day: number };
	// Draw from the widest range the digit can carry, then keep the draw only if the digit maps
	// that two-digit year back to the same century.
	do date = gen.date(1858, 2057);
	while (cprBirthYear(date.year % 100, seventh) !== date.year);
	const join = gen.pick(SHORT_JOINS);
	return {
		written: two(date.day) + two(date.month) + two(date.year % 100) + join + seventh + gen.digits(3),
		form: `CPR DDMMYY${label(join)}SSSS`,
		centuryDigit: seventh,
		valid: true
	};
}

function label(join: string): string {
	return join === '' ? '' : join === '\u2013' ? '–' : join === '\u00a0' ? '⍽' : join;
}

/** Minute sentences, Swedish and Danish, with `{n}` where the number goes. */
export const SENTENCES_WITH_NUMBER = [
	'Klienten ({n}) har beviljats försörjningsstöd för december.',
	'Personnummer: {n}',
	'{n} har fått egen lägenhet via Bostad först.',
	'Handläggaren kontaktar den enskilde, pnr {n}, före den 15 januari.',
	'§ 4 Ärendet gäller {n}; beslut fattas vid nästa möte.',
	'Vi har pratat med mamman (personnr. {n}) om boendestödet.',
	'Uppgifter om {n} lämnas inte ut, se 26 kap. 1 § OSL.',
	'Samordningsnummer {n} behöver kontrolleras mot Skatteverket.',
	'Arbetsförmedlingen har registrerat {n} som arbetssökande sedan 2025-03-01.',
	'Åtgärd: ring hyresvärden om {n}, Granvägen 3, före 1 december.',
	'Borgerens CPR-nr. er {n}, og sagen behandles i januar.',
	'Jobcentret har talt med {n} om aktivering.',
	'Beslut: {n} tilbydes en bolig i Åsby fra 1. februar 2027.',
	'CPR {n}',
	'Mødet drøftede sagen om borgeren med CPR-nummer {n} og hans familie.',
	'({n})',
	'Se anteckning: {n}. Inget mer att tillägga.',
	'Brukaren – {n} – vill vara med på nästa möte.',
	'Lista: 1) {n}, 2) Storgatan 12, 3) 8 personer.',
	'"{n}" skrevs in i protokollet av misstag.'
];

/** Realistic minute text with no identity number, Swedish and Danish. */
export const PLAIN_SENTENCES = [
	'Karin hälsade alla välkomna och förklarade mötet öppnat.',
	'Åtta personer har fått egen lägenhet sedan i våras.',
	'Gruppen ställer sig bakom Bostad först och följer upp i mars.',
	'Två väntar på besked från Åsbyhem; stödet fungerar bäst med boendestöd.',
	'Arbetsförmedlingen redovisade att 34 deltagare har gått vidare till arbete.',
	'Nästa möte hålls den 15 januari kl. 13.00 i Stadshuset, sal Ljuset.',
	'Brukarföreningen önskar att protokollet skickas ut inom två veckor.',
	'Budgeten för projektet är 1 250 000 kr för 2027.',
	'Mødet blev åbnet kl. 9.30, og dagsordenen blev godkendt.',
	'Jobcentret oplyste, at 12 borgere er i virksomhedspraktik.',
	'Boligselskabet har 40 ledige lejligheder i første kvartal.',
	'Brugerrådet ønsker en opfølgning på sagen i marts 2027.',
	'Beslutningen blev truffet enstemmigt; referatet godkendes på næste møde.'
];

export interface NegativeSample {
	category: string;
	text: string;
}

const SV_MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

/** Group an integer's digits in threes with `sep` ("1 250 000"). */
function grouped(n: number, sep: string): string {
	return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/**
 * Text that carries numbers but no identity number, one generator per category. Phone numbers
 * are here too: they are hints, and must not be taken for identity numbers.
 */
export const NEGATIVE_CATEGORIES: Record<string, (gen: Gen) => string> = {
	dates: (gen) => {
		const { year, month, day } = gen.date(1990, 2035);
		return gen.pick([
			`Mötet hölls ${year}-${two(month)}-${two(day)}.`,
			`Beslutet gäller från ${day}/${month} ${year}.`,
			`Uppföljning den ${day} ${SV_MONTHS[month - 1]} ${year} kl. ${gen.int(8, 16)}.${gen.pick(['00', '15', '30', '45'])}.`,
			`Datoen er ${two(day)}.${two(month)}.${year}.`,
			`Klart senast ${year}-${two(month)}-${two(day)} (${gen.pick(['Sara', 'Ahmed', 'Lene'])}).`,
			`Perioden ${year}-${two(month)}-${two(day)}–${year + 1}-${two(month)}-${two(day)} följs upp.`,
			`Inkom ${year}${two(month)}${two(day)}, diarieförd samma dag.`
		]);
	},
	times: (gen) =>
		gen.pick([
			`Mötet pågick kl. ${gen.int(8, 12)}.${two(gen.int(0, 59))}–${gen.int(13, 17)}.${two(gen.int(0, 59))}.`,
			`Paus ${gen.int(10, 15)}:${two(gen.int(0, 59))}–${gen.int(10, 15)}:${two(gen.int(0, 59))}.`,
			`Mødet sluttede kl. ${gen.int(12, 18)}.${two(gen.int(0, 59))}.`
		]),
	years: (gen) => {
		const y = gen.int(1950, 2040);
		return gen.pick([`Under ${y} och ${y + 1} ökade antalet hushåll.`, `Planen gäller ${y}–${y + 3}.`, `Siden ${y} har kommunen haft ${gen.int(2, 90)} pladser.`, `År ${y}: ${gen.int(10, 999)} ärenden.`]);
	},
	amounts: (gen) => {
		const n = gen.int(100, 99_999_999);
		return gen.pick([
			`Budgeten är ${grouped(n, ' ')} kr.`,
			`Kostnaden blev ${grouped(n, '\u00a0')} kronor.`,
			`Beløbet er ${grouped(n, '.')},${two(gen.int(0, 99))} kr.`,
			`Bidraget ${grouped(gen.int(100, 9_999_999), ' ')},${two(gen.int(0, 99))} kr betalas ut i mars.`,
			`Ramen är ${gen.int(1, 9_999_999)} kr per år.`,
			`Total: DKK ${grouped(n, '.')}.`
		]);
	},
	sections: (gen) => {
		const a = gen.int(1, 40);
		return gen.pick([`Se § ${a}.`, `Enligt §§ ${a}–${a + 2} i reglementet.`, `4 kap. ${a} § SoL gäller.`, `Punkt ${a}.${gen.int(1, 9)} i dagordningen.`, `Jf. § ${a}, stk. ${gen.int(1, 5)}.`]);
	},
	'case and order numbers': (gen) => {
		const y = gen.int(2015, 2027);
		return gen.pick([
			`Dnr ${y}/${gen.int(1, 9999)}.`,
			`Ärendet har diarienummer SN ${y}-${String(gen.int(1, 9999)).padStart(4, '0')}.`,
			`KS-${y}-${gen.int(100, 999)} är remitterat.`,
			`Order ${45}${gen.digits(8)} är levererad.`,
			`Faktura nr ${gen.digits(9)} betalas i januari.`,
			`Sagsnr. ${y}-${gen.digits(6)} er afsluttet.`,
			`Beställning ${gen.digits(6)}-${gen.digits(2)} är gjord.`
		]);
	},
	/** Six-dash-four digits that are not a person's number: the detector cannot tell (see README). */
	'random 6-4 digit references': (gen) => `Ärendenummer ${gen.digits(6)}-${gen.digits(4)} gäller ansökan.`,
	'postal codes': (gen) =>
		gen.pick([`Adress: Box ${gen.int(1, 999)}, ${gen.int(100, 999)} ${two(gen.int(10, 99))} Åsby.`, `Kontoret ligger i ${gen.int(1000, 9990)} ${gen.pick(['København K', 'Aarhus C', 'Odense'])}.`]),
	'phone numbers, written with separators': (gen) =>
		gen.pick([
			`Ring 070-${gen.digits(3)} ${gen.digits(2)} ${gen.digits(2)}.`,
			`Tel. 08-${gen.digits(3)} ${gen.digits(3)} ${gen.digits(2)}.`,
			`Kontakt: +46 7${gen.int(0, 9)} ${gen.digits(3)} ${gen.digits(2)} ${gen.digits(2)}.`,
			`Växeln: 031-${gen.digits(2)} ${gen.digits(2)} ${gen.digits(2)}.`,
			`Mobil 07${gen.int(0, 9)}-${gen.digits(7)}.`,
			`Ring på +45 ${gen.digits(2)} ${gen.digits(2)} ${gen.digits(2)} ${gen.digits(2)}.`,
			`Tlf. ${gen.int(2, 9)}${gen.digits(1)} ${gen.digits(2)} ${gen.digits(2)} ${gen.digits(2)}.`,
			`Tlf. ${gen.int(2, 9)}${gen.digits(3)} ${gen.digits(4)}.`
		]),
	/** Unbroken ten-digit mobiles (07XXXXXXXX) share the shape of YYMMDDNNNN (see README). */
	'phone numbers, unbroken Swedish mobile': (gen) => `Ring mig på 07${gen.pick(['0', '2', '3', '6', '9'])}${gen.digits(7)}.`,
	'minute text': (gen) => {
		const a = gen.pick(PLAIN_SENTENCES);
		const b = gen.pick(PLAIN_SENTENCES);
		return `${a} ${b} ${gen.pick(['', `Totalt ${gen.int(2, 300)} personer.`, `Se bilaga ${gen.int(1, 9)}.`, `Antal ärenden: ${gen.int(10, 5000)}.`])}`.trim();
	}
};
