/**
 * Fencing for the single writer of a document's update log when several instances run.
 *
 * The writer gets a token from the database (`docs.claim`), each claim a higher one; appends and
 * compactions carrying an older token than the newest claim are refused. So an instance that lost
 * its Redis lease without knowing it (paused, partitioned) cannot write over its successor.
 */

/** The SQLSTATE our functions raise for a refused (fenced-out) write; adapters map it to FencedOutError. */
export const FENCED_OUT_SQLSTATE = 'SMT01';

export class FencedOutError extends Error {
	constructor(readonly docName: string) {
		super(`write to ${docName} refused: another instance has claimed the document since (fenced out)`);
		this.name = 'FencedOutError';
	}
}

export function isFencedOut(error: unknown): error is FencedOutError {
	return error instanceof FencedOutError || (error as { name?: string } | null)?.name === 'FencedOutError';
}

/**
 * The SQLSTATE the purge guard raises (migration board_deletion): a write to a document of a
 * board that was deleted. Adapters map it to DocumentPurgedError; the writer stops for good.
 */
export const DOC_PURGED_SQLSTATE = 'SMT02';

export class DocumentPurgedError extends Error {
	constructor(readonly docName: string) {
		super(`write to ${docName} refused: its board was deleted`);
		this.name = 'DocumentPurgedError';
	}
}

export function isDocumentPurged(error: unknown): error is DocumentPurgedError {
	return error instanceof DocumentPurgedError || (error as { name?: string } | null)?.name === 'DocumentPurgedError';
}
