import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/domain/ids';
import type { NewBacklogItem } from '../../src/lib/server/store/types';
import type { ContractContext } from './store-contract-actions';

/**
 * The store contract for meetings that follow on (issue 12, points 6 and 7): the board's backlog
 * and its meeting template. Called from `storeContract`, so it runs on every backend.
 */
export function followOnContract(ctx: ContractContext) {
	const { user, board } = ctx;
	const AT = new Date('2026-12-02T13:00:00.000Z');

	describe('backlog', () => {
		it('adds, lists oldest first, gets, and schedules once (the row stays, with where it went)', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const other = await board(owner);
			const meetingId = newId();
			await store.meetings.create({ id: meetingId, boardId: b.id, title: 'Möte', startsAt: AT, place: '', accessibilityNotes: '', onlineUrl: '', createdBy: owner.id, createdAt: AT });
			const item = (overrides: Partial<NewBacklogItem>): NewBacklogItem => ({
				id: newId(),
				boardId: b.id,
				title: 'Lokalfrågan "väntar" på svar',
				description: 'Rad ett\nrad två 🎉',
				sourceMeetingId: meetingId,
				sourceItemId: 'item-1',
				createdBy: owner.id,
				createdAt: AT,
				...overrides
			});
			const second = item({ createdAt: new Date(AT.getTime() + 1000), sourceMeetingId: null, sourceItemId: null, description: '' });
			const first = item({});
			await store.backlog.add(second);
			await store.backlog.add(first);
			await store.backlog.add(item({ boardId: other.id }));

			const unscheduled = { scheduledMeetingId: null, scheduledAt: null, removedAt: null, removedBy: null };
			expect(await store.backlog.list(b.id)).toEqual([
				{ ...first, ...unscheduled },
				{ ...second, ...unscheduled }
			]);
			expect(await store.backlog.get(first.id)).toEqual({ ...first, ...unscheduled });
			expect(await store.backlog.get('nope')).toBeNull();

			expect(await store.backlog.schedule(first.id, meetingId, AT)).toBe(true);
			expect(await store.backlog.schedule(first.id, meetingId, AT)).toBe(false);
			expect(await store.backlog.schedule('nope', meetingId, AT)).toBe(false);
			expect((await store.backlog.list(b.id)).map((i) => [i.id, i.scheduledMeetingId])).toEqual([
				[first.id, meetingId],
				[second.id, null]
			]);
			expect(await store.backlog.get(first.id)).toMatchObject({ scheduledMeetingId: meetingId, scheduledAt: AT });
		});

		it('removes once, marking who and when; a scheduled or removed item is neither removed nor scheduled', async () => {
			const store = ctx.store();
			const owner = await user();
			const editor = await user();
			const b = await board(owner);
			const meetingId = newId();
			await store.meetings.create({ id: meetingId, boardId: b.id, title: 'Möte', startsAt: AT, place: '', accessibilityNotes: '', onlineUrl: '', createdBy: owner.id, createdAt: AT });
			const entry = (title: string, createdAt: Date): NewBacklogItem => ({ id: newId(), boardId: b.id, title, description: '', sourceMeetingId: null, sourceItemId: null, createdBy: owner.id, createdAt });
			const kept = entry('Kvar', AT);
			const dropped = entry('Bort', new Date(AT.getTime() + 1000));
			await store.backlog.add(kept);
			await store.backlog.add(dropped);
			const later = new Date(AT.getTime() + 60_000);

			expect(await store.backlog.remove(dropped.id, editor.id, later)).toBe(true);
			expect(await store.backlog.remove(dropped.id, editor.id, later)).toBe(false);
			expect(await store.backlog.schedule(dropped.id, meetingId, later)).toBe(false);
			expect(await store.backlog.get(dropped.id)).toMatchObject({ removedAt: later, removedBy: editor.id, scheduledAt: null });

			expect(await store.backlog.schedule(kept.id, meetingId, later)).toBe(true);
			expect(await store.backlog.remove(kept.id, editor.id, later)).toBe(false);
			expect(await store.backlog.remove('nope', editor.id, later)).toBe(false);
			expect((await store.backlog.list(b.id)).map((i) => [i.title, i.removedAt, i.scheduledMeetingId])).toEqual([
				['Kvar', null, meetingId],
				['Bort', later, null]
			]);
		});
	});

	describe('templates', () => {
		it('none until saved; set replaces; refused for a board that does not exist', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			expect(await store.templates.get(b.id)).toBeNull();
			expect(await store.templates.set(b.id, { standingItems: ['Mötets öppnande', 'Brukarperspektivet "i egen röst"'], lengthMinutes: 90 }, owner.id, AT)).toBe(true);
			expect(await store.templates.get(b.id)).toEqual({ standingItems: ['Mötets öppnande', 'Brukarperspektivet "i egen röst"'], lengthMinutes: 90, updatedAt: AT });
			const later = new Date(AT.getTime() + 60_000);
			expect(await store.templates.set(b.id, { standingItems: [], lengthMinutes: 45 }, owner.id, later)).toBe(true);
			expect(await store.templates.get(b.id)).toEqual({ standingItems: [], lengthMinutes: 45, updatedAt: later });
			expect(await store.templates.set('no-such-board', { standingItems: ['x'], lengthMinutes: 60 }, owner.id, AT)).toBe(false);
			expect(await store.templates.get('no-such-board')).toBeNull();
		});
	});

	describe('board purge', () => {
		it('takes the backlog and the template with the board', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			await store.backlog.add({ id: newId(), boardId: b.id, title: 'Kvar?', description: '', sourceMeetingId: null, sourceItemId: null, createdBy: owner.id, createdAt: AT });
			await store.templates.set(b.id, { standingItems: ['Öppnande'], lengthMinutes: 60 }, owner.id, AT);
			expect(await store.boardDeletion.request(b.id, owner.id, new Date('2026-01-01T00:00:00Z'))).toBe(true);
			expect(await store.boardDeletion.purge(b.id, new Date('2026-02-01T00:00:00Z'))).not.toBeNull();
			expect(await store.backlog.list(b.id)).toEqual([]);
			expect(await store.templates.get(b.id)).toBeNull();
		});
	});
}
