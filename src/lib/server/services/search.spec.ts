import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../store/types';
import { hrefOf, page } from './search';

const hit = (overrides: Partial<SearchHit>): SearchHit => ({
	kind: 'item',
	boardId: 'b1',
	boardName: 'Ledningsgrupp',
	meetingId: 'm1',
	meetingTitle: 'Möte',
	meetingStartsAt: null,
	itemId: 'i1',
	itemNumber: 1,
	itemTitle: 'Boende',
	refId: 'i1',
	title: 'Boende',
	excerpt: 'en \u0001åtgärd\u0002',
	...overrides
});

function fakeStore(boards: string[]) {
	const calls: Array<{ userId: string; query: string; boardId: string | null | undefined }> = [];
	return {
		calls,
		store: {
			boards: { listForUser: async () => boards.map((id) => ({ id, name: `Grupp ${id}` })) as never },
			search: {
				query: async (userId: string, query: string, options: { boardId?: string | null }) => {
					calls.push({ userId, query, boardId: options.boardId });
					return [hit({ boardId: options.boardId ?? 'b1' })];
				}
			}
		}
	};
}

describe('search service', () => {
	it('links a § to the meeting page with that § open, the notes and summaries to the meeting, an action to its board', () => {
		expect(hrefOf(hit({}))).toBe('/meetings/m1#item-i1');
		expect(hrefOf(hit({ kind: 'summary', itemId: null }))).toBe('/meetings/m1');
		expect(hrefOf(hit({ kind: 'action', meetingId: null, itemId: null }))).toBe('/boards/b1#actions-heading');
	});

	it('searches nothing for an empty query, refuses an over-long one, and splits the excerpt into marked parts', async () => {
		const { store, calls } = fakeStore(['b1']);
		expect((await page(store, { id: 'u1' }, new URLSearchParams('q=%20%20'))).results).toBeNull();
		expect((await page(store, { id: 'u1' }, new URLSearchParams({ q: 'x'.repeat(201) }))).error).toBe('error_too_long');
		expect(calls).toEqual([]);
		const found = await page(store, { id: 'u1' }, new URLSearchParams({ q: 'åtgärder\u0000' }));
		expect(calls).toEqual([{ userId: 'u1', query: 'åtgärder', boardId: null }]);
		expect(found.results?.[0]).toMatchObject({ href: '/meetings/m1#item-i1', excerpt: [{ text: 'en ', marked: false }, { text: 'åtgärd', marked: true }] });
	});

	it('filters to a board only among the person’s own boards; any other board id means all of their boards', async () => {
		const { store, calls } = fakeStore(['b1', 'b2']);
		expect((await page(store, { id: 'u1' }, new URLSearchParams({ q: 'a', board: 'b2' }))).boardId).toBe('b2');
		expect((await page(store, { id: 'u1' }, new URLSearchParams({ q: 'a', board: 'theirs' }))).boardId).toBeNull();
		expect(calls.map((c) => c.boardId)).toEqual(['b2', null]);
	});
});
