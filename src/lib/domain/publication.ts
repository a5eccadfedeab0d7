import type { BoardRole } from './roles.js';

/**
 * Publishing the public version of an adjusted protocol (issue 10, point 9), as pure rules:
 * who may, when, and at which address. The address is `/p/<board slug>/<path date>`, the path
 * date being the meeting's date in its own time zone ('YYYY-MM-DD'); a second meeting published
 * for the same day gets '<date>-2', a third '<date>-3', and so on. An address is given once: a
 * meeting unpublished and published again keeps its address, and no other meeting ever gets it.
 */

/** Why publishing (or unpublishing, or choosing the slug) is refused: message keys (error-keys.ts). */
export const PUBLICATION_REFUSALS = [
	'publish_error_not_owner',
	'publish_error_not_adjusted',
	'publish_error_no_slug',
	'publish_error_slug_invalid',
	'publish_error_slug_taken',
	'publish_error_slug_locked',
	'publish_error_not_published'
] as const;
export type PublicationRefusal = (typeof PUBLICATION_REFUSALS)[number];

export const SLUG_MAX = 60;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A slug as the store accepts it: lowercase a–z, digits and single inner hyphens, at most 60 characters. */
export function isSlug(value: string): boolean {
	return value.length <= SLUG_MAX && SLUG.test(value);
}

/** Letters that Unicode does not decompose into a base letter and a mark. */
const FOLDS: Record<string, string> = { æ: 'ae', ø: 'o', œ: 'oe', ß: 'ss', ð: 'd', þ: 'th', ł: 'l', đ: 'd' };

/** A slug suggested from the board's name: "Ledningsgrupp Östra Hälsa & Bo" → "ledningsgrupp-ostra-halsa-bo". */
export function suggestSlug(name: string): string {
	const folded = name
		.toLowerCase()
		.replace(/[æøœßðþłđ]/g, (c) => FOLDS[c])
		.normalize('NFD')
		.replace(/\p{M}/gu, '');
	const slug = folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
	return slug.slice(0, SLUG_MAX).replace(/-+$/, '');
}

/** The slug a person typed, trimmed and lowercased; null when it is not one (the form says how it must look). */
export function parseSlug(input: string): string | null {
	const value = input.trim().toLowerCase();
	return isSlug(value) ? value : null;
}

/** The calendar date ('YYYY-MM-DD') of an instant in a time zone; '' for an unreadable instant or zone. */
export function localDate(iso: string, timeZone: string): string {
	const at = new Date(iso);
	if (Number.isNaN(at.getTime())) return '';
	try {
		const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
		const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
		return `${part('year')}-${part('month')}-${part('day')}`;
	} catch {
		return '';
	}
}

const PATH_DATE = /^(\d{4}-\d{2}-\d{2})(?:-([2-9]|[1-9][0-9]))?$/;
/** The most meetings one board publishes for one day ('<date>', '-2' … '-99'). */
export const MAX_SAME_DAY = 99;

/** Whether a path segment can be a publication's address (the date, maybe with its counter). */
export function isPathDate(value: string): boolean {
	return PATH_DATE.test(value);
}

/** The first free address for a meeting on `date`, given the path dates the board has given out; null when all are taken. */
export function nextPathDate(date: string, taken: Iterable<string>): string | null {
	const used = new Set(taken);
	for (let n = 1; n <= MAX_SAME_DAY; n++) {
		const candidate = n === 1 ? date : `${date}-${n}`;
		if (!used.has(candidate)) return candidate;
	}
	return null;
}

export const publicationPath = (slug: string, pathDate: string) => `/p/${slug}/${pathDate}`;

/** Only owners publish and unpublish; only an adjusted meeting (a sealed protocol) of a board with a slug. */
export function publishRefusal(input: { role: BoardRole | null; adjusted: boolean; slug: string | null }): PublicationRefusal | null {
	if (input.role !== 'owner') return 'publish_error_not_owner';
	if (!input.adjusted) return 'publish_error_not_adjusted';
	if (input.slug === null) return 'publish_error_no_slug';
	return null;
}

export const mayPublish = (role: BoardRole | null) => role === 'owner';

/** The largest PDF /verify reads (a protocol is a few hundred kB); the browser checks it before uploading too. */
export const MAX_VERIFY_PDF_BYTES = 20 * 1024 * 1024;

const HASH = /^[0-9a-f]{64}$/;

/** A protocol hash as typed or pasted (any case, spaces around, an optional "sha256:" prefix) in its stored form; null when it is not one. */
export function parseProtocolHash(input: string): string | null {
	const value = input
		.trim()
		.toLowerCase()
		.replace(/^sha-?256:\s*/, '')
		.replace(/\s+/g, '');
	return HASH.test(value) ? value : null;
}
