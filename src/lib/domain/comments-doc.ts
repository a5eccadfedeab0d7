// Over 300 lines on purpose: the one definition of `meeting:<id>:comments` (threads, comments, edits and withdrawals, resolutions), its readers and the server's per-update judge, kept together so the layout and the check that guards it cannot drift apart.
import * as Y from 'yjs';
import { copyOf } from './doc-copy.js';
import { newId } from './ids.js';
import type { Author } from './voices-doc.js';

/**
 * Layout of `meeting:<id>:comments`: members' remarks on the minutes, kept out of the minutes and
 * out of the protocol (the protocol renderer reads only the meeting and voices documents).
 *
 *   threads   Y.Map  threadId → Y.Map { id, itemId, anchor: CommentAnchor (a JSON value), quote,
 *                                        createdAt, authorId, authorName, agencyId, agencyName,
 *                                        resolved?: Resolution (a JSON value) }
 *   comments  Y.Map  commentId → Y.Map { id, threadId, text: Y.Text, createdAt, editedAt?,
 *                                         authorId, authorName, agencyId, agencyName }
 *
 * A thread's first comment is the remark that opened it; replies are further comments. Every
 * entry names its author and only its author changes it (the owner may remove anything, as with
 * voices); resolving and reopening a thread is for the board's owners and editors. The server
 * holds every update to that with `judgeCommentsChange` before applying it.
 *
 * An author edits a comment in place (`editComment`, which stamps `editedAt` so readers see it was
 * changed) and takes it back with `withdrawComment`: a comment replies still follow keeps its
 * place with its text emptied (shown as "removed", so the replies keep their sense); any other
 * goes. A comment is never posted empty (the forms refuse it), so an empty text means withdrawn.
 */

/** Where a thread is anchored: a passage of a §'s minutes or of the other notes, or a decision. */
export type CommentAnchor =
	| { kind: 'minutes' | 'notes'; start: string; end: string }
	| { kind: 'decision'; decisionId: string };

export interface Resolution {
	byId: string;
	byName: string;
	at: string;
}

export interface CommentEntry {
	id: string;
	threadId: string;
	authorId: string;
	authorName: string;
	agencyId: string;
	agencyName: string;
	text: string;
	createdAt: string;
	/** When its author last changed the text; null when never. */
	editedAt: string | null;
	/** Withdrawn by its author while replies follow it: kept as a mark in its place, its text gone. */
	removed: boolean;
}

export interface Thread {
	id: string;
	/** The agenda item ('' for the meeting's other notes). */
	itemId: string;
	anchor: CommentAnchor | null;
	quote: string;
	authorId: string;
	authorName: string;
	agencyId: string;
	agencyName: string;
	createdAt: string;
	resolved: Resolution | null;
	/** Oldest first; the first one opened the thread (it may be a withdrawn one's mark). */
	comments: CommentEntry[];
}

/** Longest comment a person may write (a remark, not a text of its own). */
export const MAX_COMMENT_LENGTH = 2000;
/** The quoted passage is a reminder of what was commented, not a copy of the minutes. */
export const MAX_QUOTE_LENGTH = 200;
/** An encoded relative position is a few dozen bytes; anything longer is not one. */
const MAX_ANCHOR_LENGTH = 200;

const ROOTS = ['threads', 'comments'] as const;
const threadsOf = (doc: Y.Doc) => doc.getMap<unknown>('threads');
const commentsOf = (doc: Y.Doc) => doc.getMap<unknown>('comments');
const IDENTITY = ['authorId', 'authorName', 'agencyId', 'agencyName'] as const;

function authored(author: Author, fields: Record<string, unknown>): Y.Map<unknown> {
	const map = new Y.Map<unknown>();
	map.set('authorId', author.id);
	map.set('authorName', author.name);
	map.set('agencyId', author.agencyId);
	map.set('agencyName', author.agencyName);
	for (const [key, value] of Object.entries(fields)) map.set(key, value);
	return map;
}

/** The quote stored with a thread: whitespace folded, cut to MAX_QUOTE_LENGTH with an ellipsis. */
export function quoteOf(passage: string): string {
	const text = passage.replace(/\s+/g, ' ').trim();
	return text.length <= MAX_QUOTE_LENGTH ? text : `${text.slice(0, MAX_QUOTE_LENGTH - 1)}…`;
}

