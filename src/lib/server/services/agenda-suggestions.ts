import * as Y from 'yjs';
import { docName } from '../../domain/doc-names.js';
import { canCreateMeeting, type BoardRole } from '../../domain/roles.js';
import { addBacklogItem, carriedOrigins, postponedItems } from '../../domain/carry-over.js';
import type { Meeting, User } from '../store/types.js';
import { carryOver, isOpenForItems, type CarryDeps } from './carry-over.js';
import { answer, titleFromAsk } from './asks.js';
import { isOpen, listAsks } from '../../domain/board-voices-doc.js';
import { fail, ok, type Result } from './result.js';

/**
 * "Suggestions for the agenda" (issue 12, point 6): what a planned meeting's draft agenda is
 * offered in one place, each with "add to this meeting". Each kind of suggestion is one source in
 * SUGGESTION_SOURCES: how it lists what it has for a meeting, and how it adds one: postponed items
 * of earlier meetings, the user association's proposals (asks), and the board's backlog.
 */
export interface AgendaSuggestion {
	/** The source's kind: the form posts it back with `key`. */
	source: string;
	/** What the source needs to find the suggestion again (opaque to everyone else). */
	key: string;
	title: string;
	/** Where it comes from: the earlier meeting (title, start), or null for the backlog. */
	from: { meetingId: string; meetingTitle: string; startsAt: Date } | null;
	/** An ask's proposer, as the page names them: their name (empty once erased) and agency. */
	askedBy?: { name: string; agency: string };
}

export interface SuggestionContext {
	deps: CarryDeps;
	user: User;
	/** The meeting being planned. */
	meeting: Meeting;
	/** The board's meetings (read once for every source). */
	boardMeetings: Meeting[];
}

export interface SuggestionSource {
	kind: string;
	list(ctx: SuggestionContext): Promise<AgendaSuggestion[]>;
	/** Adds the suggestion to `ctx.meeting`'s agenda; 'error_suggestion_gone' when it is no longer on offer. */
	add(ctx: SuggestionContext, key: string, now: Date): Promise<Result<{ title: string }>>;
}

/** How many earlier meetings are looked through for postponed items (newest first). */
const EARLIER_MEETINGS = 12;

const postponed: SuggestionSource = {
	kind: 'postponed',
	async list({ deps, meeting, boardMeetings }) {
		const earlier = boardMeetings
			.filter((m) => m.id !== meeting.id && m.startsAt.getTime() < meeting.startsAt.getTime() && m.status !== 'cancelled')
			.sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime())
			.slice(0, EARLIER_MEETINGS);
		// A copy already on some agenda (or the backlog) is not offered again, even when its
		// original could not be marked (an adjusted meeting is sealed).
		// Read in place (never copied: a long meeting document costs as much to copy as to load).
		const read = await Promise.all(
			boardMeetings
				.filter((m) => m.status !== 'cancelled')
				.map((m) => deps.live.readWith([docName({ kind: 'meeting', meetingId: m.id })], ([doc]) => ({ id: m.id, origins: [...carriedOrigins(doc)], items: postponedItems(doc) })))
		);
		const taken = new Set(read.flatMap((r) => r.origins));
		for (const b of await deps.store.backlog.list(meeting.boardId)) if (b.sourceMeetingId && b.sourceItemId) taken.add(`${b.sourceMeetingId}/${b.sourceItemId}`);
		const byId = new Map(read.map((r) => [r.id, r.items]));
		return earlier
			.reverse()
			.flatMap((m) =>
				(byId.get(m.id) ?? [])
					.filter((item) => !taken.has(`${m.id}/${item.id}`))
					.map((item) => ({ source: 'postponed', key: `${m.id}/${item.id}`, title: item.title, from: { meetingId: m.id, meetingTitle: m.title, startsAt: m.startsAt } }))
			);
	},
	async add({ deps, user, meeting, boardMeetings }, key, now) {
		const [sourceId, itemId] = key.split('/');
		const source = boardMeetings.find((m) => m.id === sourceId);
		if (!source || !itemId) return fail({ _form: 'error_suggestion_gone' });
		const result = await carryOver(deps, user, source, { itemId, to: meeting.id }, now);
		if (!result.ok) return result;
		return ok({ title: result.value.title });
	}
};

