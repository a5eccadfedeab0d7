import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { setMeetingRole } from '../../src/lib/domain/meeting-doc';
import { archiveVenue, createVenue, updateVenue, venuesPage } from '../../src/lib/server/services/venues';
import { createMeetingsAt, editPlace, updateDetailsAt, type PlaceChoice } from '../../src/lib/server/services/meeting-venue';
import { myNeeds, saveNeeds, venueWarnings } from '../../src/lib/server/services/access-needs';
import type { Result } from '../../src/lib/server/services/result';
import { createStore } from '../../src/lib/server/store/index';
import type { Board, Store, User } from '../../src/lib/server/store/types';
import { makeMeeting, makeUser } from './helpers';

/**
 * The venue and access-need services over a real store (issue 12, points 10 and 11): who may
 * change a board's venues, a meeting at a saved venue (a copy, checked before anything is stored),
 * and who is warned about what.
 */

const migrationsDir = resolve('supabase/migrations');

async function openStore(): Promise<Store> {
	const template = new Blob([await readFile(inject('pgliteTemplate'))]);
	const { store } = await createStore({ dataDir: '', databaseUrl: undefined }, { migrationsDir, pgliteTemplate: template, inMemory: true });
	return store;
}

const errorsOf = (result: Result<unknown>): Record<string, string> => {
	if (result.ok) throw new Error('expected a failure, got ' + JSON.stringify(result.value));
	return result.errors;
};
const valueOf = <T>(result: Result<T>): T => {
	if (!result.ok) throw new Error('expected success, got ' + JSON.stringify(result.errors));
	return result.value;
};

const ONE = { repeat: '', everyWeeks: '', until: '' };
/** The board has no template here: nothing is written to a meeting document. */
const noDocs = { changeDoc: async () => Promise.reject(new Error('no template, so no document change expected')) };
async function createMeetingAt(store: Store, user: User, boardId: string, raw: Record<string, unknown> & { place: string }, choice: PlaceChoice, series = ONE) {
	const result = await createMeetingsAt({ store, live: noDocs }, user, boardId, raw, choice, series, 'Europe/Stockholm');
	return result.ok ? { ok: true as const, value: result.value.meetings[0], all: result.value.meetings } : result;
}

let store: Store;
let owner: User;
let editor: User;
let viewer: User;
beforeAll(async () => {
	store = await openStore();
	[owner, editor, viewer] = await Promise.all(['Ägare', 'Redaktör', 'Läsare'].map(async (name) => (await makeUser(store, name)).user));
});
afterAll(async () => {
	await store?.close();
});

async function setup() {
	const { boardId } = await makeMeeting(store, owner);
	await store.boards.addMember(boardId, editor.id, 'editor');
	await store.boards.addMember(boardId, viewer.id, 'viewer');
	const board = (await store.boards.get(boardId)) as Board;
	const venue = valueOf(await createVenue(store, editor, boardId, { name: 'Föreningens lokal', address: 'Storgatan 1', features: ['lift'], interpretingLanguages: '', notes: '' }));
	return { board, boardId, venue };
}
const meetingInput = { title: 'Planering', startsAt: '2030-05-02T13:00', tzOffset: '120', place: '', accessibilityNotes: '', onlineUrl: '' };

