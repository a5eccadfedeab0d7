export const AGENCY_KINDS = [
	'social_services',
	'employment_services',
	'user_association',
	'housing',
	'health_care',
	'other'
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export function isAgencyKind(value: unknown): value is AgencyKind {
	return typeof value === 'string' && (AGENCY_KINDS as readonly string[]).includes(value);
}

/**
 * Agency colours: each has at least 4.5:1 contrast with white text and with a white page,
 * so a colour chip can carry a name (WCAG 2.2 AA). They are also told apart by name, never by
 * colour alone.
 */
export const AGENCY_COLORS = [
	'#1f5f8b', // blue
	'#8a3b12', // rust
	'#2e6b30', // green
	'#6b3fa0', // violet
	'#a0213f', // raspberry
	'#00626b', // teal
	'#7a5500', // ochre
	'#4a4f9c', // indigo
	'#8c2f6e', // plum
	'#3d5a1e' // olive
] as const;

/** The first colour not yet taken, cycling once all are in use. */
export function pickAgencyColor(taken: readonly string[]): string {
	const free = AGENCY_COLORS.find((color) => !taken.includes(color));
	return free ?? AGENCY_COLORS[taken.length % AGENCY_COLORS.length];
}
