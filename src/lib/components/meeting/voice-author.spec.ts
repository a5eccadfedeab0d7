import { describe, expect, it } from 'vitest';
import { shownAuthor } from './voice-author';
import type { BoardPerson } from './types';

const rut: BoardPerson = {
	id: 'rut',
	name: 'Rut Reporter',
	role: 'contributor',
	agencyId: 'bf',
	agency: { id: 'bf', name: 'Brukarföreningen', color: '#6a1b9a', kind: 'user_association' }
};

describe('shownAuthor (who a perspective or summary is shown as)', () => {
	it("shows a member's name and agency from the membership list, whatever the document claims", () => {
		const entry = { authorId: 'rut', authorName: 'Kommundirektören', agencyName: 'Kommunstyrelsen' };
		expect(shownAuthor(entry, [rut])).toEqual({ name: 'Rut Reporter', agencyName: 'Brukarföreningen', agencyColor: '#6a1b9a', former: false, erased: false });
	});

	it('falls back to the stored name only for someone no longer on the board, marked as such', () => {
		const entry = { authorId: 'gone', authorName: 'Gunnar Gammal', agencyName: 'Åsbyhem' };
		expect(shownAuthor(entry, [rut])).toEqual({ name: 'Gunnar Gammal', agencyName: 'Åsbyhem', agencyColor: '#4a5560', former: true, erased: false });
	});

	it('copes with stored values that are not text (any client can write anything)', () => {
		const entry = { authorId: 'gone', authorName: 42, agencyName: null } as never;
		// No readable name reads as no name: a former member (the server refuses such writes).
		expect(shownAuthor(entry, [rut])).toMatchObject({ name: 'Tidigare medlem', agencyName: '', erased: true });
	});

	it('shows an author who erased their account (no stored name) as a former member of the agency, even on a stale member list', () => {
		const entry = { authorId: 'rut', authorName: '', agencyName: 'Brukarföreningen' };
		expect(shownAuthor(entry, [rut])).toEqual({ name: 'Tidigare medlem (Brukarföreningen)', agencyName: 'Brukarföreningen', agencyColor: '#4a5560', former: false, erased: true });
	});
});
