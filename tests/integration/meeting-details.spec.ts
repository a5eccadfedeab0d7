import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMeeting } from '../../src/lib/server/services/boards';
import { editPage, updateDetails } from '../../src/lib/server/services/meeting-details';
import { page } from '../../src/lib/server/services/meetings';
import type { Result } from '../../src/lib/server/services/result';
import { createStore } from '../../src/lib/server/store/index';
import type { Store, User } from '../../src/lib/server/store/types';
import { makeMeeting, makeUser } from './helpers';

const migrationsDir = resolve('supabase/migrations');
const AT = new Date('2026-11-20T09:00:00Z');

async function openStore(): Promise<Store> {
	const template = new Blob([await readFile(inject('pgliteTemplate'))]);
	const { store } = await createStore({ dataDir: '', databaseUrl: undefined }, { migrationsDir, pgliteTemplate: template, inMemory: true });
	return store;
}

function errorsOf(result: Result<unknown>): Record<string, string> {
	if (result.ok) throw new Error('expected a failure, got ' + JSON.stringify(result.value));
	return result.errors;
}

let store: Store;
let owner: User;
let editor: User;
let viewer: User;
let contributor: User;
beforeAll(async () => {
	store = await openStore();
	[owner, editor, viewer, contributor] = await Promise.all(['Ägare', 'Redaktör', 'Läsare', 'Bidrar'].map(async (name) => (await makeUser(store, name)).user));
});
afterAll(async () => {
	await store?.close();
});

async function boardMeeting() {
	const { boardId, meetingId } = await makeMeeting(store, owner);
	await store.boards.addMember(boardId, editor.id, 'editor');
	await store.boards.addMember(boardId, viewer.id, 'viewer');
	await store.boards.addMember(boardId, contributor.id, 'contributor');
	return { boardId, meetingId };
}

const form = (over: Record<string, string> = {}) => ({
	title: 'Möte',
	startsAt: '2026-12-01T13:00',
	tzOffset: '60',
	place: '',
	accessibilityNotes: '',
	onlineUrl: '',
	...over
});

