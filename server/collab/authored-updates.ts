import * as Y from 'yjs';
import type { AuthoredUpdate, UpdateAuthor } from '../../src/lib/server/store/types.js';

/**
 * Who made each update, from the connection that sent it to the row that stores it (issue 11,
 * point 5). Updates are still stored merged (never a row per keystroke), but only runs of the
 * same author are merged: a batch of Anna, Anna, Bo, Anna becomes three rows, in that order.
 */

/** The origin of a change made on the server in someone's name (a restore): `doc.transact(fn, { author })`. */
export interface AuthoredOrigin {
	readonly author: UpdateAuthor | null;
}

/** The author an origin speaks for: a connection (or any AuthoredOrigin) names one; anything else is the server. */
export function authorOf(origin: unknown): UpdateAuthor | null {
	if (typeof origin !== 'object' || origin === null || !('author' in origin)) return null;
	const author = (origin as AuthoredOrigin).author;
	return author && typeof author.userId === 'string' && typeof author.agencyId === 'string' ? { userId: author.userId, agencyId: author.agencyId } : null;
}

export function sameAuthor(a: UpdateAuthor | null, b: UpdateAuthor | null): boolean {
	return a === b || (a !== null && b !== null && a.userId === b.userId && a.agencyId === b.agencyId);
}

/** Consecutive updates of the same author merged into one, order kept. */
export function mergeByAuthor(updates: readonly AuthoredUpdate[]): AuthoredUpdate[] {
	const runs: Array<{ author: UpdateAuthor | null; updates: Uint8Array[] }> = [];
	for (const { update, author } of updates) {
		const last = runs.at(-1);
		if (last && sameAuthor(last.author, author)) last.updates.push(update);
		else runs.push({ author, updates: [update] });
	}
	return runs.map(({ author, updates }) => ({ author, update: updates.length === 1 ? updates[0] : Y.mergeUpdates(updates) }));
}
