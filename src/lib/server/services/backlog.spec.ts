import { describe, expect, it } from 'vitest';
import type { BacklogItem, Board, Meeting, NewBacklogItem, User } from '../store/types';
import { addToBacklog, backlogPage, removeFromBacklog, type BacklogStore } from './backlog';

/** The backlog on the board page (issue 12, point 6), over an in-memory store that behaves like the real one. */
const board = { id: 'b1', name: 'Samverkan' } as Board;
const editor = { id: 'u-ed', agencyId: 'ag1', displayName: 'Edit' } as User;
const AT = new Date('2026-12-02T13:00:00Z');

function fakeStore(meetings: Meeting[] = []) {
	const rows: BacklogItem[] = [];
	const store = {
		meetings: { listForBoard: async () => meetings },
		backlog: {
			add: async (item: NewBacklogItem) => void rows.push({ ...item, scheduledMeetingId: null, scheduledAt: null, removedAt: null, removedBy: null }),
			list: async (boardId: string) => rows.filter((r) => r.boardId === boardId),
			get: async (id: string) => rows.find((r) => r.id === id) ?? null,
			schedule: async () => false,
			remove: async (id: string, userId: string, at: Date) => {
				const row = rows.find((r) => r.id === id);
				if (!row || row.scheduledAt || row.removedAt) return false;
				Object.assign(row, { removedAt: at, removedBy: userId });
				return true;
			}
		}
	} as unknown as BacklogStore;
	return { store, rows };
}

const as = (role: 'owner' | 'editor' | 'contributor' | 'viewer') => ({ user: editor, board, role });

describe('the backlog on the board page', () => {
	it('an editor writes an item straight onto the list; everyone reads it, with where it came from', async () => {
		const { store, rows } = fakeStore();
		const added = await addToBacklog(store, as('editor'), { title: ' Lokalfrågan ', description: 'Vem hyr salen?' }, AT);
		expect(added).toEqual({ ok: true, value: { id: expect.any(String), title: 'Lokalfrågan' } });
		expect(rows[0]).toMatchObject({ boardId: 'b1', title: 'Lokalfrågan', description: 'Vem hyr salen?', sourceMeetingId: null, createdBy: 'u-ed', createdAt: AT });
		expect(await backlogPage(store, as('viewer'))).toEqual({
			entries: [{ id: rows[0].id, title: 'Lokalfrågan', description: 'Vem hyr salen?', since: AT, origin: { kind: 'direct' } }],
			mayEdit: false
		});
		expect((await backlogPage(store, as('owner'))).mayEdit).toBe(true);
	});

	it('refuses contributors and viewers, and an empty title', async () => {
		const { store, rows } = fakeStore();
		expect(await addToBacklog(store, as('contributor'), { title: 'x', description: '' })).toEqual({ ok: false, errors: { _form: 'error_not_allowed' }, params: undefined });
		expect(await addToBacklog(store, as('editor'), { title: ' ', description: '' })).toMatchObject({ ok: false, errors: { title: 'error_backlog_title_required' } });
		expect(rows).toEqual([]);
	});

	it('an editor takes an item off the list once; another board’s item, a gone one and a viewer are refused', async () => {
		const { store, rows } = fakeStore();
		await addToBacklog(store, as('editor'), { title: 'Lokalfrågan', description: '' }, AT);
		rows.push({ ...rows[0], id: 'elsewhere', boardId: 'b2' });
		const id = rows[0].id;
		expect(await removeFromBacklog(store, as('viewer'), { id })).toMatchObject({ ok: false, errors: { _form: 'error_not_allowed' } });
		expect(await removeFromBacklog(store, as('editor'), { id: 'elsewhere' })).toMatchObject({ ok: false, errors: { _form: 'error_backlog_gone' } });
		expect(await removeFromBacklog(store, as('editor'), { id: '' })).toMatchObject({ ok: false, errors: { _form: 'error_backlog_gone' } });
		expect(await removeFromBacklog(store, as('editor'), { id }, AT)).toEqual({ ok: true, value: { title: 'Lokalfrågan' } });
		expect(rows[0]).toMatchObject({ removedAt: AT, removedBy: 'u-ed' });
		expect(await removeFromBacklog(store, as('editor'), { id })).toMatchObject({ ok: false, errors: { _form: 'error_backlog_gone' } });
		expect((await backlogPage(store, as('editor'))).entries).toEqual([]);
	});
});
