import * as Y from 'yjs';
import type { BoardRole } from '../roles.js';

/**
 * Restoring from the history (issue 11, point 6): a § or the whole meeting document is made to say
 * again what it said at a version — as a NEW change on today's document (so it is itself in the
 * history, authored by whoever restored), never by rewinding the log. Pure functions over Y.Docs.
 *
 * Rich text and lists are replaced in place, not swapped for new types: an editor bound to a §'s
 * minutes (TipTap's Collaboration binds one Y.XmlFragment) keeps working and shows the restored
 * text at once. Only the meeting document is restored: perspectives and summaries in the voices
 * document are each their author's own signed words, which nobody else may write (write-policy).
 */
export const HISTORY_REFUSALS = ['history_error_not_allowed', 'history_error_adjusted', 'history_error_no_such_item', 'history_error_no_such_version'] as const;
export type HistoryRefusal = (typeof HISTORY_REFUSALS)[number];

/** Owners and editors write the meeting document; they may restore it (the status may narrow that further). */
export function mayRestore(role: BoardRole | null): boolean {
	return role === 'owner' || role === 'editor';
}

/** Meeting-level fields (chair, secretary, status) belong to the lifecycle and are never rolled back. */
const KEPT_ROOTS = ['agenda', 'attendance', 'guests', 'minutes'] as const;

const agendaOf = (doc: Y.Doc) => doc.getMap<unknown>('agenda');

/**
 * Makes § `itemId` what it was in `then`: title, presenter, status, internal marking, minutes and
 * decisions. A § deleted since comes back where it was. Returns false when the version has no such §.
 * Its place in the agenda stays as now unless `withPosition` (the whole meeting is restored).
 */
export function restoreItem(doc: Y.Doc, then: Y.Doc, itemId: string, withPosition = false): boolean {
	const source = agendaOf(then).get(itemId);
	if (!(source instanceof Y.Map)) return false;
	const target = agendaOf(doc).get(itemId);
	if (!(target instanceof Y.Map)) {
		agendaOf(doc).set(itemId, source.clone());
		return true;
	}
	syncMap(target, source, withPosition ? [] : ['position']);
	return true;
}

/** Makes the meeting document's agenda, attendance, guests and notes what they were in `then`. */
export function restoreMeeting(doc: Y.Doc, then: Y.Doc): void {
	doc.transact(() => {
		const agenda = agendaOf(doc);
		const thenAgenda = agendaOf(then);
		for (const id of [...agenda.keys()]) if (!thenAgenda.has(id)) agenda.delete(id);
		for (const id of thenAgenda.keys()) restoreItem(doc, then, id, true);
		for (const root of KEPT_ROOTS) {
			if (root === 'agenda') continue;
			if (root === 'minutes') replaceFragment(doc.getXmlFragment(root), then.getXmlFragment(root));
			else syncMap(doc.getMap(root), then.getMap(root), []);
		}
	});
}

/** `target` made equal to `source`, key by key; unchanged values are left alone (no needless update). */
function syncMap(target: Y.Map<unknown>, source: Y.Map<unknown>, skip: string[]): void {
	for (const key of [...target.keys()]) if (!source.has(key) && !skip.includes(key)) target.delete(key);
	for (const [key, value] of source.entries()) {
		if (skip.includes(key)) continue;
		const current = target.get(key);
		if (value instanceof Y.XmlFragment && current instanceof Y.XmlFragment && !(value instanceof Y.XmlElement)) replaceFragment(current, value);
		else if (value instanceof Y.Array && current instanceof Y.Array) replaceArray(current, value);
		else if (value instanceof Y.AbstractType) target.set(key, cloneType(value));
		else if (!samePlain(current, value)) target.set(key, value);
	}
}

function replaceFragment(target: Y.XmlFragment, source: Y.XmlFragment): void {
	if (target.toString() === source.toString()) return;
	target.delete(0, target.length);
	target.insert(0, source.toArray().map((node) => node.clone() as Y.XmlElement | Y.XmlText));
}

function replaceArray(target: Y.Array<unknown>, source: Y.Array<unknown>): void {
	if (JSON.stringify(target.toJSON()) === JSON.stringify(source.toJSON())) return;
	target.delete(0, target.length);
	target.insert(0, source.toArray().map((value) => (value instanceof Y.AbstractType ? cloneType(value) : value)));
}

function cloneType(type: Y.AbstractType<unknown>): Y.AbstractType<unknown> {
	return (type as unknown as { clone(): Y.AbstractType<unknown> }).clone();
}

const samePlain = (a: unknown, b: unknown): boolean => a === b || (!(a instanceof Y.AbstractType) && JSON.stringify(a) === JSON.stringify(b));
