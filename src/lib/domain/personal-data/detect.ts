import { findAddresses, findEmails, findPhones } from './contact-hints.js';
import { findIdentityNumbers } from './identity-numbers.js';
import { SEVERITY_RANK, type PersonalDataMatch } from './types.js';

export type { PersonalDataMatch, PersonalDataKind, Severity, IdentityKind, HintKind } from './types.js';

/** Within one severity, the order that wins an overlap: an e-mail over a phone over an address. */
const KIND_RANK: Record<PersonalDataMatch['kind'], number> = { personnummer: 0, samordningsnummer: 0, cpr: 0, email: 1, phone: 2, address: 3 };

/**
 * Personal data in a string (issue 11, point 1): identity numbers, possibly-identity numbers and
 * contact hints, sorted by position, never overlapping (the stronger finding keeps its span).
 * Pure and linear in the length of the text, so the editor can run it on every keystroke.
 */
export function detectPersonalData(text: string): PersonalDataMatch[] {
	if (!/[\d@]/.test(text)) return [];
	const candidates = [...findIdentityNumbers(text), ...findEmails(text), ...findPhones(text), ...findAddresses(text)];
	candidates.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || KIND_RANK[a.kind] - KIND_RANK[b.kind] || a.start - b.start);
	const kept: PersonalDataMatch[] = [];
	for (const candidate of candidates) {
		if (!overlapsAny(kept, candidate)) insertSorted(kept, candidate);
	}
	return kept;
}

/** Whether any personal data of at least `severity` is in the text (the server's quick test). */
export function hasPersonalData(text: string, severity: PersonalDataMatch['severity'] = 'identity'): boolean {
	return detectPersonalData(text).some((m) => SEVERITY_RANK[m.severity] <= SEVERITY_RANK[severity]);
}

/** `kept` is sorted by start and its spans are disjoint, so only the neighbours can overlap. */
function overlapsAny(kept: PersonalDataMatch[], m: PersonalDataMatch): boolean {
	const i = firstStartingAtOrAfter(kept, m.start);
	return (i < kept.length && kept[i].start < m.end) || (i > 0 && kept[i - 1].end > m.start);
}

function insertSorted(kept: PersonalDataMatch[], m: PersonalDataMatch): void {
	kept.splice(firstStartingAtOrAfter(kept, m.start), 0, m);
}

function firstStartingAtOrAfter(kept: PersonalDataMatch[], start: number): number {
	let lo = 0;
	let hi = kept.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (kept[mid].start < start) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
