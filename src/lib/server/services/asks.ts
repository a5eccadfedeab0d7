// Over 300 lines on purpose: every service verb of the asks (propose, answer three ways, withdraw, feedback) and the two page views that read them, sharing one set of guards and the board-voices write path; splitting by verb would repeat those guards.
import * as Y from 'yjs';
import { emitWebhookEvent } from '../webhooks/emit.js';
import { createAction, listActions } from '../../domain/board-doc.js';
import {
	ASK_KINDS,
	ASK_OUTCOMES,
	ASK_TEXT_MAX,
	EFFECTS,
	addAsk,
	answerAsk,
	doneWithoutFeedback,
	giveFeedback,
	isOpen,
	listAsks,
	listFeedback,
	mayAnswerAsks,
	mayGiveFeedback,
	waitedDays,
	withdrawAsk,
	type Ask,
	type AskKind,
	type AskOutcome,
	type Effect
} from '../../domain/board-voices-doc.js';
import { docName } from '../../domain/doc-names.js';
import { addAgendaItem, listAgenda } from '../../domain/meeting-doc.js';
import type { BoardRole } from '../../domain/roles.js';
import type { Author } from '../../domain/voices-doc.js';
import { DocumentSealedError, type LiveDocs, type LiveDocWriter } from '../runtime.js';
import type { Board, Meeting, Store, User } from '../store/types.js';
import { fail, ok, type Result } from './result.js';

/**
 * Asks, answers and feedback on effects (issue 12): the user associations' voice at board level,
 * in `board:<id>:voices`. Every write goes through the collab server's write path in the name of
 * the person who made it, so it reaches everyone on the board at once and is stored like any
 * update; this service checks who may write what first (the server's policy holds socket writers
 * to the same rules, board-voices-doc.ts `judgeBoardVoicesChange`).
 */
export interface AsksDeps {
	store: Pick<Store, 'agencies' | 'meetings' | 'boards' | 'webhooks'>;
	live: LiveDocs & LiveDocWriter;
}
export interface BoardAccess {
	user: User;
	board: Board;
	role: BoardRole;
}

/** An agenda item's title is short; a longer ask is cut at a word and its whole text kept in the answer's link. */
const ITEM_TITLE_MAX = 200;

const voicesName = (boardId: string) => docName({ kind: 'boardVoices', boardId });
const boardName = (boardId: string) => docName({ kind: 'board', boardId });

/** A meeting asks can be scheduled in: this board's, not yet held. */
const isComing = (meeting: Meeting) => meeting.status === 'planned' || meeting.status === 'in_progress';

async function authorOf(deps: AsksDeps, user: User): Promise<Author & { agencyKind: string | null }> {
	const agency = await deps.store.agencies.get(user.agencyId);
	return { id: user.id, name: user.displayName, agencyId: user.agencyId, agencyName: agency?.name ?? '', agencyKind: agency?.kind ?? null };
}

async function readDoc<T>(deps: Pick<AsksDeps, 'live'>, name: string, read: (doc: Y.Doc) => T): Promise<T> {
	// Read in place, not copied: a copy of a long meeting document costs as much as loading it.
	return deps.live.readWith([name], ([doc]) => read(doc));
}

export interface AskView extends Ask {
	waitingDays: number;
}

/** What the board page shows of asks and effects: every ask with its answer, and what the board follows up. */
export async function asksPage(deps: AsksDeps, access: BoardAccess, now = new Date()) {
	const boardId = access.board.id;
	const [{ asks, feedback }, actions, meetings, me] = await Promise.all([
		readDoc(deps, voicesName(boardId), (doc) => ({ asks: listAsks(doc), feedback: listFeedback(doc) })),
		readDoc(deps, boardName(boardId), listActions),
		deps.store.meetings.listForBoard(boardId),
		authorOf(deps, access.user)
	]);
	const views: AskView[] = asks.map((ask) => ({ ...ask, waitingDays: waitedDays(ask, now) }));
	return {
		asks: views,
		feedback,
		doneWithoutFeedback: doneWithoutFeedback(actions, feedback).map((a) => ({ id: a.id, title: a.title })),
		comingMeetings: meetings
			.filter(isComing)
			.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
			.map((m) => ({ id: m.id, title: m.title, startsAt: m.startsAt })),
		meetingTitles: Object.fromEntries(meetings.map((m) => [m.id, m.title])),
		mayAnswer: mayAnswerAsks(access.role),
		mayGiveFeedback: mayGiveFeedback(me.agencyKind as never),
		userId: access.user.id
	};
}

