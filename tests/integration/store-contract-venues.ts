import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/domain/ids';
import type { Board, MeetingVenue, User, Venue } from '../../src/lib/server/store/types';
import type { ContractContext } from './store-contract-actions';

/**
 * The store contract for venues and access needs (issue 12, points 10 and 11): a board's saved
 * venues, the copy a meeting keeps, people's needs (one row each), and that erasure and a board's
 * purge take them along. Called from `storeContract`.
 */
export function venuesContract(ctx: ContractContext) {
	const { user, board } = ctx;
	const AT = new Date('2026-12-02T11:00:00.000Z');

	async function venue(b: Board, by: User, overrides: Partial<Venue> = {}): Promise<Venue> {
		const v: Venue = {
			id: newId(),
			boardId: b.id,
			name: 'Brukarföreningens lokal',
			hostAgency: 'Brukarföreningen Vägen',
			address: 'Storgatan 1, 111 22 Stad',
			features: ['lift', 'hearingLoop'],
			interpretingLanguages: 'arabiska, somaliska',
			notes: 'Ring på porten.\nAndra våningen.',
			createdBy: by.id,
			createdAt: AT,
			updatedAt: null,
			archivedAt: null,
			...overrides
		};
		const { updatedAt, archivedAt, ...created } = v;
		void updatedAt;
		void archivedAt;
		await ctx.store().venues.create(created);
		return v;
	}
	async function meeting(b: Board, by: User): Promise<string> {
		const id = newId();
		await ctx.store().meetings.create({ id, boardId: b.id, title: 'Ledningsgrupp', startsAt: new Date('2026-12-10T09:00:00Z'), place: '', accessibilityNotes: '', onlineUrl: '', createdBy: by.id, createdAt: AT });
		return id;
	}

	describe('venues', () => {
		it('create, get, list by name (archived only when asked), update and archive', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const other = await board(owner);
			const town = await venue(b, owner, { name: 'Stadshuset', features: [] });
			const assoc = await venue(b, owner);
			await venue(other, owner, { name: 'Annan tavlas lokal' });

			expect(await store.venues.get(assoc.id)).toEqual(assoc);
			expect(await store.venues.get('nope')).toBeNull();
			expect((await store.venues.listForBoard(b.id)).map((x) => x.name)).toEqual(['Brukarföreningens lokal', 'Stadshuset']);

			const later = new Date(AT.getTime() + 60_000);
			const fields = { name: 'Stadshuset, rum 3', hostAgency: 'Kommunen', address: 'Torget 1', features: ['stepFree' as const, 'lift' as const], interpretingLanguages: '', notes: '' };
			expect(await store.venues.update(town.id, fields, later)).toBe(true);
			expect(await store.venues.get(town.id)).toEqual({ ...town, ...fields, updatedAt: later });
			expect(await store.venues.update('nope', fields, later)).toBe(false);

			expect(await store.venues.setArchived(assoc.id, later)).toBe(true);
			expect((await store.venues.listForBoard(b.id)).map((x) => x.id)).toEqual([town.id]);
			expect((await store.venues.listForBoard(b.id, { archived: true })).map((x) => [x.id, x.archivedAt])).toEqual([
				[assoc.id, later],
				[town.id, null]
			]);
			expect(await store.venues.setArchived(assoc.id, null)).toBe(true);
			expect((await store.venues.get(assoc.id))?.archivedAt).toBeNull();
			expect(await store.venues.setArchived('nope', later)).toBe(false);
		});

		it("a meeting keeps a copy: setForMeeting bumps SEQUENCE and revision only on a change, records an event, and outlives the venue's edits", async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const v = await venue(b, owner);
			const id = await meeting(b, owner);
			const before = (await store.meetings.get(id))!;
			const copy: MeetingVenue = { venueId: v.id, name: v.name, hostAgency: v.hostAgency, address: v.address, features: v.features, interpretingLanguages: v.interpretingLanguages, notes: v.notes };

			expect(await store.venues.setForMeeting(id, copy, owner.id, AT)).toBe(true);
			expect(await store.venues.forMeeting(id)).toEqual(copy);
			const after = (await store.meetings.get(id))!;
			expect([after.sequence, after.revision]).toEqual([before.sequence + 1, before.revision + 1]);
			expect((await store.meetings.events(id)).map((e) => [e.kind, e.detail])).toEqual([['venue', { venueId: v.id, cleared: false }]]);

			// The same copy again changes nothing.
			expect(await store.venues.setForMeeting(id, copy, owner.id, AT)).toBe(false);
			expect((await store.meetings.get(id))!.sequence).toBe(after.sequence);

			// Editing the saved venue leaves the meeting's copy as it was.
			await store.venues.update(v.id, { ...copy, name: 'Nytt namn', features: [] }, AT);
			expect(await store.venues.forMeeting(id)).toEqual(copy);
			expect(await store.venues.forBoardMeetings(b.id)).toEqual(new Map([[id, copy]]));

			// Back to a typed place: the copy goes.
			expect(await store.venues.setForMeeting(id, null, owner.id, AT)).toBe(true);
			expect(await store.venues.forMeeting(id)).toBeNull();
			expect(await store.venues.setForMeeting(id, null, owner.id, AT)).toBe(false);
			expect(await store.venues.setForMeeting('nope', copy, owner.id, AT)).toBe(false);
		});

		it("a board's purge takes its venues and its meetings' copies", async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const v = await venue(b, owner);
			const id = await meeting(b, owner);
			await store.venues.setForMeeting(id, { venueId: v.id, name: v.name, hostAgency: '', address: '', features: [], interpretingLanguages: '', notes: '' }, owner.id, AT);
			expect(await store.boardDeletion.request(b.id, owner.id, new Date('2026-10-01T00:00:00Z'))).toBe(true);
			expect(await store.boardDeletion.purge(b.id, new Date('2026-10-31T00:00:00Z'))).not.toBeNull();
			expect(await store.venues.get(v.id)).toBeNull();
			expect(await store.venues.forMeeting(id)).toBeNull();
		});
	});

	describe('accessNeeds', () => {
		it('set replaces, get reads, clear removes; forBoard lists present members who stated needs', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const member = await user();
			const outsider = await user();
			const silent = await user();
			await store.boards.addMember(b.id, member.id, 'viewer');
			await store.boards.addMember(b.id, silent.id, 'viewer');

			expect(await store.accessNeeds.get(member.id)).toBeNull();
			await store.accessNeeds.set(member.id, { needs: ['stepFree'], interpretingLanguage: '' }, AT);
			const later = new Date(AT.getTime() + 1000);
			await store.accessNeeds.set(member.id, { needs: ['stepFree', 'interpreting'], interpretingLanguage: 'Arabiska' }, later);
			expect(await store.accessNeeds.get(member.id)).toEqual({ userId: member.id, needs: ['stepFree', 'interpreting'], interpretingLanguage: 'Arabiska', updatedAt: later });
			await store.accessNeeds.set(outsider.id, { needs: ['lift'], interpretingLanguage: '' }, AT);
			await store.accessNeeds.set(silent.id, { needs: [], interpretingLanguage: '' }, AT);

			expect((await store.accessNeeds.forBoard(b.id)).map((n) => n.userId)).toEqual([member.id]);
			await store.boards.removeMember(b.id, member.id, AT);
			expect(await store.accessNeeds.forBoard(b.id)).toEqual([]);

			await store.accessNeeds.clear(member.id);
			expect(await store.accessNeeds.get(member.id)).toBeNull();
		});

		it("erasing the account deletes the person's needs (and nothing of anyone else's)", async () => {
			const store = ctx.store();
			const owner = await user();
			await board(owner);
			const person = await user();
			await store.accessNeeds.set(person.id, { needs: ['quietRoom'], interpretingLanguage: '' }, AT);
			await store.accessNeeds.set(owner.id, { needs: ['lift'], interpretingLanguage: '' }, AT);
			expect((await store.users.erase(person.id, AT)).outcome).toBe('erased');
			expect(await store.accessNeeds.get(person.id)).toBeNull();
			expect(await store.accessNeeds.get(owner.id)).not.toBeNull();
		});
	});
}
