import { m } from '$lib/paraglide/messages.js';
import type { BoardPerson } from './types';

/** Who a perspective or summary is shown as. */
export interface ShownAuthor {
	name: string;
	agencyName: string;
	agencyColor: string;
	/** No longer on the board: the name is the one stored in the document, which cannot be checked now. */
	former: boolean;
	/** The author erased their account: `name` is "former member (agency)" in the reader's language. */
	erased: boolean;
}

const NEUTRAL = '#4a5560';
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The name and agency a voices entry is shown with. The names stored in the document are a
 * client's claim (the server checks new ones, but older entries predate that): a member is shown
 * as the membership list knows them, by the entry's author id. Only someone who has left the board
 * is shown with the stored name, marked as a former member; someone who erased their account
 * (no stored name) as "former member (agency)".
 */
export function shownAuthor(entry: { authorId: string; authorName: string; agencyName: string }, members: readonly BoardPerson[]): ShownAuthor {
	// An empty name is erasure's mark (voices-doc.ts eraseAuthorName), which no member can write. It
	// comes first: a page loaded before the erasure still has the person in its membership list.
	if (text(entry.authorName) === '') {
		const agencyName = text(entry.agencyName);
		const name = agencyName ? m.erase_former_member({ agency: agencyName }) : m.erase_former_member_unknown();
		return { name, agencyName, agencyColor: NEUTRAL, former: false, erased: true };
	}
	const member = members.find((person) => person.id === entry.authorId);
	if (member) return { name: member.name, agencyName: member.agency.name, agencyColor: member.agency.color, former: false, erased: false };
	return { name: text(entry.authorName), agencyName: text(entry.agencyName), agencyColor: NEUTRAL, former: true, erased: false };
}
