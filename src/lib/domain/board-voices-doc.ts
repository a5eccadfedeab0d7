// Over 300 lines on purpose: the one definition of `board:<id>:voices` (asks, answers, feedback), its readers and the server's per-update judge, kept together so the layout and the check that guards it cannot drift apart.
import * as Y from 'yjs';
import { copyOf } from './doc-copy.js';
import type { AgencyKind } from './agencies.js';
import { newId } from './ids.js';
import type { BoardRole } from './roles.js';
import type { Author } from './voices-doc.js';

/**
 * Layout of `board:<boardId>:voices`: the user associations' voice at board level (issue 12).
 *
 *   asks      Y.Map askId → Y.Map { id, kind: 'item'|'action', text: Y.Text, meetingId|null,
 *                                   toAgencyId|null, createdAt, authorId, authorName, agencyId, agencyName,
 *                                   withdrawnAt? (set once, by the author, while unanswered) }
 *   answers   Y.Map askId → Y.Map { askId, outcome: 'scheduled'|'action'|'declined', meetingId|null,
 *                                   itemId|null, actionId|null, reason, at, authorId, authorName, … }
 *   feedback  Y.Map `${actionId}:${authorId}` → Y.Map { actionId, effect: 'worked'|'partly'|'not',
 *                                   comment: Y.Text, createdAt, authorId, authorName, agencyId, agencyName }
 *
 * Every entry names who wrote it, and the server holds it to that (`judgeBoardVoicesChange`):
 * an ask belongs to its author, an answer is written by an owner or editor, feedback by a member
 * of a user association, each under their own name as the server records it.
 *
 * An ask is open, answered, or withdrawn. Withdrawing keeps the ask (the asker and the board see
 * that it was taken back, and when) instead of removing it: removal is the owner's tidying, a
 * withdrawal is the asker's word, so only the asker may write it.
 */
export const ASK_KINDS = ['item', 'action'] as const;
export type AskKind = (typeof ASK_KINDS)[number];
export const ASK_OUTCOMES = ['scheduled', 'action', 'declined'] as const;
export type AskOutcome = (typeof ASK_OUTCOMES)[number];
export const EFFECTS = ['worked', 'partly', 'not'] as const;
export type Effect = (typeof EFFECTS)[number];

/** A short text: an ask is one or two sentences, a reason or a comment a few. */
export const ASK_TEXT_MAX = 1000;

export interface Answer {
	askId: string;
	outcome: AskOutcome;
	meetingId: string | null;
	itemId: string | null;
	actionId: string | null;
	reason: string;
	at: string;
	authorId: string;
	authorName: string;
}

export interface Ask {
	id: string;
	kind: AskKind;
	text: string;
	meetingId: string | null;
	toAgencyId: string | null;
	createdAt: string;
	authorId: string;
	authorName: string;
	agencyId: string;
	agencyName: string;
	answer: Answer | null;
	/** When the asker took it back (ISO time), or null. */
	withdrawnAt: string | null;
}

export interface Feedback {
	key: string;
	actionId: string;
	effect: Effect;
	comment: string;
	createdAt: string;
	authorId: string;
	authorName: string;
	agencyId: string;
	agencyName: string;
}

const ROOTS = ['asks', 'answers', 'feedback'] as const;
type Root = (typeof ROOTS)[number];
const root = (doc: Y.Doc, name: Root) => doc.getMap<unknown>(name);

function authored(author: Author, fields: Record<string, unknown>): Y.Map<unknown> {
	const map = new Y.Map<unknown>();
	map.set('authorId', author.id);
	map.set('authorName', author.name);
	map.set('agencyId', author.agencyId);
	map.set('agencyName', author.agencyName);
	for (const [key, value] of Object.entries(fields)) map.set(key, value);
	return map;
}

const textValue = (text: string) => new Y.Text(text.trim());