const oneOf = <T extends string>(list: readonly T[], value: string): T | null => ((list as readonly string[]).includes(value) ? (value as T) : null);

async function comingMeeting(deps: AsksDeps, boardId: string, meetingId: string): Promise<Meeting | null> {
	if (!meetingId) return null;
	const meeting = await deps.store.meetings.get(meetingId);
	return meeting && meeting.boardId === boardId && isComing(meeting) ? meeting : null;
}

/** A member (any role) asks for an agenda item or an action; the ask is theirs. */
export async function propose(
	deps: AsksDeps,
	access: BoardAccess,
	form: { kind: string; text: string; meetingId: string; toAgencyId: string },
	now = new Date()
): Promise<Result<{ id: string }>> {
	const kind = oneOf(ASK_KINDS, form.kind);
	const text = form.text.trim();
	const errors: Record<string, 'asks_error_kind' | 'asks_error_text_required' | 'asks_error_text_too_long' | 'asks_error_meeting' | 'asks_error_agency_required'> = {};
	if (!kind) errors.kind = 'asks_error_kind';
	if (!text) errors.text = 'asks_error_text_required';
	else if (text.length > ASK_TEXT_MAX) errors.text = 'asks_error_text_too_long';
	if (kind === 'item' && form.meetingId && !(await comingMeeting(deps, access.board.id, form.meetingId))) errors.meetingId = 'asks_error_meeting';
	if (kind === 'action' && !(form.toAgencyId && (await deps.store.agencies.get(form.toAgencyId)))) errors.toAgencyId = 'asks_error_agency_required';
	if (Object.keys(errors).length || !kind) return fail(errors, { max: ASK_TEXT_MAX });
	const author = await authorOf(deps, access.user);
	let id = '';
	await deps.live.changeDoc(voicesName(access.board.id), { userId: author.id, agencyId: author.agencyId }, (doc) => {
		id = addAsk(doc, author, { kind: kind as AskKind, text, meetingId: form.meetingId || null, toAgencyId: form.toAgencyId || null }, now);
	});
	return ok({ id });
}

