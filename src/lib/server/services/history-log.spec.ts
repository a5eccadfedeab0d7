import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { DocHistoryEntry, Store, StoredDoc } from '../store/types';
import { keptLog, laterRows, stateAt } from './history-log';

/**
 * Where the history starts: complete when the whole log replays to the stored document; otherwise
 * (rows deleted by an older compaction or by retention) it starts at the snapshot, and says so.
 */
function fakeDocs(rows: DocHistoryEntry[], stored: StoredDoc): Pick<Store, 'docs'> {
	return {
		docs: {
			load: async () => stored,
			history: async (_name: string, options?: { afterId?: number; limit?: number }) => rows.filter((r) => r.id > (options?.afterId ?? 0)).slice(0, options?.limit ?? 1000)
		}
	} as unknown as Pick<Store, 'docs'>;
}

/** Three edits of the minutes, each stored as one row with its own id. */
function edits() {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	const text = doc.getText('minutes');
	text.insert(0, 'Ett. ');
	text.insert(5, 'Två. ');
	text.delete(0, 5);
	const rows: DocHistoryEntry[] = updates.map((update, i) => ({ id: (i + 1) * 10, at: new Date(Date.UTC(2026, 11, 1, 9, i)), authorId: 'u1', agencyId: 'a1', source: 'member', update }));
	return { doc, rows };
}
const text = (doc: Y.Doc) => doc.getText('minutes').toString();

describe('keptLog', () => {
	it('is complete when every row is kept, and rebuilds any point of it', async () => {
		const { doc, rows } = edits();
		// Compacted after the second row: the snapshot covers rows 10 and 20, the log keeps all three.
		const snap = new Y.Doc();
		Y.applyUpdate(snap, rows[0].update);
		Y.applyUpdate(snap, rows[1].update);
		const log = await keptLog(fakeDocs(rows, { snapshot: Y.encodeStateAsUpdate(snap), updates: [rows[2].update], lastUpdateId: 30 }), 'meeting:m1');
		expect(log.complete).toBe(true);
		expect(laterRows(log).map((r) => r.id)).toEqual([10, 20, 30]);
		expect(text(await stateAt(log, 10))).toBe('Ett. ');
		expect(text(await stateAt(log, 20))).toBe('Ett. Två. ');
		expect(text(await stateAt(log, 30))).toBe(text(doc));
	});

	it('starts at the snapshot when earlier rows are gone, and says when that state was reached', async () => {
		const { doc, rows } = edits();
		const snap = new Y.Doc();
		Y.applyUpdate(snap, rows[0].update);
		Y.applyUpdate(snap, rows[1].update);
		// An older compaction deleted row 10 (stored before authors were kept); 20 and 30 remain.
		const kept = rows.slice(1);
		const log = await keptLog(fakeDocs(kept, { snapshot: Y.encodeStateAsUpdate(snap), updates: [rows[2].update], lastUpdateId: 30 }), 'meeting:m1');
		expect(log.complete).toBe(false);
		expect(log.baseUpToId).toBe(20);
		expect(log.baseAt).toEqual(rows[1].at);
		expect(laterRows(log).map((r) => r.id)).toEqual([30]);
		// From the snapshot on, versions rebuild exactly.
		expect(text(await stateAt(log, 20))).toBe('Ett. Två. ');
		expect(text(await stateAt(log, 30))).toBe(text(doc));
	});

	it('notices a missing row that only deleted (no gap in any clock shows it)', async () => {
		const { rows } = edits();
		const full = new Y.Doc();
		for (const r of rows) Y.applyUpdate(full, r.update);
		// Row 30 (the deletion) is gone but the snapshot holds its effect.
		const log = await keptLog(fakeDocs(rows.slice(0, 2), { snapshot: Y.encodeStateAsUpdate(full), updates: [], lastUpdateId: 30 }), 'meeting:m1');
		expect(log.complete).toBe(false);
		expect(text(await stateAt(log, 30))).toBe('Två. ');
	});
});