export function addAsk(
	doc: Y.Doc,
	author: Author,
	input: { kind: AskKind; text: string; meetingId?: string | null; toAgencyId?: string | null },
	at = new Date(),
	id = newId()
): string {
	root(doc, 'asks').set(
		id,
		authored(author, {
			id,
			kind: input.kind,
			text: textValue(input.text),
			meetingId: input.kind === 'item' ? (input.meetingId ?? null) : null,
			toAgencyId: input.kind === 'action' ? (input.toAgencyId ?? null) : null,
			createdAt: at.toISOString()
		})
	);
	return id;
}

export function removeAsk(doc: Y.Doc, id: string): void {
	root(doc, 'asks').delete(id);
}

/** The asker takes their ask back: it stays, marked withdrawn (see `judgeBoardVoicesChange` for who may). */
export function withdrawAsk(doc: Y.Doc, id: string, at = new Date()): void {
	const ask = root(doc, 'asks').get(id);
	if (!(ask instanceof Y.Map)) throw new Error(`no ask ${id}`);
	ask.set('withdrawnAt', at.toISOString());
}

/** Writes (or replaces) the answer to an ask, in the answering owner's or editor's name. */
export function answerAsk(
	doc: Y.Doc,
	author: Author,
	input: { askId: string; outcome: AskOutcome; meetingId?: string | null; itemId?: string | null; actionId?: string | null; reason?: string },
	at = new Date()
): void {
	root(doc, 'answers').set(
		input.askId,
		authored(author, {
			askId: input.askId,
			outcome: input.outcome,
			meetingId: input.meetingId ?? null,
			itemId: input.itemId ?? null,
			actionId: input.actionId ?? null,
			reason: (input.reason ?? '').trim(),
			at: at.toISOString()
		})
	);
}

export const feedbackKey = (actionId: string, authorId: string) => `${actionId}:${authorId}`;

/** The member's feedback on an action's effect; giving it again replaces their earlier one. */
export function giveFeedback(doc: Y.Doc, author: Author, input: { actionId: string; effect: Effect; comment: string }, at = new Date()): string {
	const key = feedbackKey(input.actionId, author.id);
	root(doc, 'feedback').set(key, authored(author, { actionId: input.actionId, effect: input.effect, comment: textValue(input.comment), createdAt: at.toISOString() }));
	return key;
}

// Read defensively: any writer's client can store any value.
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const strOrNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const textOf = (value: unknown): string => (value instanceof Y.Text || typeof value === 'string' ? value.toString() : '');
const oneOf = <T extends string>(list: readonly T[], value: unknown): T | null => ((list as readonly unknown[]).includes(value) ? (value as T) : null);
const mapEntries = (map: Y.Map<unknown>) =>
	[...(map.entries() as IterableIterator<[string, unknown]>)].filter((e): e is [string, Y.Map<unknown>] => e[1] instanceof Y.Map);

function readAnswer(askId: string, m: Y.Map<unknown>): Answer | null {
	const outcome = oneOf(ASK_OUTCOMES, m.get('outcome'));
	if (!outcome) return null;
	return {
		askId,
		outcome,
		meetingId: strOrNull(m.get('meetingId')),
		itemId: strOrNull(m.get('itemId')),
		actionId: strOrNull(m.get('actionId')),
		reason: str(m.get('reason')),
		at: str(m.get('at')),
		authorId: str(m.get('authorId')),
		authorName: str(m.get('authorName'))
	};
}