/** Opens a thread with its first comment; returns the thread's id. */
export function addThread(
	doc: Y.Doc,
	author: Author,
	fields: { itemId: string; anchor: CommentAnchor; quote: string; text: string },
	at = new Date(),
	id = newId()
): string {
	doc.transact(() => {
		threadsOf(doc).set(id, authored(author, { id, itemId: fields.itemId, anchor: fields.anchor, quote: quoteOf(fields.quote), createdAt: at.toISOString() }));
		addComment(doc, id, author, fields.text, at);
	});
	return id;
}

/** Adds a comment (a reply, or a thread's first) to a thread; returns its id. */
export function addComment(doc: Y.Doc, threadId: string, author: Author, text: string, at = new Date(), id = newId()): string {
	const body = new Y.Text();
	body.insert(0, text.trim());
	commentsOf(doc).set(id, authored(author, { id, threadId, text: body, createdAt: at.toISOString() }));
	return id;
}

/** Marks a thread resolved (by an owner or editor; the server checks the role) or, with null, reopens it. */
export function setResolved(doc: Y.Doc, threadId: string, by: { id: string; name: string } | null, at = new Date()): void {
	const thread = threadsOf(doc).get(threadId);
	if (!(thread instanceof Y.Map)) return;
	if (by) thread.set('resolved', { byId: by.id, byName: by.name, at: at.toISOString() } satisfies Resolution);
	else thread.delete('resolved');
}

