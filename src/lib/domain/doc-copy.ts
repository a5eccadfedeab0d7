import * as Y from 'yjs';

/**
 * A copy of `doc` to try an update on, for the write-policy judges (voices, board voices,
 * comments). The server keeps one per document between updates (server/collab/judge-copy.ts)
 * rather than copying the whole document for every update; without one, the judges make this.
 */
export function copyOf(doc: Y.Doc): Y.Doc {
	const copy = new Y.Doc({ gc: false });
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return copy;
}