/** Every ask with its answer (if any), oldest first. */
export function listAsks(doc: Y.Doc): Ask[] {
	const answers = new Map(mapEntries(root(doc, 'answers')).map(([askId, m]) => [askId, readAnswer(askId, m)]));
	return mapEntries(root(doc, 'asks'))
		.flatMap(([id, m]): Ask[] => {
			const kind = oneOf(ASK_KINDS, m.get('kind'));
			if (!kind) return [];
			return [
				{
					id,
					kind,
					text: textOf(m.get('text')),
					meetingId: strOrNull(m.get('meetingId')),
					toAgencyId: strOrNull(m.get('toAgencyId')),
					createdAt: str(m.get('createdAt')),
					authorId: str(m.get('authorId')),
					authorName: str(m.get('authorName')),
					agencyId: str(m.get('agencyId')),
					agencyName: str(m.get('agencyName')),
					answer: answers.get(id) ?? null,
					withdrawnAt: strOrNull(m.get('withdrawnAt'))
				}
			];
		})
		.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export type AskState = 'open' | 'answered' | 'withdrawn';

/**
 * Where an ask stands. An answer wins over a withdrawal: the server refuses withdrawing an
 * answered ask, so both only meet when two people acted at the same moment, and then what was
 * already done for it (an agenda item, an action) is what the asker should see.
 */
export const askState = (ask: Pick<Ask, 'answer' | 'withdrawnAt'>): AskState => (ask.answer ? 'answered' : ask.withdrawnAt ? 'withdrawn' : 'open');
export const isOpen = (ask: Pick<Ask, 'answer' | 'withdrawnAt'>): boolean => askState(ask) === 'open';
/** May this person withdraw the ask? Only its author, and only while it is open. */
export const mayWithdraw = (ask: Pick<Ask, 'answer' | 'withdrawnAt' | 'authorId'>, userId: string): boolean => ask.authorId === userId && isOpen(ask);

/** Whole days between two moments (calendar days in UTC, never negative; 0 for an unreadable time). */
export function waitingDays(createdAt: string, now: Date): number {
	const created = Date.parse(createdAt);
	if (Number.isNaN(created) || Number.isNaN(now.getTime())) return 0;
	const day = (t: number) => Math.floor(t / 86_400_000);
	return Math.max(0, day(now.getTime()) - day(created));
}

/** How long an ask has waited: until now while open, until its answer (or its withdrawal) once closed. */
export function waitedDays(ask: Pick<Ask, 'createdAt' | 'answer'> & Partial<Pick<Ask, 'withdrawnAt'>>, now: Date): number {
	const end = ask.answer ? ask.answer.at : ask.withdrawnAt;
	return waitingDays(ask.createdAt, end ? new Date(end) : now);
}

/** What the asks services can answer with (message keys in the `asks` area). */
export const ASK_REFUSALS = [
	'asks_error_kind',
	'asks_error_text_required',
	'asks_error_text_too_long',
	'asks_error_meeting',
	'asks_error_meeting_closed',
	'asks_error_agency_required',
	'asks_error_not_allowed',
	'asks_error_not_found',
	'asks_error_already_answered',
	'asks_error_withdrawn',
	'asks_error_not_yours',
	'asks_error_outcome',
	'asks_error_reason_required',
	'asks_error_effect_required',
	'asks_error_not_user_association',
	'asks_error_action_not_done'
] as const;

/** Every feedback entry, oldest first. */
export function listFeedback(doc: Y.Doc): Feedback[] {
	return mapEntries(root(doc, 'feedback'))
		.flatMap(([key, m]): Feedback[] => {
			const effect = oneOf(EFFECTS, m.get('effect'));
			if (!effect) return [];
			return [
				{
					key,
					actionId: str(m.get('actionId')),
					effect,
					comment: textOf(m.get('comment')),
					createdAt: str(m.get('createdAt')),
					authorId: str(m.get('authorId')),
					authorName: str(m.get('authorName')),
					agencyId: str(m.get('agencyId')),
					agencyName: str(m.get('agencyName'))
				}
			];
		})
		.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.key.localeCompare(b.key));
}

/** Done actions nobody has given feedback on yet (the board follows them up). */
export function doneWithoutFeedback<T extends { id: string; status: string }>(actions: T[], feedback: Pick<Feedback, 'actionId'>[]): T[] {
	const given = new Set(feedback.map((f) => f.actionId));
	return actions.filter((a) => a.status === 'done' && !given.has(a.id));
}

