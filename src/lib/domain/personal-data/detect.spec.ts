import { describe, expect, it } from 'vitest';
import { detectPersonalData, hasPersonalData } from './detect.js';

/** [kind, severity, text] of every match, for compact expectations. */
const found = (text: string) => detectPersonalData(text).map((m) => [m.kind, m.severity, m.text]);

describe('Swedish personnummer in every written form', () => {
	it.each([
		'811218-9876',
		'8112189876',
		'811218 9876',
		'811218 - 9876',
		'811218–9876',
		'19811218-9876',
		'198112189876',
		'19811218 9876',
		'19811218 - 9876'
	])('%s', (written) => {
		expect(found(`Pnr ${written}, beviljat.`)).toEqual([['personnummer', 'identity', written]]);
	});

	it('a + for 100 years or older', () => {
		expect(found('Född 1918: 181218+9874')).toEqual([['personnummer', 'identity', '181218+9874']]);
		expect(found('181218 + 9874')).toEqual([['personnummer', 'identity', '181218 + 9874']]);
	});

	it('samordningsnummer (day + 60)', () => {
		expect(found('Samordningsnr 701063-2391.')).toEqual([['samordningsnummer', 'identity', '701063-2391']]);
		expect(found('197010632391')).toEqual([['samordningsnummer', 'identity', '197010632391']]);
	});

	it('a real date with a wrong check digit is possibly an identity number', () => {
		// Read as DDMMYY, 850709 has day 85: no CPR number either.
		expect(found('Pnr 850709-1234.')).toEqual([['personnummer', 'possible-identity', '850709-1234']]);
		expect(found('19850709-1234')).toEqual([['personnummer', 'possible-identity', '19850709-1234']]);
	});

	it('reports offsets into the text', () => {
		const text = 'Klienten (811218-9876) har fått bostad.';
		const [m] = detectPersonalData(text);
		expect(text.slice(m.start, m.end)).toBe('811218-9876');
		expect(m).toMatchObject({ start: 10, end: 21 });
	});
});

describe('Danish CPR numbers', () => {
	it.each(['070761-4285', '0707614285', '070761 4285', '070761-4286'])('%s', (written) => {
		expect(found(`CPR-nr. ${written} er registreret.`)).toEqual([['cpr', 'identity', written]]);
	});
	it('no leap day in 1900 (seventh digit 0–3), one in 2000 (4)', () => {
		expect(found('290200-1234')).toEqual([]);
		expect(found('290200-4234')).toEqual([['cpr', 'identity', '290200-4234']]);
	});
});

describe('boundaries', () => {
	it('ten or twelve digits inside a longer digit run are no match', () => {
		expect(found('Konto 18112189876')).toEqual([]);
		expect(found('Ref 1198112189876')).toEqual([]);
		expect(found('Ref 81121898760')).toEqual([]);
	});
	it('a link in a chain of digit groups is a reference, not a number', () => {
		expect(found('KS-2026-811218-9876')).toEqual([]);
		expect(found('Dnr 2026/811218-9876')).toEqual([]);
		expect(found('811218-9876-2')).toEqual([]);
	});
	it('punctuation and letters around the number do not hide it', () => {
		expect(found('(811218-9876)')).toEqual([['personnummer', 'identity', '811218-9876']]);
		expect(found('pnr811218-9876.')).toEqual([['personnummer', 'identity', '811218-9876']]);
		expect(found('811218-9876, 070761-4285')).toEqual([
			['personnummer', 'identity', '811218-9876'],
			['cpr', 'identity', '070761-4285']
		]);
	});
});

describe('what is not personal data', () => {
	it.each([
		'Mötet hölls 2026-11-30 kl. 13.00–15.30.',
		'Dnr 2026/1234, SN 2026-0123.',
		'Budgeten är 1 250 000 kr (12 500 000 kr totalt).',
		'Se § 12 och 4 kap. 1 § SoL.',
		'Under 1985 och 2026.',
		'Box 123, 123 45 Åsby; 2100 København Ø.',
		// A reference whose six digits are no date cannot be a number (decided: other shapes that
		// are a date and four digits are reported — the detector cannot tell them from a person).
		'ärende 123456-7890',
		'genvägen 2 gånger',
		'Konferensrummet 3'
	])('%s', (text) => {
		expect(found(text)).toEqual([]);
	});
});

