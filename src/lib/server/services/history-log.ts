import * as Y from 'yjs';
import { loadSafely, rulesForDoc } from '../../../../server/collab/safe-load.js';
import type { DocHistoryEntry, Store } from '../store/types.js';

/**
 * A document's authored log as the history panel reads it (issue 11, point 6), and the one way a
 * past state is rebuilt from it.
 *
 * Replaying goes through `loadSafely`, the collab server's loader, never a bare Y.applyUpdate:
 * content set aside at load (quarantine) is still in the kept log below the snapshot, and must be
 * set aside again, not brought back by looking at the past.
 *
 * Where the log starts: rows stored before authors were kept may have been deleted by an older
 * compaction, and the retention job deletes the compacted rows of meetings adjusted long ago. The
 * log is complete when replaying all of it gives exactly the document as stored (same state
 * vector, same deletions). When it does not, the past before the current snapshot cannot be
 * rebuilt: history then starts at the snapshot (`base`), and the panel says so.
 */
export interface KeptLog {
	name: string;
	/** Every row, oldest first. */
	rows: DocHistoryEntry[];
	/** Complete from the first row; false: it starts at the snapshot (`base`, up to `baseUpToId`). */
	complete: boolean;
	base: Uint8Array | null;
	baseUpToId: number;
	/** When the state `base` holds was last changed (the last row it covers), when known. */
	baseAt: Date | null;
}

const PAGE = 5000;
const ORIGIN = 'history-replay';

async function allRows(store: Pick<Store, 'docs'>, name: string): Promise<DocHistoryEntry[]> {
	const rows: DocHistoryEntry[] = [];
	for (;;) {
		const page = await store.docs.history(name, { afterId: rows.at(-1)?.id ?? 0, limit: PAGE });
		rows.push(...page);
		if (page.length < PAGE) return rows;
	}
}

/** A fresh Y.Doc with `base` and `updates` loaded the collab server's safe way. */
export async function replay(name: string, base: Uint8Array | null, updates: Uint8Array[]): Promise<Y.Doc> {
	const doc = new Y.Doc();
	await loadSafely(doc, { snapshot: base, updates, lastUpdateId: 0 }, rulesForDoc(name), ORIGIN);
	return doc;
}

export async function keptLog(store: Pick<Store, 'docs'>, name: string): Promise<KeptLog> {
	// Stored state first, then the log: rows appended in between are simply later rows.
	const stored = await store.docs.load(name);
	const rows = await allRows(store, name);
	const known = rows.filter((r) => r.id <= stored.lastUpdateId);
	const [whole, current] = await Promise.all([replay(name, null, known.map((r) => r.update)), replay(name, stored.snapshot, stored.updates)]);
	const complete = Y.equalSnapshots(Y.snapshot(whole), Y.snapshot(current));
	whole.destroy();
	current.destroy();
	if (complete) return { name, rows, complete, base: null, baseUpToId: 0, baseAt: null };
	// The updates after the snapshot are the last rows load read; the row before them is its last.
	const covered = known.slice(0, known.length - stored.updates.length);
	const last = covered.at(-1);
	return { name, rows, complete, base: stored.snapshot, baseUpToId: last?.id ?? 0, baseAt: last?.at ?? null };
}

/** The rows after the base: the ones versions are made of. */
export const laterRows = (log: KeptLog) => log.rows.filter((r) => r.id > log.baseUpToId);

/** The document as it was after every update up to `upToId`, from the base. */
export function stateAt(log: KeptLog, upToId: number): Promise<Y.Doc> {
	return replay(
		log.name,
		log.base,
		laterRows(log)
			.filter((r) => r.id <= upToId)
			.map((r) => r.update)
	);
}
