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