const backlog: SuggestionSource = {
	kind: 'backlog',
	async list({ deps, meeting }) {
		return (await deps.store.backlog.list(meeting.boardId)).filter((b) => !b.scheduledAt && !b.removedAt).map((b) => ({ source: 'backlog', key: b.id, title: b.title, from: null }));
	},
	async add({ deps, user, meeting }, key, now) {
		const entry = await deps.store.backlog.get(key);
		if (!entry || entry.boardId !== meeting.boardId || entry.scheduledAt || entry.removedAt) return fail({ _form: 'error_suggestion_gone' });
		// Written first, then taken off the list, so a failed write (the meeting adjusted a moment
		// ago) loses nothing. Two editors adding it at once: the document takes one change at a time,
		// and the second finds the first's copy (fromBacklog) and adds nothing.
		let added = false;
		await deps.live.changeDoc(docName({ kind: 'meeting', meetingId: meeting.id }), { userId: user.id, agencyId: user.agencyId }, (doc) => {
			const agenda = doc.getMap<Y.Map<unknown>>('agenda');
			if ([...agenda.values()].some((item) => item instanceof Y.Map && item.get('fromBacklog') === entry.id)) return;
			const id = addBacklogItem(doc, { backlogId: entry.id, title: entry.title, description: entry.description });
			// The backlog row names the § it was put aside from: the copy remembers it, like a carry-over.
			if (entry.sourceMeetingId && entry.sourceItemId) agenda.get(id)?.set('carriedFrom', { meetingId: entry.sourceMeetingId, itemId: entry.sourceItemId });
			added = true;
		});
		await deps.store.backlog.schedule(entry.id, meeting.id, now);
		if (!added) return fail({ _form: 'error_suggestion_gone' });
		return ok({ title: entry.title });
	}
};

/**
 * The user association's proposals (asks for an agenda item, issue 12 point 1) still unanswered:
 * those that named no meeting, or this one. Adding one answers it as scheduled here (asks.answer),
 * so the asker sees where it went, exactly as when it is answered from the board page.
 */
const proposals: SuggestionSource = {
	kind: 'ask',
	async list({ deps, meeting }) {
		const asks = await deps.live.readWith([docName({ kind: 'boardVoices', boardId: meeting.boardId })], ([doc]) => listAsks(doc));
		return asks
			.filter((ask) => ask.kind === 'item' && isOpen(ask) && (ask.meetingId === null || ask.meetingId === meeting.id))
			.map((ask) => ({ source: 'ask', key: ask.id, title: titleFromAsk(ask.text), from: null, askedBy: { name: ask.authorName, agency: ask.agencyName } }));
	},
	async add({ deps, user, meeting }, key, now) {
		const [board, role] = await Promise.all([deps.store.boards.get(meeting.boardId), deps.store.boards.role(meeting.boardId, user.id)]);
		if (!board || !role) return fail({ _form: 'error_not_allowed' });
		const ask = (await proposals.list({ deps, user, meeting, boardMeetings: [] })).find((s) => s.key === key);
		if (!ask) return fail({ _form: 'error_suggestion_gone' });
		const answered = await answer(deps, { user, board, role }, { askId: key, outcome: 'scheduled', meetingId: meeting.id, agencyId: '', reason: '' }, now);
		if (!answered.ok) return answered.errors._form === 'asks_error_already_answered' ? fail({ _form: 'error_suggestion_gone' }) : answered;
		return ok({ title: ask.title });
	}
};

/** The sources, in the order the page shows them. */
export const SUGGESTION_SOURCES: SuggestionSource[] = [postponed, proposals, backlog];

/** May this person be offered suggestions for this meeting (editors, a meeting still planned)? */
export const offersSuggestions = (role: BoardRole | null, meeting: Meeting) => canCreateMeeting(role) && meeting.status === 'planned';

/** Every source's suggestions for the meeting (none for those who may not add them). */
export async function suggestionsFor(deps: CarryDeps, user: User, role: BoardRole | null, meeting: Meeting, sources = SUGGESTION_SOURCES): Promise<AgendaSuggestion[] | null> {
	if (!offersSuggestions(role, meeting)) return null;
	const ctx: SuggestionContext = { deps, user, meeting, boardMeetings: await deps.store.meetings.listForBoard(meeting.boardId) };
	return (await Promise.all(sources.map((s) => s.list(ctx)))).flat();
}

/** Adds one suggestion to the meeting's agenda. */
export async function addSuggestion(
	deps: CarryDeps,
	user: User,
	meeting: Meeting,
	raw: { source: string; key: string },
	now = new Date(),
	sources = SUGGESTION_SOURCES
): Promise<Result<{ title: string }>> {
	// Offered while planned; taken while the agenda is still open (a page left open as the meeting starts).
	if (!canCreateMeeting(await deps.store.boards.role(meeting.boardId, user.id))) return fail({ _form: 'error_not_allowed' });
	if (!isOpenForItems(meeting)) return fail({ _form: 'error_carry_target_closed' });
	const source = sources.find((s) => s.kind === raw.source);
	if (!source || !raw.key) return fail({ _form: 'error_suggestion_gone' });
	const ctx: SuggestionContext = { deps, user, meeting, boardMeetings: await deps.store.meetings.listForBoard(meeting.boardId) };
	return source.add(ctx, raw.key, now);
}
