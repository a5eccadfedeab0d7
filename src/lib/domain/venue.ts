import * as v from 'valibot';
import { CONTROL_CHARS_ERROR, hasControlChars } from './control-chars.js';

/**
 * Venues and access needs (issue 12, points 10 and 11). Pure: the feature list, the input
 * schemas for a board's saved venue and for a person's access needs, and the one rule that
 * matters here: which of a member's needs a meeting's venue does not meet.
 *
 * A venue's access is a set of yes/no features plus the spoken languages it can offer
 * interpreting in. Needs use the same words (minus "public transport nearby", which is a
 * convenience rather than a need the chair can fix), so a need and a feature are compared by key.
 */

/** What a venue can offer, in the order a venue card shows them. */
export const VENUE_FEATURES = [
	'stepFree',
	'lift',
	'accessibleToilet',
	'hearingLoop',
	'quietRoom',
	'publicTransport',
	'signLanguage',
	'interpreting'
] as const;
export type VenueFeature = (typeof VENUE_FEATURES)[number];

/** What a person can need: every feature but public transport. */
export const ACCESS_NEEDS = ['stepFree', 'lift', 'accessibleToilet', 'hearingLoop', 'quietRoom', 'signLanguage', 'interpreting'] as const;
export type AccessNeed = (typeof ACCESS_NEEDS)[number];

/** A board's saved venue as a meeting copies it (see VenueSnapshot). */
export interface VenueFields {
	/** How the board calls it ("Stadshuset, rum 3"): what the picker lists. */
	name: string;
	/** The agency or association whose premises these are ('' when not said). */
	hostAgency: string;
	/** Street address: the calendar entry's LOCATION. */
	address: string;
	features: VenueFeature[];
	/** Spoken languages interpreting can be arranged in, comma-separated as typed ('' when none). */
	interpretingLanguages: string;
	notes: string;
}

export interface AccessNeeds {
	needs: AccessNeed[];
	/** The spoken language the person needs interpreting into ('' unless `interpreting` is needed). */
	interpretingLanguage: string;
}

/** A need the venue does not meet; `language` only for interpreting. */
export interface MissingNeed {
	need: AccessNeed;
	language?: string;
}

export const isVenueFeature = (value: unknown): value is VenueFeature => typeof value === 'string' && (VENUE_FEATURES as readonly string[]).includes(value);
export const isAccessNeed = (value: unknown): value is AccessNeed => typeof value === 'string' && (ACCESS_NEEDS as readonly string[]).includes(value);

/** The languages of a comma-separated list, trimmed and compared without case. */
export function languageList(text: string): string[] {
	return text
		.split(/[,;/]|\boch\b|\band\b|\bog\b/i)
		.map((part) => part.trim().toLocaleLowerCase('sv'))
		.filter(Boolean);
}

/**
 * The person's needs that `venue` does not meet, in ACCESS_NEEDS order. Interpreting is met only
 * when the venue offers interpreting in the very language the person asked for (no language
 * given by the person: any interpreting the venue offers will do).
 */
export function missingNeeds(needs: AccessNeeds, venue: Pick<VenueFields, 'features' | 'interpretingLanguages'>): MissingNeed[] {
	const offered = new Set(venue.features);
	const missing: MissingNeed[] = [];
	for (const need of ACCESS_NEEDS) {
		if (!needs.needs.includes(need)) continue;
		if (need !== 'interpreting') {
			if (!offered.has(need)) missing.push({ need });
			continue;
		}
		const wanted = needs.interpretingLanguage.trim();
		const languages = languageList(venue.interpretingLanguages);
		const met = offered.has('interpreting') && (wanted === '' ? true : languages.includes(wanted.toLocaleLowerCase('sv')));
		if (!met) missing.push(wanted ? { need, language: wanted } : { need });
	}
	return missing;
}

/** Several people's missing needs merged (each need once; languages listed once each). */
export function mergeMissing(lists: MissingNeed[][]): MissingNeed[] {
	const seen = new Map<string, MissingNeed>();
	for (const list of lists) for (const item of list) seen.set(`${item.need}:${item.language?.toLocaleLowerCase('sv') ?? ''}`, item);
	return ACCESS_NEEDS.flatMap((need) => [...seen.values()].filter((item) => item.need === need));
}

/** The error keys of this module's schemas and of the venue services (domain/error-keys.ts). */
export const VENUE_ERRORS = [
	'venue_error_name_required',
	'venue_error_feature_unknown',
	'venue_error_language_without_interpreting',
	'venue_error_choose',
	'venue_error_unknown'
] as const;

// ---- input ------------------------------------------------------------------------------------

const singleLine = v.check((value: string) => !hasControlChars(value), CONTROL_CHARS_ERROR);
const multiLine = v.check((value: string) => !hasControlChars(value, true), CONTROL_CHARS_ERROR);
const optionalLine = (max: number) => v.optional(v.pipe(v.string(), v.trim(), singleLine, v.maxLength(max, 'error_too_long')), '');

/**
 * Checkboxes arrive as a list of values (FormData.getAll); unknown values are refused rather than
 * dropped, so an API caller learns of a typo. Duplicates collapse; the order becomes the list's.
 */
const featureList = <T extends string>(allowed: readonly T[]) =>
	v.pipe(
		// Bounded: a form has one box per feature; a list far longer is not a person ticking boxes.
		v.optional(v.pipe(v.array(v.string()), v.maxLength(4 * allowed.length, 'venue_error_feature_unknown')), []),
		v.check((list) => list.every((x) => (allowed as readonly string[]).includes(x)), 'venue_error_feature_unknown'),
		v.transform((list) => allowed.filter((x) => list.includes(x)))
	);

export const VenueSchema = v.object({
	name: v.pipe(v.string('venue_error_name_required'), v.trim(), v.nonEmpty('venue_error_name_required'), singleLine, v.maxLength(120, 'error_too_long')),
	hostAgency: optionalLine(120),
	address: optionalLine(200),
	features: featureList(VENUE_FEATURES),
	interpretingLanguages: optionalLine(200),
	notes: v.optional(v.pipe(v.string(), v.trim(), multiLine, v.maxLength(1000, 'error_too_long')), '')
});
export type VenueInput = v.InferOutput<typeof VenueSchema>;

export const AccessNeedsSchema = v.pipe(
	v.object({
		needs: featureList(ACCESS_NEEDS),
		interpretingLanguage: optionalLine(80)
	}),
	// A language with no interpreting ticked is most likely a forgotten tick: ask rather than guess.
	v.forward(
		v.check((input) => input.interpretingLanguage === '' || input.needs.includes('interpreting'), 'venue_error_language_without_interpreting'),
		['interpretingLanguage']
	),
	// Stored only with the need: a language alone would be personal data with no purpose.
	v.transform((input) => ({ needs: input.needs, interpretingLanguage: input.needs.includes('interpreting') ? input.interpretingLanguage : '' }))
);

/** What the create and edit forms send about the place: a saved venue's id, or typed text ('' for none). */
export const VenueChoiceSchema = v.pipe(
	v.object({
		venueChoice: v.optional(v.picklist(['typed', 'saved'], 'error_invalid'), 'typed'),
		venueId: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(64, 'venue_error_choose')), '')
	}),
	v.forward(
		v.check((input) => input.venueChoice !== 'saved' || input.venueId !== '', 'venue_error_choose'),
		['venueId']
	)
);