describe('hints', () => {
	it('e-mail addresses', () => {
		expect(found('Skriv till anna.berg@asby.se eller jens+jobcenter@kommune.dk.')).toEqual([
			['email', 'hint', 'anna.berg@asby.se'],
			['email', 'hint', 'jens+jobcenter@kommune.dk']
		]);
		expect(found('x@10.0.0.1')).toEqual([]);
	});
	it.each(['070-123 45 67', '070-1234567', '070 123 45 67', '+46 70 123 45 67', '+46 (0)70-123 45 67', '+46701234567', '0046 70 123 45 67', '08-123 456 78', '031-12 34 56', '(08) 123 45 67'])(
		'Swedish phone %s',
		(written) => {
			expect(found(`Ring ${written} i dag.`)).toEqual([['phone', 'hint', written]]);
		}
	);
	it.each(['+45 12 34 56 78', '12 34 56 78', '+4512345678', '1234 5678', '0045 12 34 56 78'])('Danish phone %s', (written) => {
		expect(found(`Ring på ${written} i dag.`)).toEqual([['phone', 'hint', written]]);
	});
	it('an unbroken eight-digit number is a phone only when announced as one', () => {
		expect(found('Tlf. 33445566')).toEqual([['phone', 'hint', '33445566']]);
		expect(found('Order 33445566')).toEqual([]);
	});
	it('does not swallow a number after the phone', () => {
		expect(found('Ring 070-123 45 67 2 gånger')).toEqual([['phone', 'hint', '070-123 45 67']]);
	});
	it.each(['Storgatan 12', 'Drottninggatan 5B', 'Kungsvägen 3 A', 'Björkstigen 4', 'Stortorget 2', 'Lindallén 7', 'Södra vägen 5', 'Nørregade 12', 'Vesterbrogade 45', 'Kongevejen 3', 'Nyhavns Plads 8', 'Ryesgade 102b', 'Lille Strandstræde 20', 'Lilla Nygatan 7', 'Skt. Pedersstræde 3'])(
		'street address %s',
		(written) => {
			expect(found(`Hon bor på ${written}, sedan i maj.`)).toEqual([['address', 'hint', written]]);
		}
	);
	it('an identity number wins over a phone-shaped reading of the same digits', () => {
		expect(found('Ring 8112189876')).toEqual([['personnummer', 'identity', '8112189876']]);
	});
});

describe('matches come sorted and never overlap', () => {
	it('in text order', () => {
		const text = 'Storgatan 12; 070-123 45 67; a@b.se; 811218-9876.';
		const matches = detectPersonalData(text);
		expect(matches.map((m) => m.kind)).toEqual(['address', 'phone', 'email', 'personnummer']);
		for (let i = 1; i < matches.length; i++) expect(matches[i].start).toBeGreaterThanOrEqual(matches[i - 1].end);
	});
	it('hasPersonalData tests a severity and above', () => {
		expect(hasPersonalData('a@b.se')).toBe(false);
		expect(hasPersonalData('a@b.se', 'hint')).toBe(true);
		expect(hasPersonalData('850709-1234')).toBe(false);
		expect(hasPersonalData('850709-1234', 'possible-identity')).toBe(true);
	});
});

describe('speed', () => {
	// No clock in the assertion (a busy machine must not fail it): a backtracking pattern on
	// these 250,000 characters runs for minutes, far past the test's 20 s timeout, while a linear
	// one finishes in milliseconds; what is found is checked too, so the scan really ran.
	it('stays linear on long runs that tempt a backtracking regex', { timeout: 20_000 }, () => {
		const nasty = ['1'.repeat(50_000), '1 '.repeat(25_000), 'a.'.repeat(25_000) + '@', 'a'.repeat(50_000) + ' 1', '1-'.repeat(25_000)].join(' ');
		const found = detectPersonalData(nasty + ' 811228-9874');
		expect(found.some((m) => m.text === '811228-9874')).toBe(true);
	});
});