describe('a board’s venues', () => {
	it('owners and editors add, change and archive them; viewers and outsiders may not; another board’s venue is unknown', async () => {
		const { boardId, venue } = await setup();
		const outsider = (await makeUser(store, 'Utomstående')).user;
		expect(errorsOf(await createVenue(store, viewer, boardId, { name: 'X' }))).toEqual({ _form: 'error_not_allowed' });
		expect(errorsOf(await createVenue(store, outsider, boardId, { name: 'X' }))).toEqual({ _form: 'error_not_allowed' });
		expect(errorsOf(await createVenue(store, owner, boardId, { name: '' }))).toEqual({ name: 'venue_error_name_required' });
		expect(errorsOf(await updateVenue(store, viewer, boardId, venue.id, { name: 'Y' }))).toEqual({ _form: 'error_not_allowed' });

		const other = await setup();
		expect(errorsOf(await updateVenue(store, owner, boardId, other.venue.id, { name: 'Y' }))).toEqual({ _form: 'venue_error_unknown' });
		expect(errorsOf(await archiveVenue(store, owner, boardId, other.venue.id, true))).toEqual({ _form: 'venue_error_unknown' });

		valueOf(await updateVenue(store, owner, boardId, venue.id, { name: 'Föreningens lokal', address: 'Storgatan 1', features: ['lift', 'stepFree'] }));
		valueOf(await archiveVenue(store, owner, boardId, venue.id, true));
		const page = await venuesPage(store, { board: (await store.boards.get(boardId))!, role: 'viewer' });
		expect(page.canManage).toBe(false);
		expect(page.venues).toEqual([]);
		expect(page.archived.map((v) => [v.name, v.features])).toEqual([['Föreningens lokal', ['stepFree', 'lift']]]);
	});
});

describe('a meeting at a saved venue', () => {
	it('copies the venue and its name and address become the place; a wrong choice creates nothing', async () => {
		const { boardId, venue } = await setup();
		const other = await setup();
		const before = (await store.meetings.listForBoard(boardId)).length;
		expect(errorsOf(await createMeetingAt(store, editor, boardId, meetingInput, { venueChoice: 'saved', venueId: other.venue.id }))).toEqual({ venueId: 'venue_error_choose' });
		expect(errorsOf(await createMeetingAt(store, editor, boardId, meetingInput, { venueChoice: 'saved', venueId: '' }))).toEqual({ venueId: 'venue_error_choose' });
		expect((await store.meetings.listForBoard(boardId)).length).toBe(before);

		const meeting = valueOf(await createMeetingAt(store, editor, boardId, meetingInput, { venueChoice: 'saved', venueId: venue.id }));
		expect((await store.meetings.get(meeting.id))?.place).toBe('Föreningens lokal, Storgatan 1');
		expect(await store.venues.forMeeting(meeting.id)).toMatchObject({ venueId: venue.id, name: 'Föreningens lokal', features: ['lift'] });

		// A typed place, as before venues: no copy.
		const typed = valueOf(await createMeetingAt(store, editor, boardId, { ...meetingInput, place: 'Biblioteket' }, { venueChoice: 'typed', venueId: venue.id }));
		expect((await store.meetings.get(typed.id))?.place).toBe('Biblioteket');
		expect(await store.venues.forMeeting(typed.id)).toBeNull();

		// A series at the venue (point 7 with point 10): every meeting of it has its own copy.
		const series = await createMeetingAt(store, editor, boardId, meetingInput, { venueChoice: 'saved', venueId: venue.id }, { repeat: 'on', everyWeeks: '2', until: '2030-07-01' });
		if (!series.ok) throw new Error('series: ' + JSON.stringify(series.errors));
		expect(series.all.length).toBeGreaterThan(1);
		for (const m of series.all) expect(await store.venues.forMeeting(m.id), m.id).toMatchObject({ venueId: venue.id, name: 'Föreningens lokal' });
	});

	it('editing keeps the copy of an archived venue, refreshes a live one, and a typed place clears it', async () => {
		const { boardId, venue } = await setup();
		const meeting = valueOf(await createMeetingAt(store, owner, boardId, meetingInput, { venueChoice: 'saved', venueId: venue.id }));
		valueOf(await updateVenue(store, owner, boardId, venue.id, { name: 'Föreningens lokal', address: 'Storgatan 1', features: ['lift', 'quietRoom'] }));
		valueOf(await archiveVenue(store, owner, boardId, venue.id, true));
		const edit = { ...meetingInput, place: '', revision: '' };

		// Archived: the picker still offers the meeting's own copy, and saving keeps it as it was.
		expect(await editPlace(store, boardId, meeting.id)).toEqual({ venues: [], current: { venueId: venue.id, name: 'Föreningens lokal' }, choice: { venueChoice: 'saved', venueId: venue.id } });
		const kept = valueOf(await updateDetailsAt(store, owner, (await store.meetings.get(meeting.id))!, edit, { venueChoice: 'saved', venueId: venue.id }));
		expect(kept.venueChanged).toBe(false);
		expect((await store.venues.forMeeting(meeting.id))?.features).toEqual(['lift']);

		// Brought back: choosing it again takes the venue as it is now, and the calendar entry changes.
		valueOf(await archiveVenue(store, owner, boardId, venue.id, false));
		const sequence = (await store.meetings.get(meeting.id))!.sequence;
		const refreshed = valueOf(await updateDetailsAt(store, owner, (await store.meetings.get(meeting.id))!, edit, { venueChoice: 'saved', venueId: venue.id }));
		expect(refreshed.venueChanged).toBe(true);
		expect((await store.venues.forMeeting(meeting.id))?.features).toEqual(['lift', 'quietRoom']);
		expect((await store.meetings.get(meeting.id))!.sequence).toBeGreaterThan(sequence);

		const typed = valueOf(await updateDetailsAt(store, owner, (await store.meetings.get(meeting.id))!, { ...edit, place: 'Rådhuset' }, { venueChoice: 'typed', venueId: '' }));
		expect(typed.changed).toEqual(['place']);
		expect(await store.venues.forMeeting(meeting.id)).toBeNull();

		// A viewer changes nothing, venue or not.
		expect(errorsOf(await updateDetailsAt(store, viewer, (await store.meetings.get(meeting.id))!, edit, { venueChoice: 'saved', venueId: venue.id }))).toEqual({ _form: 'error_not_allowed' });
		expect(await store.venues.forMeeting(meeting.id)).toBeNull();
	});
});

