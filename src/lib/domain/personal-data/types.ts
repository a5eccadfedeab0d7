/**
 * What the personal-data detector reports (issue 11, point 1). Shared by the browser (marking
 * while typing) and the server (refusing a public version with an identity number in it).
 */

/**
 * - `identity`: a Swedish personnummer or samordningsnummer with a valid date and check digit,
 *   or a Danish CPR number with a valid date (CPR has no check digit since 2007).
 * - `possible-identity`: the right shape and a valid Swedish date but a wrong check digit —
 *   most likely a mistyped personnummer, which is still personal data.
 * - `hint`: contact details that point at a person (e-mail, phone, street address).
 */
export type Severity = 'identity' | 'possible-identity' | 'hint';

export type IdentityKind = 'personnummer' | 'samordningsnummer' | 'cpr';
export type HintKind = 'email' | 'phone' | 'address';
export type PersonalDataKind = IdentityKind | HintKind;

export interface PersonalDataMatch {
	kind: PersonalDataKind;
	severity: Severity;
	/** UTF-16 offsets into the scanned string, `end` exclusive (as `String.prototype.slice`). */
	start: number;
	end: number;
	text: string;
}

/** Identity before possible identity before hints: the stronger finding wins an overlap. */
export const SEVERITY_RANK: Record<Severity, number> = { identity: 0, 'possible-identity': 1, hint: 2 };