/** A title for an agenda item or an action made from an ask: its first line, cut at a word. */
export function titleFromAsk(text: string, max = ITEM_TITLE_MAX): string {
	const line = text.trim().split('\n')[0].trim();
	if (line.length <= max) return line;
	const cut = line.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export type AnswerForm = { askId: string; outcome: string; meetingId: string; agencyId: string; reason: string };
type AnswerError =
	| 'asks_error_not_allowed'
	| 'asks_error_not_found'
	| 'asks_error_already_answered'
	| 'asks_error_withdrawn'
	| 'asks_error_outcome'
	| 'asks_error_meeting'
	| 'asks_error_agency_required'
	| 'asks_error_reason_required'
	| 'asks_error_text_too_long'
	| 'asks_error_meeting_closed';

/**
 * An owner or editor answers an open ask: schedules it as a new agenda item of a coming meeting,
 * turns it into an action of a named agency (raised by the asker's agency), or declines it with a
 * reason. The item or action is written first, then the answer that links to it.
 */
export async function answer(
	deps: AsksDeps,
	access: BoardAccess,
	form: AnswerForm,
	now = new Date()
): Promise<
	Result<{
		outcome: AskOutcome;
		meetingId: string | null;
		itemId: string | null;
		actionId: string | null;
		/** The § the new item got, the agency the action is for: what the asker is told (services/mail.ts `askAnswered`). */
		number: number | null;
		agencyId: string | null;
		reason: string;
		ask: { id: string; authorId: string; text: string };
	}>
> {
	const no = (field: string, key: AnswerError) => fail({ [field]: key }, { max: ASK_TEXT_MAX });
	if (!mayAnswerAsks(access.role)) return no('_form', 'asks_error_not_allowed');
	const boardId = access.board.id;
	const ask = (await readDoc(deps, voicesName(boardId), listAsks)).find((a) => a.id === form.askId);
	if (!ask) return no('_form', 'asks_error_not_found');
	if (ask.answer) return no('_form', 'asks_error_already_answered');
	if (!isOpen(ask)) return no('_form', 'asks_error_withdrawn');
	const outcome = oneOf(ASK_OUTCOMES, form.outcome);
	if (!outcome) return no('outcome', 'asks_error_outcome');
	const author = await authorOf(deps, access.user);
	const changeAuthor = { userId: author.id, agencyId: author.agencyId };
	let meetingId: string | null = null;
	let itemId: string | null = null;
	let actionId: string | null = null;
	let number: number | null = null;
	let actionAgencyId: string | null = null;
	const reason = form.reason.trim();
	if (reason.length > ASK_TEXT_MAX) return no('reason', 'asks_error_text_too_long');

	if (outcome === 'scheduled') {
		const meeting = await comingMeeting(deps, boardId, form.meetingId || ask.meetingId || '');
		if (!meeting) return no('meetingId', 'asks_error_meeting');
		meetingId = meeting.id;
		try {
			await deps.live.changeDoc(docName({ kind: 'meeting', meetingId }), changeAuthor, (doc) => {
				itemId = addAgendaItem(doc, { title: titleFromAsk(ask.text), presenterAgencyId: ask.agencyId || null });
				number = listAgenda(doc).find((item) => item.id === itemId)?.number ?? null;
			});
		} catch (error) {
			if (error instanceof DocumentSealedError || (error as Error)?.name === 'DocumentSealedError') return no('meetingId', 'asks_error_meeting_closed');
			throw error;
		}
	} else if (outcome === 'action') {
		const agencyId = form.agencyId || ask.toAgencyId || '';
		if (!agencyId || !(await deps.store.agencies.get(agencyId))) return no('agencyId', 'asks_error_agency_required');
		actionAgencyId = agencyId;
		await deps.live.changeDoc(boardName(boardId), changeAuthor, (doc) => {
			actionId = createAction(
				doc,
				{
					title: titleFromAsk(ask.text),
					description: ask.text.trim() === titleFromAsk(ask.text) ? '' : ask.text,
					agencyId,
					// Owed to the asker's agency: "owed to my agency" then finds it for the association.
					raisedByAgencyId: ask.agencyId || author.agencyId,
					createdBy: author.id
				},
				now
			);
		});
	} else if (!reason) {
		return no('reason', 'asks_error_reason_required');
	}

	await deps.live.changeDoc(voicesName(boardId), changeAuthor, (doc) => {
		answerAsk(doc, author, { askId: ask.id, outcome, meetingId, itemId, actionId, reason }, now);
	});
	// Issue 15: ids and the outcome only (the ask's words and the reason stay on the board).
	await emitWebhookEvent(deps.store, 'ask.answered', { boardId, askId: ask.id, outcome, meetingId, itemId, actionId, agencyId: actionAgencyId }, { at: now });
	return ok({ outcome, meetingId, itemId, actionId, number, agencyId: actionAgencyId, reason: outcome === 'declined' ? reason : '', ask: { id: ask.id, authorId: ask.authorId, text: ask.text } });
}

/**
 * The asker takes their open ask back. It stays on the board, marked withdrawn: it leaves the open
 * asks and the draft agenda's suggestions. Checked again on the live document as it is written,
 * so an answer given a moment earlier wins.
 */
export async function withdraw(deps: AsksDeps, access: BoardAccess, form: { askId: string }, now = new Date()): Promise<Result<{ id: string }>> {
	type WithdrawError = 'asks_error_not_found' | 'asks_error_not_yours' | 'asks_error_already_answered' | 'asks_error_withdrawn';
	const refusal = (ask: Ask | undefined): WithdrawError | null => {
		if (!ask) return 'asks_error_not_found';
		if (ask.authorId !== access.user.id) return 'asks_error_not_yours';
		if (ask.answer) return 'asks_error_already_answered';
		if (ask.withdrawnAt) return 'asks_error_withdrawn';
		return null;
	};
	const name = voicesName(access.board.id);
	const before = refusal((await readDoc(deps, name, listAsks)).find((a) => a.id === form.askId));
	if (before) return fail({ _form: before });
	let late: WithdrawError | null = null;
	await deps.live.changeDoc(name, { userId: access.user.id, agencyId: access.user.agencyId }, (doc) => {
		late = refusal(listAsks(doc).find((a) => a.id === form.askId));
		if (!late) withdrawAsk(doc, form.askId, now);
	});
	if (late) return fail({ _form: late });
	return ok({ id: form.askId });
}

/** The § number an answer's agenda item has now (it moves if the agenda is reordered); null if gone. */
export async function itemNumbers(deps: AsksDeps, asks: Ask[]): Promise<Record<string, number>> {
	const numbers: Record<string, number> = {};
	const meetings = new Set(asks.flatMap((a) => (a.answer?.outcome === 'scheduled' && a.answer.meetingId ? [a.answer.meetingId] : [])));
	for (const meetingId of meetings) {
		const agenda = await readDoc(deps, docName({ kind: 'meeting', meetingId }), listAgenda);
		for (const item of agenda) numbers[item.id] = item.number;
	}
	return numbers;
}

export interface MeetingAsk {
	askId: string;
	text: string;
	authorName: string;
	agencyName: string;
	/** The agenda item it became, and its § number now; null when the item is no longer on the agenda. */
	itemId: string | null;
	number: number | null;
}

/**
 * What the meeting page shows of asks (issue 12): the asks scheduled on this meeting, each with
 * its § (in agenda order), and, while the meeting is still planned, how many proposals of an
 * agenda item wait for an answer (for no meeting in particular, or this one). Every member reads it.
 */
export async function meetingAsks(deps: Pick<AsksDeps, 'live'>, meeting: Meeting): Promise<{ scheduled: MeetingAsk[]; waiting: number | null }> {
	const [asks, agenda] = await Promise.all([
		readDoc(deps, voicesName(meeting.boardId), listAsks),
		readDoc(deps, docName({ kind: 'meeting', meetingId: meeting.id }), listAgenda)
	]);
	const numbers = new Map(agenda.map((item) => [item.id, item.number]));
	const scheduled = asks
		.filter((ask) => ask.answer?.outcome === 'scheduled' && ask.answer.meetingId === meeting.id)
		.map((ask): MeetingAsk => {
			const number = (ask.answer?.itemId && numbers.get(ask.answer.itemId)) || null;
			return { askId: ask.id, text: ask.text, authorName: ask.authorName, agencyName: ask.agencyName, itemId: number ? ask.answer!.itemId : null, number };
		})
		.sort((a, b) => (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER));
	const waiting =
		meeting.status === 'planned' ? asks.filter((ask) => ask.kind === 'item' && isOpen(ask) && (ask.meetingId === null || ask.meetingId === meeting.id)).length : null;
	return { scheduled, waiting };
}

/** A member of a user association says how a done action worked, with a comment. */
export async function feedback(
	deps: AsksDeps,
	access: BoardAccess,
	form: { actionId: string; effect: string; comment: string },
	now = new Date()
): Promise<Result<{ key: string }>> {
	const author = await authorOf(deps, access.user);
	if (!mayGiveFeedback(author.agencyKind as never)) return fail({ _form: 'asks_error_not_user_association' });
	const action = (await readDoc(deps, boardName(access.board.id), listActions)).find((a) => a.id === form.actionId);
	if (!action) return fail({ _form: 'asks_error_not_found' });
	if (action.status !== 'done') return fail({ _form: 'asks_error_action_not_done' });
	const effect = oneOf(EFFECTS, form.effect);
	const comment = form.comment.trim();
	if (!effect) return fail({ effect: 'asks_error_effect_required' });
	if (comment.length > ASK_TEXT_MAX) return fail({ comment: 'asks_error_text_too_long' }, { max: ASK_TEXT_MAX });
	let key = '';
	await deps.live.changeDoc(voicesName(access.board.id), { userId: author.id, agencyId: author.agencyId }, (doc) => {
		key = giveFeedback(doc, author, { actionId: action.id, effect: effect as Effect, comment }, now);
	});
	return ok({ key });
}

/** The feedback on a board's actions, for the register (action-register.ts `FeedbackReader`). */
export function feedbackReader(live: LiveDocs): (boardId: string) => Promise<Array<{ actionId: string; effect: Effect; comment: string; authorName: string; agencyName: string }>> {
	return async (boardId) => {
		const doc = await live.readDoc(voicesName(boardId));
		try {
			return listFeedback(doc).map(({ actionId, effect, comment, authorName, agencyName }) => ({ actionId, effect, comment, authorName, agencyName }));
		} finally {
			doc.destroy();
		}
	};
}