describe('access needs and warnings', () => {
	it('saving nothing removes the row; the warning goes to owners (with names) and the chair (without), nobody else, and only before the meeting', async () => {
		const { board, boardId, venue } = await setup();
		const needy = (await makeUser(store, 'Behov')).user;
		await store.boards.addMember(boardId, needy.id, 'contributor');
		valueOf(await saveNeeds(store, needy, { needs: ['stepFree', 'lift'] }));
		expect(await myNeeds(store, needy)).toEqual({ needs: ['stepFree', 'lift'], interpretingLanguage: '', stated: true });

		const meeting = valueOf(await createMeetingAt(store, owner, boardId, meetingInput, { venueChoice: 'saved', venueId: venue.id }));
		const stored = (await store.meetings.get(meeting.id))!;
		// The meeting document names the editor as chair (a fresh document per read).
		const live = {
			readWith: async <T>(names: readonly string[], read: (docs: Y.Doc[]) => T) =>
				read(
					names.map((name) => {
						const doc = new Y.Doc();
						if (name === `meeting:${meeting.id}`) setMeetingRole(doc, 'chairId', editor.id);
						return doc;
					})
				)
		};
		const now = new Date('2030-05-01T00:00:00Z');

		const forOwner = await venueWarnings({ store, live }, { user: owner, role: 'owner', board }, [stored], now);
		expect(forOwner).toMatchObject([{ meetingId: meeting.id, missing: [{ need: 'stepFree' }], people: [needy.displayName], hasOnlineLink: false }]);
		const forChair = await venueWarnings({ store, live }, { user: editor, role: 'editor', board }, [stored], now);
		expect(forChair).toMatchObject([{ missing: [{ need: 'stepFree' }], people: null }]);
		expect(await venueWarnings({ store, live }, { user: viewer, role: 'viewer', board }, [stored], now)).toEqual([]);
		// Held, or long past: no warning.
		expect(await venueWarnings({ store, live }, { user: owner, role: 'owner', board }, [{ ...stored, status: 'held' }], now)).toEqual([]);
		expect(await venueWarnings({ store, live }, { user: owner, role: 'owner', board }, [stored], new Date('2030-06-01T00:00:00Z'))).toEqual([]);

		valueOf(await saveNeeds(store, needy, { needs: [] }));
		expect(await store.accessNeeds.get(needy.id)).toBeNull();
		expect(await venueWarnings({ store, live }, { user: owner, role: 'owner', board }, [stored], now)).toEqual([]);
	});
});