describe('changing a meeting’s details (issue 10, point 1)', () => {
	it('an editor moves the meeting: stored, the calendar sequence bumped, the change recorded with the fields named', async () => {
		const { meetingId } = await boardMeeting();
		const before = (await store.meetings.get(meetingId))!;
		const result = await updateDetails(
			store,
			editor,
			meetingId,
			form({ startsAt: '2026-12-02T09:30', place: 'Biblioteket, sal 3', onlineUrl: 'https://meet.example.se/x', revision: String(before.revision) }),
			AT
		);
		expect(result.ok && result.value.changed).toEqual(['startsAt', 'place', 'onlineUrl']);

		const after = (await store.meetings.get(meetingId))!;
		expect(after).toMatchObject({
			title: 'Möte',
			startsAt: new Date('2026-12-02T08:30:00Z'),
			place: 'Biblioteket, sal 3',
			onlineUrl: 'https://meet.example.se/x',
			accessibilityNotes: '',
			sequence: before.sequence + 1,
			revision: before.revision + 1,
			updatedAt: AT,
			status: 'planned'
		});
		const events = await store.meetings.events(meetingId);
		expect(events.at(-1)).toMatchObject({ kind: 'details', actorId: editor.id, at: AT, detail: { changed: ['startsAt', 'place', 'onlineUrl'] } });
	});

	it('stores nothing when nothing changed', async () => {
		const { meetingId } = await boardMeeting();
		const before = (await store.meetings.get(meetingId))!;
		const result = await updateDetails(store, owner, meetingId, form({ title: '  Möte ' }), AT);
		expect(result.ok && result.value.changed).toEqual([]);
		expect(await store.meetings.get(meetingId)).toEqual(before);
		expect((await store.meetings.events(meetingId)).filter((e) => e.kind === 'details')).toEqual([]);
	});

	it('refuses viewers and contributors, and people outside the board', async () => {
		const { meetingId } = await boardMeeting();
		const stranger = (await makeUser(store, 'Utanför')).user;
		for (const who of [viewer, contributor, stranger]) {
			expect(errorsOf(await updateDetails(store, who, meetingId, form({ place: 'Hemma' }), AT))).toEqual({ _form: 'error_not_allowed' });
		}
		expect(errorsOf(await updateDetails(store, owner, 'no-such-meeting', form(), AT))).toEqual({ _form: 'error_not_allowed' });
		expect((await store.meetings.get(meetingId))!.place).toBe('');
	});

	it('validates with the create form’s schema', async () => {
		const { meetingId } = await boardMeeting();
		expect(errorsOf(await updateDetails(store, editor, meetingId, form({ title: ' ', startsAt: 'i morgon', onlineUrl: 'javascript:alert(1)' }), AT))).toEqual({
			title: 'error_title_required',
			startsAt: 'error_date_required',
			onlineUrl: 'error_url_invalid'
		});
	});

	it('refuses a form filled in before someone else changed the meeting', async () => {
		const { meetingId } = await boardMeeting();
		const seen = (await store.meetings.get(meetingId))!.revision;
		expect((await updateDetails(store, owner, meetingId, form({ place: 'Stadshuset', revision: String(seen) }), AT)).ok).toBe(true);
		expect(errorsOf(await updateDetails(store, editor, meetingId, form({ place: 'Biblioteket', revision: String(seen) }), AT))).toEqual({
			_form: 'error_details_changed_meanwhile'
		});
		expect((await store.meetings.get(meetingId))!.place).toBe('Stadshuset');
	});

	it('answers a lost race (the store refuses the old revision) with the same error', async () => {
		const { meetingId } = await boardMeeting();
		// Someone else's change lands between this service reading the meeting and storing its change.
		const racing: Store = {
			...store,
			meetings: {
				...store.meetings,
				change: async (id, change) => {
					const current = (await store.meetings.get(id))!;
					await store.meetings.change(id, { ...change, details: { ...current, place: 'Någon annans' } });
					return store.meetings.change(id, change);
				}
			}
		};
		expect(errorsOf(await updateDetails(racing, editor, meetingId, form({ place: 'Min' }), AT))).toEqual({ _form: 'error_details_changed_meanwhile' });
		expect((await store.meetings.get(meetingId))!.place).toBe('Någon annans');
	});

	it('refuses adjusted and cancelled meetings; the meeting page offers the edit link only when allowed', async () => {
		const { meetingId } = await boardMeeting();
		const board = (await store.boards.get((await store.meetings.get(meetingId))!.boardId))!;
		const access = async (user: User, role: 'owner' | 'editor' | 'viewer') => ({ user, board, role, meeting: (await store.meetings.get(meetingId))! });
		expect((await page(store, await access(editor, 'editor'))).canEditDetails).toBe(true);
		expect((await page(store, await access(viewer, 'viewer'))).canEditDetails).toBe(false);
		expect(editPage(await access(viewer, 'viewer'), 'Europe/Stockholm')).toBeNull();
		expect(editPage(await access(editor, 'editor'), 'Europe/Stockholm')?.values).toMatchObject({ title: 'Möte', startsAt: '2026-12-01T13:00' });
		expect(editPage(await access(editor, 'editor'), 'Europe/Helsinki')?.values.startsAt).toBe('2026-12-01T14:00');

		const cancelled = await store.meetings.change(meetingId, {
			revision: (await store.meetings.get(meetingId))!.revision,
			status: 'cancelled',
			cancelReason: 'Ingen lokal',
			bumpSequence: true,
			event: { kind: 'moved', actorId: owner.id, at: AT, detail: { from: 'planned', to: 'cancelled' } }
		});
		expect(cancelled).not.toBeNull();
		expect(errorsOf(await updateDetails(store, owner, meetingId, form({ place: 'Hemma' }), AT))).toEqual({ _form: 'error_details_cancelled' });
		expect((await page(store, await access(owner, 'owner'))).canEditDetails).toBe(false);
		expect(editPage(await access(owner, 'owner'), 'Europe/Stockholm')?.refusal).toBe('error_details_cancelled');

		await store.meetings.change(meetingId, {
			revision: cancelled!,
			status: 'adjusted',
			bumpSequence: false,
			event: { kind: 'moved', actorId: owner.id, at: AT, detail: {} }
		});
		expect(errorsOf(await updateDetails(store, owner, meetingId, form({ place: 'Hemma' }), AT))).toEqual({ _form: 'error_details_adjusted' });
		expect((await store.meetings.get(meetingId))!.place).toBe('');
	});

	it('creating and changing use the same rules: what the create form accepts, the edit form accepts', async () => {
		const { boardId } = await boardMeeting();
		const input = form({ title: 'Uppföljning', startsAt: '2027-01-12T10:00', accessibilityNotes: 'Hiss.\nHörslinga.' });
		const created = await createMeeting(store, editor, boardId, input);
		expect(created.ok).toBe(true);
		if (!created.ok) return;
		const changed = await updateDetails(store, editor, created.value.id, { ...input, accessibilityNotes: 'Hiss.\nHörslinga i sal 2.' }, AT);
		expect(changed.ok && changed.value.changed).toEqual(['accessibilityNotes']);
	});
});