/** Who may answer asks: the board's owners and editors (the people who run the meetings). */
export const mayAnswerAsks = (role: BoardRole | null): boolean => role === 'owner' || role === 'editor';
/** Who may give feedback on an action's effect: members whose agency is a user association. */
export const mayGiveFeedback = (agencyKind: AgencyKind | null | undefined): boolean => agencyKind === 'user_association';
/** Who may remove someone else's ask or feedback: the owner (like perspectives). */
const mayChangeOthers = (role: BoardRole | null): boolean => role === 'owner';

/**
 * Erasure: the person's asks, answers and feedback keep their content and lose the name, as in
 * voices-doc.ts `eraseAuthorName`. Returns how many entries it changed. Run by the server only.
 */
export function eraseBoardVoicesAuthor(doc: Y.Doc, authorId: string): number {
	let changed = 0;
	for (const name of ROOTS) {
		for (const [, entry] of mapEntries(root(doc, name))) {
			if (entry.get('authorId') !== authorId || entry.get('authorName') === '') continue;
			entry.set('authorName', '');
			changed++;
		}
	}
	return changed;
}

export type BoardVoicesVerdict = 'allowed' | 'not-author' | 'forged-identity' | 'not-answerer' | 'not-user-association' | 'invalid-entry';

export interface BoardVoicesWriter extends Author {
	role: BoardRole | null;
	agencyKind: AgencyKind | null;
}

const IDENTITY = ['authorId', 'authorName', 'agencyId', 'agencyName'] as const;
const fieldOf = (entry: unknown, key: string): unknown => (entry instanceof Y.Map ? entry.get(key) : undefined);
const sameIdentity = (a: unknown, b: unknown) => a instanceof Y.Map && b instanceof Y.Map && IDENTITY.every((key) => a.get(key) === b.get(key));
const showsWriter = (entry: unknown, writer: Author) =>
	writer.name !== '' &&
	entry instanceof Y.Map &&
	entry.get('authorId') === writer.id &&
	entry.get('authorName') === writer.name &&
	entry.get('agencyId') === writer.agencyId &&
	entry.get('agencyName') === writer.agencyName;

/**
 * May `writer` make the change `update` to a board voices document? Applies it to a copy and
 * checks every entry it touches (modelled on voices-doc.ts `judgeVoicesChange`):
 *
 * - nothing outside the three roots may change (`not-author`);
 * - answers are written, changed and removed only by owners and editors (`not-answerer`);
 * - feedback is written only by members of a user association (`not-user-association`), each
 *   under the key `${actionId}:${authorId}`; the owner may remove anyone's;
 * - asks and feedback belong to their author: only they (or the owner) change or remove them
 *   (`not-author`);
 * - a withdrawal is the asker's alone, the owner's neither (`not-author`); it is a time, set once,
 *   on an unanswered ask, and an answer is not written to a withdrawn ask (`invalid-entry`);
 * - identity (`forged-identity`, everyone): an entry written or re-attributed by this update shows
 *   exactly the writer's id, name and agency; an entry whose identity stays as it was passes.
 *
 * Pure: `doc` is not modified. With `mirror` (a copy of `doc` the caller keeps in step with
 * it), the update is tried on the mirror and left there: the caller drops the mirror unless the
 * verdict is 'allowed' (then the same update goes into `doc`, and the two are equal again).
 */
