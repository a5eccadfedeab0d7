import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/domain/ids';
import { splitExcerpt } from '../../src/lib/domain/search/highlight';
import type { Board, SearchEntry, User } from '../../src/lib/server/store/types';
import { projectedAction, type ContractContext } from './store-contract-actions';

/**
 * The store contract for search (issue 12, point 9): projected rows per document, each board's
 * language's stemming, membership as the only way in, and rows that go with their board.
 * Called from `storeContract`, so it runs on PGlite and PostgreSQL (and Supabase when configured).
 */
export function searchContract(ctx: ContractContext) {
	const { user, board } = ctx;

	async function meetingOf(b: Board, creator: User): Promise<string> {
		const id = newId();
		await ctx.store().meetings.create({
			id,
			boardId: b.id,
			title: 'Ledningsgruppens möte',
			startsAt: new Date('2026-12-01T12:00:00.000Z'),
			place: '',
			accessibilityNotes: '',
			onlineUrl: '',
			createdBy: creator.id,
			createdAt: new Date('2026-11-01T08:00:00.000Z')
		});
		return id;
	}
	const entry = (overrides: Partial<SearchEntry>): SearchEntry => ({ kind: 'item', refId: newId(), itemId: null, itemNumber: null, title: '', body: '', ...overrides });
	const marked = (excerpt: string) => splitExcerpt(excerpt).filter((p) => p.marked).map((p) => p.text.toLowerCase());

	describe('search', () => {
		it('Swedish stemming: "åtgärder" finds a § whose minutes say "åtgärd", with the word marked; links carry meeting and §', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const meetingId = await meetingOf(b, owner);
			const itemId = newId();
			expect(
				await store.search.replaceDocEntries(`meeting:${meetingId}`, meetingId, [
					entry({ kind: 'item', refId: itemId, itemId, itemNumber: 2, title: 'Boende', body: 'Vi tog fram en gemensam åtgärd för boendet.' }),
					entry({ kind: 'item', refId: newId(), itemId: newId(), itemNumber: 1, title: 'Ekonomi', body: 'Budgeten gicks igenom.' })
				], 4)
			).toBe(true);
			const hits = await store.search.query(owner.id, 'åtgärder', {});
			expect(hits).toHaveLength(1);
			expect(hits[0]).toMatchObject({ kind: 'item', boardId: b.id, meetingId, itemId, itemNumber: 2, itemTitle: 'Boende', meetingTitle: 'Ledningsgruppens möte' });
			expect(marked(hits[0].excerpt)).toEqual(['åtgärd']);
			expect(hits[0].meetingStartsAt?.toISOString()).toBe('2026-12-01T12:00:00.000Z');
		});

		it('a word also finds compounds it begins (Swedish and Danish write them as one word); short words do not', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const m = await meetingOf(b, owner);
			await store.search.replaceDocEntries(`meeting:${m}`, m, [entry({ body: 'En åtgärdsplan tas fram.' }), entry({ body: 'Stadens stöd.' })], 1);
			const hits = await store.search.query(owner.id, 'åtgärd', {});
			expect(hits.map((h) => marked(h.excerpt))).toEqual([['åtgärdsplan']]);
			// "st" is no prefix of everything: a two-letter word matches only itself.
			expect(await store.search.query(owner.id, 'st', {})).toEqual([]);
		});

		it('Danish stemming on a Danish board: "boligsociale" finds "boligsocial"', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			expect(await store.boards.setLanguage(b.id, 'da')).toBe(true);
			const meetingId = await meetingOf(b, owner);
			await store.search.replaceDocEntries(`meeting:${meetingId}`, meetingId, [entry({ title: 'Boligsocial indsats', body: 'Status på indsatsen.' })], 1);
			const hits = await store.search.query(owner.id, 'boligsociale', {});
			expect(hits.map((h) => h.boardId)).toEqual([b.id]);
			expect(marked(hits[0].excerpt)).toEqual(['boligsocial']);
		});

		it('a changed board language re-configures the board’s rows', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const meetingId = await meetingOf(b, owner);
			await store.search.replaceDocEntries(`meeting:${meetingId}`, meetingId, [entry({ body: 'Den boligsociale indsats fortsætter.' })], 1);
			await store.boards.setLanguage(b.id, 'da');
			expect(await store.search.query(owner.id, 'boligsocial', {})).toHaveLength(1);
		});

		it('membership is the only way in: a member of another board finds nothing, a board filter narrows to one board', async () => {
			const store = ctx.store();
			const owner = await user();
			const stranger = await user();
			const viewer = await user();
			const [b1, b2] = [await board(owner), await board(owner)];
			const theirs = await board(stranger);
			await store.boards.addMember(b1.id, viewer.id, 'viewer');
			const word = `samordning${newId().slice(0, 6)}`;
			for (const b of [b1, b2]) {
				const m = await meetingOf(b, owner);
				await store.search.replaceDocEntries(`meeting:${m}:voices`, m, [entry({ kind: 'perspective', body: `Brukarna vill ha ${word}.` })], 1);
			}
			expect((await store.search.query(owner.id, word, {})).map((h) => h.boardId).sort()).toEqual([b1.id, b2.id].sort());
			expect((await store.search.query(owner.id, word, { boardId: b2.id })).map((h) => h.boardId)).toEqual([b2.id]);
			expect((await store.search.query(viewer.id, word, {})).map((h) => h.boardId)).toEqual([b1.id]);
			expect(await store.search.query(viewer.id, word, { boardId: b2.id })).toEqual([]);
			expect(await store.search.query(stranger.id, word, {})).toEqual([]);
			expect(await store.search.query(stranger.id, word, { boardId: b1.id })).toEqual([]);
			expect(theirs.id).toBeTruthy();
		});

		it('a perspective’s hit names its § from the meeting document; decisions and actions are found too', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const m = await meetingOf(b, owner);
			const itemId = newId();
			await store.search.replaceDocEntries(`meeting:${m}`, m, [
				entry({ kind: 'item', refId: itemId, itemId, itemNumber: 3, title: 'Arbetsmarknad' }),
				entry({ kind: 'decision', refId: newId(), itemId, itemNumber: 3, body: 'Praktikplatserna utökas.' })
			], 2);
			await store.search.replaceDocEntries(`meeting:${m}:voices`, m, [entry({ kind: 'perspective', itemId, body: 'Praktikplatser behövs nära hemmet.' })], 2);
			await store.projections.replaceBoardActions(b.id, `board:${b.id}`, [projectedAction({ title: 'Ordna praktikplatser', description: '' })], 1);
			const hits = await store.search.query(owner.id, 'praktikplats', {});
			expect(hits.map((h) => h.kind).sort()).toEqual(['action', 'decision', 'perspective']);
			const perspective = hits.find((h) => h.kind === 'perspective')!;
			expect(perspective).toMatchObject({ itemId, itemNumber: 3, itemTitle: 'Arbetsmarknad', meetingId: m });
			expect(hits.find((h) => h.kind === 'action')).toMatchObject({ title: 'Ordna praktikplatser', meetingId: null });
		});

		it('replaceDocEntries replaces the document’s rows, never with an older projection, and refuses a missing meeting', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const m = await meetingOf(b, owner);
			const name = `meeting:${m}`;
			expect(await store.search.projectedUpToId(name)).toBeNull();
			expect(await store.search.replaceDocEntries(name, m, [entry({ body: 'hyresskulder' })], 5)).toBe(true);
			expect(await store.search.projectedUpToId(name)).toBe(5);
			expect(await store.search.replaceDocEntries(name, m, [entry({ body: 'vräkningar' })], 4)).toBe(false);
			expect(await store.search.query(owner.id, 'hyresskulder', {})).toHaveLength(1);
			expect(await store.search.replaceDocEntries(name, m, [entry({ body: 'vräkningar' })], 6)).toBe(true);
			expect(await store.search.query(owner.id, 'hyresskulder', {})).toEqual([]);
			expect(await store.search.query(owner.id, 'vräkning', {})).toHaveLength(1);
			expect(await store.search.replaceDocEntries(`meeting:${newId()}`, newId(), [entry({ body: 'x' })], 1)).toBe(false);
		});

		it('queries of any shape answer, never fail: empty, only operators, quotes, very long', async () => {
			const store = ctx.store();
			const owner = await user();
			await board(owner);
			for (const q of ['', '"', '!!! & | ( )', 'or -', '\'', 'a'.repeat(1000), 'åtgärd OR "gemensam plan" -budget'])
				expect(Array.isArray(await store.search.query(owner.id, q, {}))).toBe(true);
		});

		it('listStale names meeting documents stored beyond their search projection; purging the board removes its rows', async () => {
			const store = ctx.store();
			const owner = await user();
			const b = await board(owner);
			const m = await meetingOf(b, owner);
			const name = `meeting:${m}:voices`;
			const last = await store.docs.append(name, [new Uint8Array([0, 0])]);
			expect((await store.search.listStale()).find((s) => s.docName === name)).toEqual({ docName: name, meetingId: m, lastUpdateId: last });
			await store.search.replaceDocEntries(name, m, [entry({ kind: 'summary', body: 'Sammanfattning om hemlöshet' })], last);
			expect((await store.search.listStale()).some((s) => s.docName === name)).toBe(false);
			expect(await store.search.query(owner.id, 'hemlöshet', {})).toHaveLength(1);

			expect(await store.boardDeletion.request(b.id, owner.id, new Date('2026-01-01T00:00:00Z'))).toBe(true);
			expect(await store.boardDeletion.purge(b.id, new Date('2026-02-01T00:00:00Z'))).not.toBeNull();
			expect(await store.search.projectedUpToId(name)).toBeNull();
			// The same person, back on a new board with the same meeting id pattern, finds nothing left over.
			expect(await store.search.query(owner.id, 'hemlöshet', {})).toEqual([]);
		});
	});
}
