import type { ErrorKey } from '../../domain/error-keys.js';
import { docName, parseDocName } from '../../domain/doc-names.js';
import { eraseCommentAuthorName } from '../../domain/comments-doc.js';
import { eraseAuthorName } from '../../domain/voices-doc.js';
import { eraseBoardVoicesAuthor } from '../../domain/board-voices-doc.js';
import type { Logger } from '../logger.js';
import { DocumentNotFoundError, DocumentSealedError, type LiveConnections, type LiveDocWriter } from '../runtime.js';
import type { Store, User } from '../store/types.js';
import { confirmPassword } from './accounts.js';

/**
 * A person erases their own account (issue 11, point 11; GDPR article 17), in an order that never
 * leaves it half done:
 *
 * 1. the password again and a ticked confirmation; a board's only owner is refused (with the list);
 * 2. the live documents: their name goes from their perspectives and summaries in every meeting not
 *    yet adjusted, and from their comments on the minutes in every meeting, through the collab
 *    server (connected members see "former member" at once). Adjusted meetings are sealed records
 *    and stay exactly as adjusted; comments are no part of that record, so they are reached too. If this fails, nothing
 *    else has happened and the person can try again;
 * 3. the store, in one transaction (users.erase): sessions, feeds, memberships, invites, update-log
 *    authorship go, the account row is anonymised;
 * 4. their open sockets close (every instance), and the documents are gone over once more for
 *    anything a still-open tab wrote between 2 and 4.
 *
 * The audit log is not touched: the route records the erasure in it, as the person was.
 */
export type Erasure =
	| { ok: true; documents: number }
	| { ok: false; errors: Record<string, ErrorKey>; params?: Record<string, string | number>; lastOwnerOf?: Array<{ id: string; name: string }> };

export interface ErasureDeps {
	store: Store;
	live: Pick<LiveConnections, 'closeSession'> & LiveDocWriter;
	logger: Pick<Logger, 'error'>;
}

export async function eraseAccount(deps: ErasureDeps, user: User, form: { password: unknown; confirm: unknown }, now = new Date()): Promise<Erasure> {
	const { store } = deps;
	const errors: Record<string, ErrorKey> = {};
	const password = typeof form.password === 'string' ? form.password : '';
	if (!password) errors.password = 'error_password_required';
	if (form.confirm !== 'yes') errors.confirm = 'erase_error_confirm';
	if (Object.keys(errors).length) return { ok: false, errors };

	const check = await confirmPassword(store, user, password, now);
	if (check === 'wrong') return { ok: false, errors: { password: 'erase_error_password' } };
	if (check !== 'ok') return { ok: false, errors: { _form: 'error_too_many_attempts' }, params: { seconds: check.wait } };

	const lastOwnerOf = await boardsOnlyOwnedBy(store, user.id);
	if (lastOwnerOf.length) return { ok: false, errors: { _form: 'erase_error_last_owner' }, lastOwnerOf };

	const documents = await voicesDocuments(store, user.id);
	let changed = 0;
	for (const name of documents) if (await forget(deps, name, user.id)) changed++;

	const erased = await store.users.erase(user.id, now);
	if (erased.outcome === 'last-owner') {
		// Another owner stepped down meanwhile. The names are gone already; nothing else changed.
		const names = await Promise.all(erased.boardIds.map(async (id) => ({ id, name: (await store.boards.get(id))?.name ?? id })));
		return { ok: false, errors: { _form: 'erase_error_last_owner' }, lastOwnerOf: names };
	}
	if (erased.outcome === 'erased') for (const sessionId of erased.sessionIds) deps.live.closeSession(sessionId);
	// Their e-mail goes too: queued messages must not reach the old address, sent ones held it.
	if (erased.outcome === 'erased') await store.mailPrefs.forget(user.id, user.email);

	for (const name of documents) {
		try {
			await forget(deps, name, user.id);
		} catch (error) {
			deps.logger.error({ err: error, doc: name }, 'erasure: the second pass over a document failed; the account is erased');
		}
	}
	return { ok: true, documents: changed };
}

/** The boards the person is the only owner of, by name. */
export async function boardsOnlyOwnedBy(store: Store, userId: string): Promise<Array<{ id: string; name: string }>> {
	const owned = (await store.boards.listForUser(userId)).filter((b) => b.role === 'owner');
	const alone = [];
	for (const board of owned) {
		const owners = (await store.boards.members(board.id)).filter((m) => m.role === 'owner');
		if (owners.every((m) => m.user.id === userId)) alone.push({ id: board.id, name: board.name });
	}
	return alone;
}

/**
 * The voices and comments documents that may carry the person's name: the voices of every meeting
 * of their boards that is not adjusted, the comments of every meeting of their boards, and every
 * voices or comments document they ever wrote in (boards they have left since).
 */
async function voicesDocuments(store: Store, userId: string): Promise<string[]> {
	const names = new Set<string>();
	for (const board of await store.boards.listForUser(userId)) {
		// Asks, answers and feedback on effects (issue 12) carry the name too.
		names.add(docName({ kind: 'boardVoices', boardId: board.id }));
		for (const meeting of await store.meetings.listForBoard(board.id)) {
			if (meeting.status !== 'adjusted') names.add(docName({ kind: 'voices', meetingId: meeting.id }));
			names.add(docName({ kind: 'comments', meetingId: meeting.id }));
		}
	}
	for (const name of await store.users.voicesDocsWritten(userId)) names.add(name);
	return [...names];
}

/** Removes the name in one document; false when there was nothing to change or it is sealed or gone. */
async function forget(deps: ErasureDeps, name: string, userId: string): Promise<boolean> {
	let changed = 0;
	try {
		await deps.live.changeDoc(name, null, (doc) => {
			const kind = parseDocName(name)?.kind;
			changed = kind === 'comments' ? eraseCommentAuthorName(doc, userId) : kind === 'boardVoices' ? eraseBoardVoicesAuthor(doc, userId) : eraseAuthorName(doc, userId);
		});
	} catch (error) {
		// An adjusted protocol stays exactly as adjusted (archived public record); a deleted meeting has nothing left.
		// By name too: the collab server may hold its own copy of the runtime module's classes.
		const kind = error instanceof Error ? error.name : '';
		if (error instanceof DocumentSealedError || error instanceof DocumentNotFoundError || kind === 'DocumentSealedError' || kind === 'DocumentNotFoundError') return false;
		throw error;
	}
	return changed > 0;
}