/** Removes a comment outright (the owner's moderation; an author withdraws with `withdrawComment`). */
export function removeComment(doc: Y.Doc, commentId: string): void {
	commentsOf(doc).delete(commentId);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * Changes a comment's text to `text` (trimmed) and stamps `editedAt`; its author's, which the
 * server checks. Only the part that differs is replaced, so an edit made at the same moment on the
 * author's other device merges instead of doubling the text. Nothing happens when the text is the
 * same, or the comment is gone.
 */
export function editComment(doc: Y.Doc, commentId: string, text: string, at = new Date()): void {
	const entry = commentsOf(doc).get(commentId);
	const body = fieldOf(entry, 'text');
	if (!(entry instanceof Y.Map) || !(body instanceof Y.Text)) return;
	const was = body.toString();
	const next = text.trim();
	if (next === was) return;
	let start = 0;
	while (start < was.length && start < next.length && was[start] === next[start]) start++;
	let end = 0;
	while (end < was.length - start && end < next.length - start && was[was.length - 1 - end] === next[next.length - 1 - end]) end++;
	// Never cut a character made of two code units (an emoji): Yjs would store half of it as U+FFFD.
	if (start > 0 && isHighSurrogate(was.charCodeAt(start - 1))) start--;
	if (end > 0 && isLowSurrogate(was.charCodeAt(was.length - end))) end--;
	doc.transact(() => {
		body.delete(start, was.length - start - end);
		body.insert(start, next.slice(start, next.length - end));
		entry.set('editedAt', at.toISOString());
	});
}

/**
 * The author takes back their comment. While a reply that is still shown follows it, it stays as a
 * mark ("the comment was removed") with its text emptied, so those replies keep their sense;
 * otherwise it goes. A thread left with nothing to show goes with it when all that is left of it
 * is `writerId`'s own (another person's mark is not theirs to remove; such a thread is hidden).
 */
export function withdrawComment(doc: Y.Doc, commentId: string, writerId: string): void {
	const comments = commentsOf(doc);
	const entry = comments.get(commentId);
	if (!(entry instanceof Y.Map)) return;
	const threadId = str(entry.get('threadId'));
	const inThread = mapEntries(comments)
		.filter(([, m]) => m.get('threadId') === threadId)
		.map(([id, m]) => ({ id, m, createdAt: str(m.get('createdAt')), shown: textOf(m.get('text')).trim() !== '' }))
		.sort(byTime);
	const at = inThread.findIndex((c) => c.id === commentId);
	doc.transact(() => {
		if (inThread.slice(at + 1).some((c) => c.shown)) {
			const body = entry.get('text');
			if (body instanceof Y.Text) body.delete(0, body.length);
			return;
		}
		comments.delete(commentId);
		const left = inThread.filter((c) => c.id !== commentId);
		const thread = threadsOf(doc).get(threadId);
		const allMine = [...left.map((c) => c.m), ...(thread instanceof Y.Map ? [thread] : [])].every((m) => m.get('authorId') === writerId);
		if (left.some((c) => c.shown) || !allMine) return;
		for (const c of left) comments.delete(c.id);
		threadsOf(doc).delete(threadId);
	});
}

// Any member can store any value: readers salvage what they can and leave out what is not an entry,
// so one bad value cannot break the meeting page for everyone.
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const textOf = (value: unknown): string => (value instanceof Y.Text || typeof value === 'string' ? value.toString() : '');
const mapEntries = (map: Y.Map<unknown>) => [...(map.entries() as IterableIterator<[string, unknown]>)].filter((e): e is [string, Y.Map<unknown>] => e[1] instanceof Y.Map);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function readAnchor(value: unknown): CommentAnchor | null {
	if (!isRecord(value)) return null;
	if (value.kind === 'decision') return typeof value.decisionId === 'string' ? { kind: 'decision', decisionId: value.decisionId } : null;
	if ((value.kind === 'minutes' || value.kind === 'notes') && typeof value.start === 'string' && typeof value.end === 'string')
		return { kind: value.kind, start: value.start, end: value.end };
	return null;
}

function readResolution(value: unknown): Resolution | null {
	if (!isRecord(value)) return null;
	return { byId: str(value.byId), byName: str(value.byName), at: str(value.at) };
}

const byTime = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** Every thread with its comments, oldest first; comments whose thread is gone are left out. */
export function listThreads(doc: Y.Doc): Thread[] {
	const comments = new Map<string, CommentEntry[]>();
	for (const [id, m] of mapEntries(commentsOf(doc))) {
		const entry: CommentEntry = {
			id,
			threadId: str(m.get('threadId')),
			authorId: str(m.get('authorId')),
			authorName: str(m.get('authorName')),
			agencyId: str(m.get('agencyId')),
			agencyName: str(m.get('agencyName')),
			text: textOf(m.get('text')),
			createdAt: str(m.get('createdAt')),
			editedAt: str(m.get('editedAt')) || null,
			removed: textOf(m.get('text')).trim() === ''
		};
		comments.set(entry.threadId, [...(comments.get(entry.threadId) ?? []), entry]);
	}
	return mapEntries(threadsOf(doc))
		.map(([id, m]) => ({
			id,
			itemId: str(m.get('itemId')),
			anchor: readAnchor(m.get('anchor')),
			quote: str(m.get('quote')),
			authorId: str(m.get('authorId')),
			authorName: str(m.get('authorName')),
			agencyId: str(m.get('agencyId')),
			agencyName: str(m.get('agencyName')),
			createdAt: str(m.get('createdAt')),
			resolved: readResolution(m.get('resolved')),
			comments: (comments.get(id) ?? []).sort(byTime)
		}))
		// A thread whose every comment was withdrawn has nothing left to show.
		.filter((t) => t.comments.some((c) => !c.removed))
		.sort(byTime);
}

/**
 * Erasure (issue 11, point 11), as for voices (`eraseAuthorName` in voices-doc.ts): the person's
 * threads and comments keep their text and agency and lose the name, and a resolution they made
 * loses it too. Returns how many entries it changed. Run by the server only.
 */
export function eraseCommentAuthorName(doc: Y.Doc, authorId: string): number {
	let changed = 0;
	for (const root of [threadsOf(doc), commentsOf(doc)]) {
		for (const [, entry] of mapEntries(root)) {
			if (entry.get('authorId') === authorId && entry.get('authorName') !== '') {
				entry.set('authorName', '');
				changed++;
			}
			const resolved = entry.get('resolved');
			if (isRecord(resolved) && resolved.byId === authorId && resolved.byName !== '') {
				entry.set('resolved', { ...resolved, byName: '' });
				changed++;
			}
		}
	}
	return changed;
}

// ---- the server's check ---------------------------------------------------------------------

/** What the server's check of a comments update concluded. */
export type CommentsVerdict = 'allowed' | 'not-author' | 'forged-identity' | 'not-editor' | 'invalid-entry';

/** What the writer may do beyond their own entries. */
export interface CommentsPowers {
	/** Resolve and reopen threads (owners and editors). */
	mayResolve: boolean;
	/** Remove anyone's thread or comment (the owner). */
	mayRemoveOthers: boolean;
}

type Entry = Y.Map<unknown> | undefined;
const fieldOf = (entry: unknown, key: string): unknown => (entry instanceof Y.Map ? entry.get(key) : undefined);
const sameIdentity = (a: Entry, b: Entry) => !!a && !!b && IDENTITY.every((key) => a.get(key) === b.get(key));
const showsWriter = (entry: Entry, writer: Author) =>
	// An empty name is how erasure marks a former member: nobody's own name.
	writer.name !== '' &&
	!!entry &&
	entry.get('authorId') === writer.id &&
	entry.get('authorName') === writer.name &&
	entry.get('agencyId') === writer.agencyId &&
	entry.get('agencyName') === writer.agencyName;
const sameValue = (a: unknown, b: unknown) => a === b || (isRecord(a) && isRecord(b) && JSON.stringify(a) === JSON.stringify(b));
const asEntry = (value: unknown): Entry | null => (value === undefined ? undefined : value instanceof Y.Map ? value : null);

/** A thread as it must be after any change: the fields the layout knows, of the right types and sizes. */
function wellFormedThread(thread: Y.Map<unknown>, key: string): boolean {
	const anchor = readAnchor(thread.get('anchor'));
	const anchorSize = anchor ? JSON.stringify(anchor).length : Infinity;
	const resolved = thread.get('resolved');
	return (
		thread.get('id') === key &&
		typeof thread.get('itemId') === 'string' &&
		str(thread.get('itemId')).length <= 64 &&
		anchorSize <= 2 * MAX_ANCHOR_LENGTH + 80 &&
		typeof thread.get('quote') === 'string' &&
		str(thread.get('quote')).length <= MAX_QUOTE_LENGTH &&
		(resolved === undefined || isRecord(resolved)) &&
		[...thread.keys()].every((k) => THREAD_FIELDS.has(k))
	);
}
const THREAD_FIELDS = new Set(['id', 'itemId', 'anchor', 'quote', 'createdAt', 'resolved', ...IDENTITY]);
const COMMENT_FIELDS = new Set(['id', 'threadId', 'text', 'createdAt', 'editedAt', ...IDENTITY]);

function wellFormedComment(comment: Y.Map<unknown>, key: string, threads: Y.Map<unknown>): boolean {
	const text = comment.get('text');
	const editedAt = comment.get('editedAt');
	return (
		comment.get('id') === key &&
		(editedAt === undefined || (typeof editedAt === 'string' && editedAt.length <= 40)) &&
		threads.get(str(comment.get('threadId'))) instanceof Y.Map &&
		text instanceof Y.Text &&
		text.length <= MAX_COMMENT_LENGTH &&
		[...comment.keys()].every((k) => COMMENT_FIELDS.has(k))
	);
}

/** Fields of a thread that differ between before and after (a replaced map differs everywhere). */
function changedFields(was: Y.Map<unknown>, now: Y.Map<unknown>): string[] {
	const keys = new Set([...was.keys(), ...now.keys()]);
	return [...keys].filter((key) => !sameValue(was.get(key), now.get(key)));
}

/**
 * May `writer` (their identity as the server knows it) make the change `update` to `doc`? Applies
 * it to a copy and checks every entry it touches:
 *
 * - nothing outside the two roots may change; every entry stays well formed (`invalid-entry`:
 *   known fields only, a comment's text a Y.Text of at most MAX_COMMENT_LENGTH, in a thread that
 *   exists, a quote of at most MAX_QUOTE_LENGTH, an anchor that reads as one);
 * - authorship (`not-author`): a comment, and a thread's fields, are changed only by their author;
 *   the owner may remove anyone's (moderation), never rewrite them;
 * - resolving (`not-editor`): a thread's `resolved` is set or cleared only by owners and editors,
 *   and a resolution names the writer (`forged-identity` otherwise);
 * - identity (`forged-identity`): a new entry shows exactly the writer's id, name and agency; an
 *   existing entry's identity never changes (only the server's erasure empties a name).
 *
 * Pure: `doc` is not modified. With `mirror` (a copy of `doc` the caller keeps in step with
 * it), the update is tried on the mirror and left there: the caller drops the mirror unless the
 * verdict is 'allowed' (then the same update goes into `doc`, and the two are equal again).
 */
export function judgeCommentsChange(doc: Y.Doc, update: Uint8Array, writer: Author, powers: CommentsPowers, mirror?: Y.Doc): CommentsVerdict {
	const copy = mirror ?? copyOf(doc);
	const detach: Array<() => void> = [];
	try {
		const touched: Array<{ root: (typeof ROOTS)[number]; key: string }> = [];
		let foreign = false;
		const onTransaction = (tr: Y.Transaction) => {
			for (const type of tr.changed.keys()) {
				// Walk up to the root type; a change under any root but ours is refused.
				let t: Y.AbstractType<any> = type; // eslint-disable-line @typescript-eslint/no-explicit-any
				while (t._item) t = t._item.parent as Y.AbstractType<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
				const name = [...copy.share.entries()].find(([, v]) => v === t)?.[0];
				if (!name || !(ROOTS as readonly string[]).includes(name)) foreign = true;
			}
		};
		copy.on('afterTransaction', onTransaction);
		detach.push(() => copy.off('afterTransaction', onTransaction));
		for (const root of ROOTS) {
			const map = copy.getMap<unknown>(root);
			const observer = (events: Array<Y.YEvent<any>>) => { // eslint-disable-line @typescript-eslint/no-explicit-any
				for (const event of events) {
					if (event.target === map) for (const key of event.keys.keys()) touched.push({ root, key });
					else touched.push({ root, key: String(event.path[0]) });
				}
			};
			map.observeDeep(observer);
			detach.push(() => map.unobserveDeep(observer));
		}
		Y.applyUpdate(copy, update);
		if (foreign) return 'invalid-entry';
		const threadsNow = copy.getMap<unknown>('threads');
		const seen = new Set<string>();
		for (const { root, key } of touched) {
			if (seen.has(`${root}/${key}`)) continue;
			seen.add(`${root}/${key}`);
			const was = asEntry(doc.getMap<unknown>(root).get(key));
			const now = asEntry(copy.getMap<unknown>(root).get(key));
			if (was === null || now === null) return 'invalid-entry';
			const verdict = root === 'threads' ? judgeThread(was, now, key, writer, powers) : judgeComment(was, now, key, writer, powers, threadsNow);
			if (verdict !== 'allowed') return verdict;
		}
		return 'allowed';
	} catch {
		return 'invalid-entry'; // an update that does not even apply is not allowed
	} finally {
		if (mirror) for (const undo of detach) undo();
		else copy.destroy();
	}
}

function judgeRemoval(was: Y.Map<unknown>, writer: Author, powers: CommentsPowers): CommentsVerdict {
	return was.get('authorId') === writer.id || powers.mayRemoveOthers ? 'allowed' : 'not-author';
}

function judgeResolution(was: Entry, now: Y.Map<unknown>, writer: Author, powers: CommentsPowers): CommentsVerdict {
	if (sameValue(fieldOf(was, 'resolved'), now.get('resolved'))) return 'allowed';
	if (!powers.mayResolve) return 'not-editor';
	const resolved = now.get('resolved');
	if (resolved === undefined) return 'allowed'; // reopened
	return isRecord(resolved) && resolved.byId === writer.id && resolved.byName === writer.name && writer.name !== '' ? 'allowed' : 'forged-identity';
}

function judgeThread(was: Entry, now: Entry, key: string, writer: Author, powers: CommentsPowers): CommentsVerdict {
	if (!now) return was ? judgeRemoval(was, writer, powers) : 'allowed';
	if (!wellFormedThread(now, key)) return 'invalid-entry';
	// A new thread, or one replaced by a new map: it is the writer's, from their own record.
	if (!was || changedFields(was, now).some((f) => (IDENTITY as readonly string[]).includes(f))) {
		if (was && was.get('authorId') !== writer.id) return 'not-author';
		if (!showsWriter(now, writer)) return 'forged-identity';
		return judgeResolution(was, now, writer, powers);
	}
	const fields = changedFields(was, now).filter((f) => f !== 'resolved');
	if (fields.length > 0 && was.get('authorId') !== writer.id) return 'not-author';
	return judgeResolution(was, now, writer, powers);
}

function judgeComment(was: Entry, now: Entry, key: string, writer: Author, powers: CommentsPowers, threads: Y.Map<unknown>): CommentsVerdict {
	if (!now) return was ? judgeRemoval(was, writer, powers) : 'allowed';
	if (!wellFormedComment(now, key, threads)) return 'invalid-entry';
	if (was && was.get('authorId') !== writer.id) return 'not-author';
	if (now.get('authorId') !== writer.id) return 'not-author';
	if (was && was.get('threadId') !== now.get('threadId')) return 'not-author';
	if (was === now || (was && sameIdentity(was, now))) return 'allowed';
	return showsWriter(now, writer) ? 'allowed' : 'forged-identity';
}
