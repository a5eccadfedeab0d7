import * as Y from 'yjs';
import { isBoardLevel, parseDocName } from '../../src/lib/domain/doc-names.js';
import { DocumentNotFoundError, DocumentSealedError, type ChangeAuthor } from '../../src/lib/server/runtime.js';
import type { Store } from '../../src/lib/server/store/types.js';
import type { AuthoredOrigin } from './authored-updates.js';
import type { DocRegistry } from './doc-registry.js';

/**
 * The app's write path into a live document (LiveDocWriter.changeDoc): a restore from the history,
 * a name replaced at erasure. It goes through the registry like a socket does, so the change lands
 * in the one copy this instance serves, reaches its peers at the end of the turn (fan-out.ts)
 * and, through its sink, the store and the other instances; nothing races with live edits
 * because everything below, from the lock check's answer to the apply, runs on the document's
 * copy without giving way to another update.
 */
export async function changeLiveDoc(
	deps: { store: Pick<Store, 'boards' | 'meetings'>; registry: DocRegistry },
	name: string,
	author: ChangeAuthor | null,
	change: (doc: Y.Doc) => void
): Promise<void> {
	const ref = parseDocName(name);
	if (!ref) throw new DocumentNotFoundError(name);
	const live = await deps.registry.acquire(name);
	try {
		// Checked with the document in memory, right before the change: the lock is the meeting's
		// status, as for every socket (an adjusted meeting's documents take no update at all).
		if (isBoardLevel(ref)) {
			if (!(await deps.store.boards.get(ref.boardId))) throw new DocumentNotFoundError(name);
		} else {
			const meeting = await deps.store.meetings.get(ref.meetingId);
			if (!meeting) throw new DocumentNotFoundError(name);
			// Comments are no part of the protocol: an erasure still reaches them after adjustment.
			if (meeting.status === 'adjusted' && ref.kind !== 'comments') throw new DocumentSealedError(name);
		}
		const update = changeOnCopy(live.doc, change);
		if (update === null) return;
		// The origin names the author: LiveDoc hands the update to its sink with it (authorOf).
		const origin: AuthoredOrigin = { author: author && { userId: author.userId, agencyId: author.agencyId } };
		Y.applyUpdate(live.doc, update, origin);
		await live.flush();
	} finally {
		deps.registry.release(live);
	}
}

/**
 * Runs `change` on a copy and returns what it changed as one update (null: nothing). A change that
 * throws half-way leaves the served document untouched: a Yjs transaction has no rollback, and a
 * half-applied restore would reach every client and the log.
 */
function changeOnCopy(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array | null {
	const copy = new Y.Doc({ gc: true });
	try {
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		const before = Y.snapshot(copy);
		copy.transact(() => change(copy));
		if (Y.equalSnapshots(before, Y.snapshot(copy))) return null;
		return Y.encodeStateAsUpdate(copy, Y.encodeStateVector(doc));
	} finally {
		copy.destroy();
	}
}
