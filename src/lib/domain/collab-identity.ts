/**
 * Who a person is in presence (the "who is here" list, carets): what every other participant is
 * shown. Built on the server from the account and its agency, the same way for the page and for
 * the collab server, which writes it into every awareness state a connection sends: a client
 * cannot show itself under another name.
 */
export interface CollabIdentity {
	id: string;
	name: string;
	/** the agency's colour (#rrggbb) */
	color: string;
	agency: string;
}

/** Shown for a person whose agency could not be read. */
export const FALLBACK_COLOR = '#1f4e5f';

export function collabIdentity(user: { id: string; displayName: string }, agency: { name: string; color: string } | null | undefined): CollabIdentity {
	return { id: user.id, name: user.displayName, color: agency?.color ?? FALLBACK_COLOR, agency: agency?.name ?? '' };
}
