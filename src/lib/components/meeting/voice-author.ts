import type { BoardPerson } from './types';

/** Who a perspective or summary is shown as. */
export interface ShownAuthor {
	name: string;
	agencyName: string;
	agencyColor: string;
	/** No longer on the board: the name is the one stored in the document, which cannot be checked now. */
	former: boolean;
	/** The author erased their account: no name, shown as "former member (agency)". */
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
	const member = members.find((person) => person.id === entry.authorId);
	if (member) return { name: member.name, agencyName: member.agency.name, agencyColor: member.agency.color, former: false, erased: false };
	// An empty name is erasure's mark (voices-doc.ts eraseAuthorName), which no member can write.
	if (text(entry.authorName) === '') return { name: '', agencyName: text(entry.agencyName), agencyColor: NEUTRAL, former: false, erased: true };
	return { name: text(entry.authorName), agencyName: text(entry.agencyName), agencyColor: NEUTRAL, former: true, erased: false };
}