export function judgeBoardVoicesChange(doc: Y.Doc, update: Uint8Array, writer: BoardVoicesWriter, mirror?: Y.Doc): BoardVoicesVerdict {
	const copy = mirror ?? copyOf(doc);
	const detach: Array<() => void> = [];
	try {
		const touched: Array<{ root: Root; key: string }> = [];
		let foreign = false;
		const onTransaction = (tr: Y.Transaction) => {
			for (const type of tr.changed.keys()) {
				let t: Y.AbstractType<any> = type; // eslint-disable-line @typescript-eslint/no-explicit-any
				while (t._item) t = t._item.parent as Y.AbstractType<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
				const name = [...copy.share.entries()].find(([, v]) => v === t)?.[0];
				if (!name || !(ROOTS as readonly string[]).includes(name)) foreign = true;
			}
		};
		copy.on('afterTransaction', onTransaction);
		detach.push(() => copy.off('afterTransaction', onTransaction));
		for (const name of ROOTS) {
			const map = copy.getMap<unknown>(name);
			const observer = (events: Array<Y.YEvent<any>>) => { // eslint-disable-line @typescript-eslint/no-explicit-any
				for (const event of events) {
					if (event.target === map) for (const key of event.keys.keys()) touched.push({ root: name, key });
					else touched.push({ root: name, key: String(event.path[0]) });
				}
			};
			map.observeDeep(observer);
			detach.push(() => map.unobserveDeep(observer));
		}
		Y.applyUpdate(copy, update);
		if (foreign) return 'not-author';
		const entries = touched.map(({ root: name, key }) => ({ root: name, key, was: root(doc, name).get(key), now: root(copy, name).get(key) }));
		if (entries.some((e) => e.root === 'answers') && !mayAnswerAsks(writer.role)) return 'not-answerer';
		if (entries.some((e) => e.root === 'feedback' && e.now !== undefined) && !mayGiveFeedback(writer.agencyKind)) return 'not-user-association';
		const authoredOk = entries.every(({ root: name, was, now }) => {
			if (name === 'answers' || mayChangeOthers(writer.role)) return true;
			if (was !== undefined && fieldOf(was, 'authorId') !== writer.id) return false;
			if (now !== undefined && fieldOf(now, 'authorId') !== writer.id) return false;
			return true;
		});
		if (!authoredOk) return 'not-author';
		const withdrawal = withdrawalVerdict(entries, copy, writer);
		if (withdrawal !== 'allowed') return withdrawal;
		const honest = entries.every(({ root: name, key, was, now }) => {
			if (now === undefined) return true; // removed
			if (name === 'feedback' && key !== feedbackKey(str(fieldOf(now, 'actionId')), str(fieldOf(now, 'authorId')))) return false;
			if (name === 'answers' && fieldOf(now, 'askId') !== key) return false;
			if (sameIdentity(was, now)) return true;
			// An answer may be rewritten by another owner or editor, under their own name.
			const ownedBefore = name === 'answers' || !(was instanceof Y.Map) || was.get('authorId') === writer.id;
			return showsWriter(now, writer) && ownedBefore;
		});
		return honest ? 'allowed' : 'forged-identity';
	} catch {
		return 'not-author';
	} finally {
		if (mirror) for (const undo of detach) undo();
		else copy.destroy();
	}
}

type Touched = { root: Root; key: string; was: unknown; now: unknown };

/** The withdrawal rules of `judgeBoardVoicesChange`, for the entries an update touched. */
function withdrawalVerdict(entries: Touched[], copy: Y.Doc, writer: BoardVoicesWriter): BoardVoicesVerdict {
	for (const { root: name, key, was, now } of entries) {
		if (now === undefined) continue; // removed: the removal rules apply
		if (name === 'asks' && fieldOf(was, 'withdrawnAt') !== fieldOf(now, 'withdrawnAt')) {
			if (fieldOf(now, 'authorId') !== writer.id) return 'not-author';
			const at = fieldOf(now, 'withdrawnAt');
			// Set once: never cleared or moved (an ask taken back stays taken back), never once answered.
			if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || fieldOf(was, 'withdrawnAt') !== undefined) return 'invalid-entry';
			if (root(copy, 'answers').has(key)) return 'invalid-entry';
		}
		if (name === 'answers' && was === undefined && fieldOf(root(copy, 'asks').get(key), 'withdrawnAt') !== undefined) return 'invalid-entry';
	}
	return 'allowed';
}
