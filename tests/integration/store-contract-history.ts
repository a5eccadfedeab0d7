import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/domain/ids';
import type { StoredDoc, UpdateAuthor } from '../../src/lib/server/store/types';
import type { ContractContext } from './store-contract-actions';

/**
 * The store contract for the authored update log (issue 11, point 5): appends keep their authors,
 * compaction keeps the log (and load still returns exactly the document), history reads it in
 * order, and retention deletes only compacted updates of meetings adjusted before the cut-off.
 * Called from `storeContract`, so it runs on every backend.
 */
export function authoredHistoryContract(ctx: ContractContext) {
	const store = () => ctx.store();
	const meetingDoc = () => `meeting:${newId()}`;

	/** What a load replays to, as plain data. */
	function replay(stored: StoredDoc): Y.Doc {
		const doc = new Y.Doc();
		if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
		for (const u of stored.updates) Y.applyUpdate(doc, u);
		return doc;
	}

	/** Two people of two agencies typing into one document, each keystroke its own update. */
	function typists() {
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		const text = doc.getText('minutes');
		return { doc, text, take: () => updates.splice(0) };
	}

	describe('docs: history with authors', () => {
		it('append keeps each update’s author and agency; an update without one is the server’s; history is in id order', async () => {
			const name = meetingDoc();
			const anna: UpdateAuthor = { userId: `u-${newId()}`, agencyId: `a-${newId()}` };
			const bo: UpdateAuthor = { userId: `u-${newId()}`, agencyId: `a-${newId()}` };
			const first = await store().docs.append(name, [
				{ update: Uint8Array.of(1), author: anna },
				{ update: Uint8Array.of(2), author: bo },
				Uint8Array.of(3)
			]);
			const second = await store().docs.append(name, [{ update: Uint8Array.of(4), author: null }, { update: Uint8Array.of(5, 0, 255), author: anna }]);
			await store().docs.append(meetingDoc(), [{ update: Uint8Array.of(9), author: anna }]); // another document
			const history = await store().docs.history(name);
			expect(history.map((h) => [h.authorId, h.agencyId, h.source, [...h.update]])).toEqual([
				[anna.userId, anna.agencyId, 'member', [1]],
				[bo.userId, bo.agencyId, 'member', [2]],
				[null, null, 'server', [3]],
				[null, null, 'server', [4]],
				[anna.userId, anna.agencyId, 'member', [5, 0, 255]]
			]);
			const ids = history.map((h) => h.id);
			expect(ids).toEqual([...ids].sort((a, b) => a - b));
			expect(ids[2]).toBe(first);
			expect(ids[4]).toBe(second);
			for (const h of history) {
				expect(h.at).toBeInstanceOf(Date);
				expect(Math.abs(h.at.getTime() - Date.now())).toBeLessThan(10 * 60_000);
			}
			// Paged: after an id, at most `limit`.
			expect((await store().docs.history(name, { afterId: ids[1], limit: 2 })).map((h) => h.id)).toEqual([ids[2], ids[3]]);
			expect(await store().docs.history(name, { afterId: second })).toEqual([]);
			expect(await store().docs.history(meetingDoc())).toEqual([]);
		});

		it('compaction keeps the authored log, and load after it gives exactly the document (snapshot + later updates only)', async () => {
			const name = meetingDoc();
			const anna: UpdateAuthor = { userId: `u-${newId()}`, agencyId: `a-${newId()}` };
			const bo: UpdateAuthor = { userId: `u-${newId()}`, agencyId: `a-${newId()}` };
			const { doc, text, take } = typists();
			text.insert(0, '§ 1 Mötets öppnande. ');
			await store().docs.append(name, take().map((update) => ({ update, author: anna })));
			text.insert(text.length, 'Beslut: att godkänna dagordningen. ');
			const upTo = await store().docs.append(name, take().map((update) => ({ update, author: bo })));
			await store().docs.compact(name, Y.encodeStateAsUpdate(doc), upTo);
			text.delete(0, 4);
			text.insert(0, 'Punkt 1. ');
			const later = await store().docs.append(name, take().map((update) => ({ update, author: anna })));

			const loaded = await store().docs.load(name);
			expect(loaded.snapshot).not.toBeNull();
			expect(loaded.updates).toHaveLength(2); // the delete and the insert after the snapshot, nothing before it
			expect(loaded.lastUpdateId).toBe(later);
			expect(await store().docs.pendingCount(name)).toBe(2);
			expect(replay(loaded).getText('minutes').toString()).toBe('Punkt 1. Mötets öppnande. Beslut: att godkänna dagordningen. ');

			const history = await store().docs.history(name);
			expect(history.map((h) => h.authorId)).toEqual([anna.userId, bo.userId, anna.userId, anna.userId]);
			// The whole log replays to the same document as the load: nothing lost, nothing doubled.
			const fromLog = new Y.Doc();
			for (const h of history) Y.applyUpdate(fromLog, h.update);
			expect(fromLog.getText('minutes').toString()).toBe(text.toString());

			// Compacting again keeps everything; load is the snapshot alone.
			await store().docs.compact(name, Y.encodeStateAsUpdate(doc), later);
			const again = await store().docs.load(name);
			expect(again).toMatchObject({ updates: [], lastUpdateId: later });
			expect(replay(again).getText('minutes').toString()).toBe(text.toString());
			expect(await store().docs.history(name)).toHaveLength(4);
		});

		it('retention deletes only compacted updates of meetings adjusted before the cut-off, a page at a time', async () => {
			const owner = await ctx.user();
			const board = await ctx.board(owner);
			const anna: UpdateAuthor = { userId: owner.id, agencyId: owner.agencyId };

			/** A meeting moved to `status`; with `adjustedAt`, sealed as adjusted at that moment. */
			async function meeting(adjustedAt: Date | null): Promise<string> {
				const id = newId();
				await store().meetings.create({
					id,
					boardId: board.id,
					title: 'Samverkansmöte',
					startsAt: new Date('2025-01-10T09:00:00Z'),
					place: '',
					accessibilityNotes: '',
					onlineUrl: '',
					createdBy: owner.id,
					createdAt: new Date('2025-01-01T08:00:00Z')
				});
				const event = { kind: 'moved', actorId: owner.id, at: adjustedAt ?? new Date(), detail: {} };
				expect(await store().meetings.change(id, { revision: 0, status: 'in_adjustment', bumpSequence: false, event })).not.toBeNull();
				if (adjustedAt) {
					const hash = Array.from(crypto.getRandomValues(new Uint8Array(32)), (x) => x.toString(16).padStart(2, '0')).join('');
					const sealed = { meetingId: id, hash, format: 1, canonical: '{}', meetingState: Uint8Array.of(1), voicesState: Uint8Array.of(2), approvals: [], sealedAt: adjustedAt };
					expect(await store().protocols.seal(sealed, 1, {}, owner.id)).toBe(true);
				}
				return id;
			}
			/** `compacted` updates covered by a snapshot, then `after` more. */
			async function log(name: string, compacted: number, after: number): Promise<StoredDoc> {
				const { doc, text, take } = typists();
				let upTo = 0;
				for (let i = 0; i < compacted; i++) {
					text.insert(text.length, `före ${i}. `);
					upTo = await store().docs.append(name, take().map((update) => ({ update, author: anna })));
				}
				if (compacted) await store().docs.compact(name, Y.encodeStateAsUpdate(doc), upTo);
				for (let i = 0; i < after; i++) {
					text.insert(text.length, `efter ${i}. `);
					await store().docs.append(name, take().map((update) => ({ update, author: anna })));
				}
				return store().docs.load(name);
			}

			const cutOff = new Date('2025-06-01T00:00:00Z');
			const old = await meeting(new Date('2025-02-01T12:00:00Z'));
			const neverCompacted = await meeting(new Date('2025-02-01T12:00:00Z'));
			const recent = await meeting(new Date('2025-09-01T12:00:00Z'));
			const notAdjusted = await meeting(null);
			const before = {
				old: await log(`meeting:${old}`, 2, 1),
				oldVoices: await log(`meeting:${old}:voices`, 1, 0),
				neverCompacted: await log(`meeting:${neverCompacted}`, 0, 2),
				recent: await log(`meeting:${recent}`, 2, 0),
				notAdjusted: await log(`meeting:${notAdjusted}`, 2, 0),
				board: await log(`board:${board.id}`, 2, 0)
			};

			// Three compacted updates go (two of meeting:old, one of its voices), one per call here.
			expect(await store().docs.pruneHistory(cutOff, 1)).toEqual({ updates: 1, documents: 1 });
			expect(await store().docs.pruneHistory(cutOff)).toEqual({ updates: 2, documents: 2 });
			expect(await store().docs.pruneHistory(cutOff)).toEqual({ updates: 0, documents: 0 });

			// Load is unchanged everywhere; only the compacted history of the old meeting is gone.
			expect(await store().docs.load(`meeting:${old}`)).toEqual(before.old);
			expect(await store().docs.load(`meeting:${old}:voices`)).toEqual(before.oldVoices);
			expect((await store().docs.history(`meeting:${old}`)).map((h) => h.id)).toEqual([before.old.lastUpdateId]);
			expect(await store().docs.history(`meeting:${old}:voices`)).toEqual([]);
			expect(await store().docs.history(`meeting:${neverCompacted}`)).toHaveLength(2);
			expect(await store().docs.history(`meeting:${recent}`)).toHaveLength(2);
			expect(await store().docs.history(`meeting:${notAdjusted}`)).toHaveLength(2);
			expect(await store().docs.history(`board:${board.id}`)).toHaveLength(2);
			expect(replay(await store().docs.load(`meeting:${old}`)).getText('minutes').toString()).toBe('före 0. före 1. efter 0. ');
			expect(before.neverCompacted.snapshot).toBeNull();
		});
	});
}
