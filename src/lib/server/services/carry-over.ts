import type * as Y from 'yjs';
import { docName } from '../../domain/doc-names.js';
import { canCreateMeeting } from '../../domain/roles.js';
import { newId } from '../../domain/ids.js';
import { OPEN_FOR_ITEMS, carriedOrigins, carriedTo, carryRefusal, copyItemInto, markCarried, minutesText, type CarryMark } from '../../domain/carry-over.js';
import { listAgenda } from '../../domain/meeting-doc.js';
import { DocumentSealedError, type LiveDocWriter, type LiveDocs } from '../runtime.js';
import type { Meeting, Store, User } from '../store/types.js';
import { fail, ok, type Result } from './result.js';

/**
 * Carrying a postponed § over (issue 12, point 6), on the server, through the collab server's
 * write path (LiveDocWriter.changeDoc) in the acting editor's name: first the copy in the target
 * (or the backlog row), then the mark on the original. An adjusted meeting's documents are a
 * sealed record: its postponed items can still be carried (the copy is made), but the original
 * keeps plain 'postponed' and the person is told so (`sourceMarked: false`).
 */
export type CarryDeps = { store: Store; live: LiveDocs & LiveDocWriter };

export type CarryOutcome = { title: string; sourceMarked: boolean } & ({ to: 'meeting'; meeting: { id: string; title: string }; itemId: string } | { to: 'backlog'; backlogId: string });

const MAX_DESCRIPTION = 20_000;

export const isOpenForItems = (meeting: Pick<Meeting, 'status'>) => (OPEN_FOR_ITEMS as readonly string[]).includes(meeting.status);

/** The board's next meeting after `meeting` that can still take items (soonest first), or null. */
export async function nextMeeting(store: Pick<Store, 'meetings'>, meeting: Meeting): Promise<Meeting | null> {
	const later = (await store.meetings.listForBoard(meeting.boardId))
		.filter((m) => m.id !== meeting.id && m.startsAt.getTime() > meeting.startsAt.getTime() && isOpenForItems(m))
		.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
	return later[0] ?? null;
}

/** What the source meeting's page offers for its postponed items (editors; null: nothing). */
export async function carryTargets(store: Pick<Store, 'meetings'>, role: Parameters<typeof canCreateMeeting>[0], meeting: Meeting) {
	if (!canCreateMeeting(role) || meeting.status === 'cancelled') return null;
	const next = await nextMeeting(store, meeting);
	return { next: next && { id: next.id, title: next.title, startsAt: next.startsAt }, sealed: meeting.status === 'adjusted' };
}

/**
 * Carries § `itemId` of `source` to `to`: 'next' (the board's next meeting), a meeting id of the
 * same board, or 'backlog'.
 */
export async function carryOver(deps: CarryDeps, user: User, source: Meeting, raw: { itemId: string; to: string }, now = new Date()): Promise<Result<CarryOutcome>> {
	if (!canCreateMeeting(await deps.store.boards.role(source.boardId, user.id))) return fail({ _form: 'error_not_allowed' });
	const sourceName = docName({ kind: 'meeting', meetingId: source.id });
	const sourceDoc = await deps.live.readDoc(sourceName);
	try {
		const refusal = carryRefusal(sourceDoc, raw.itemId);
		if (refusal) return fail({ _form: refusal });
		// An adjusted meeting's items carry no mark: what was put on the backlog is found there.
		const onBacklog = (await deps.store.backlog.list(source.boardId)).some((b) => b.sourceMeetingId === source.id && b.sourceItemId === raw.itemId);
		if (onBacklog) return fail({ _form: 'error_carry_already' });
		const author = { userId: user.id, agencyId: user.agencyId };
		const title = listAgenda(sourceDoc).find((i) => i.id === raw.itemId)!.title || '—';
		if (raw.to === 'backlog') {
			const backlogId = newId();
			await deps.store.backlog.add({
				id: backlogId,
				boardId: source.boardId,
				title: title.slice(0, 160),
				description: minutesText(sourceDoc, raw.itemId).slice(0, MAX_DESCRIPTION),
				sourceMeetingId: source.id,
				sourceItemId: raw.itemId,
				createdBy: user.id,
				createdAt: now
			});
			const sourceMarked = await mark(deps, source, raw.itemId, author, { kind: 'backlog', backlogId, at: now.toISOString() });
			return ok({ to: 'backlog', backlogId, sourceMarked, title });
		}
		const target = raw.to === 'next' ? await nextMeeting(deps.store, source) : await deps.store.meetings.get(raw.to);
		if (!target || target.boardId !== source.boardId || target.id === source.id) return fail({ _form: 'error_carry_no_target' });
		if (!isOpenForItems(target)) return fail({ _form: 'error_carry_target_closed' });
		let itemId: string | null;
		try {
			itemId = await copyTo(deps, target, sourceDoc, { meetingId: source.id, itemId: raw.itemId }, author);
		} catch (error) {
			// Adjusted between the check above and the copy.
			if (error instanceof DocumentSealedError) return fail({ _form: 'error_carry_target_closed' });
			throw error;
		}
		if (!itemId) return fail({ _form: 'error_carry_already' });
		const sourceMarked = await mark(deps, source, raw.itemId, author, { kind: 'meeting', meetingId: target.id, itemId, at: now.toISOString() });
		return ok({ to: 'meeting', meeting: { id: target.id, title: target.title }, itemId, sourceMarked, title });
	} finally {
		sourceDoc.destroy();
	}
}

/**
 * Copies the item into the target's live document; its new id, or null when the target already
 * holds a copy of it (a second click, or another editor a moment earlier). Throws
 * DocumentSealedError if the target was adjusted meanwhile.
 */
export async function copyTo(deps: CarryDeps, target: Meeting, sourceDoc: Y.Doc, origin: { meetingId: string; itemId: string }, author: { userId: string; agencyId: string }): Promise<string | null> {
	const id = newId();
	let copied = false;
	await deps.live.changeDoc(docName({ kind: 'meeting', meetingId: target.id }), author, (doc) => {
		if (carriedOrigins(doc).has(`${origin.meetingId}/${origin.itemId}`)) return;
		copyItemInto(doc, sourceDoc, origin.itemId, origin, id);
		copied = true;
	});
	return copied ? id : null;
}

/** The mark on the original; false when its meeting is adjusted (sealed: it stays as it was). */
async function mark(deps: CarryDeps, source: Meeting, itemId: string, author: { userId: string; agencyId: string }, carry: CarryMark): Promise<boolean> {
	if (source.status === 'adjusted') return false;
	try {
		await deps.live.changeDoc(docName({ kind: 'meeting', meetingId: source.id }), author, (doc) => {
			if (!carriedTo(doc, itemId)) markCarried(doc, itemId, carry);
		});
		return true;
	} catch (error) {
		if (error instanceof DocumentSealedError) return false;
		throw error;
	}
}
