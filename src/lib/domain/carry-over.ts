import * as Y from 'yjs';
import { addAgendaItem, itemMinutes, listAgenda, type AgendaItem } from './meeting-doc.js';
import { newId } from './ids.js';

/**
 * Carrying a postponed § over (issue 12, point 6): to another meeting's agenda, or to the board's
 * backlog. What moves is what the secretary wrote: the item's fields (title, presenter, planned
 * time, internal with its reason) and its minutes, copied node by node so headings, lists and
 * marks stay. Its decisions stay behind: they were decided in, and are numbered by, the meeting
 * they were taken in. The original keeps its place and its 'postponed' status and gets a mark,
 * `carriedTo`, that links to where it went; the copy gets `carriedFrom`, so a suggestion is never
 * offered twice even when the original could not be marked (its meeting was adjusted: sealed).
 */

export type CarryMark =
	| { kind: 'meeting'; meetingId: string; itemId: string; at: string }
	| { kind: 'backlog'; backlogId: string; at: string };

export interface CarryOrigin {
	meetingId: string;
	itemId: string;
}

const agenda = (doc: Y.Doc) => doc.getMap<unknown>('agenda');
const itemMap = (doc: Y.Doc, itemId: string): Y.Map<unknown> | null => {
	const item = agenda(doc).get(itemId);
	return item instanceof Y.Map ? item : null;
};
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const plain = (value: unknown): Record<string, unknown> | null =>
	value && typeof value === 'object' && !(value instanceof Y.AbstractType) && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/** Where the item was carried, or null (read defensively: any editor's client can write anything). */
export function carriedTo(doc: Y.Doc, itemId: string): CarryMark | null {
	const mark = plain(itemMap(doc, itemId)?.get('carriedTo'));
	if (!mark) return null;
	const at = str(mark.at) ?? '';
	if (mark.kind === 'meeting' && str(mark.meetingId) && str(mark.itemId)) return { kind: 'meeting', meetingId: String(mark.meetingId), itemId: String(mark.itemId), at };
	if (mark.kind === 'backlog' && str(mark.backlogId)) return { kind: 'backlog', backlogId: String(mark.backlogId), at };
	return null;
}

/** The meeting and item a § was carried over from, or null. */
export function carriedFrom(doc: Y.Doc, itemId: string): CarryOrigin | null {
	const origin = plain(itemMap(doc, itemId)?.get('carriedFrom'));
	const meetingId = str(origin?.meetingId);
	const sourceItemId = str(origin?.itemId);
	return meetingId && sourceItemId ? { meetingId, itemId: sourceItemId } : null;
}

/** Every origin the meeting's agenda already holds, as 'meetingId/itemId' (for suggestions). */
export function carriedOrigins(doc: Y.Doc): Set<string> {
	return new Set(
		listAgenda(doc).flatMap((item) => {
			const origin = carriedFrom(doc, item.id);
			return origin ? [`${origin.meetingId}/${origin.itemId}`] : [];
		})
	);
}

/** The postponed items not carried anywhere yet, in agenda order. */
export function postponedItems(doc: Y.Doc): AgendaItem[] {
	return listAgenda(doc).filter((item) => item.status === 'postponed' && !carriedTo(doc, item.id));
}

/** Why an item cannot be carried: it is not there, not postponed, or already carried. */
export function carryRefusal(source: Y.Doc, itemId: string): 'error_carry_unknown_item' | 'error_carry_not_postponed' | 'error_carry_already' | null {
	const item = listAgenda(source).find((i) => i.id === itemId);
	if (!item) return 'error_carry_unknown_item';
	if (item.status !== 'postponed') return 'error_carry_not_postponed';
	if (carriedTo(source, itemId)) return 'error_carry_already';
	return null;
}

/**
 * Adds a copy of the source's item at the end of the target's agenda, as not yet dealt with; its
 * new id. The source document is only read (it may be a sealed record).
 */
export function copyItemInto(target: Y.Doc, source: Y.Doc, itemId: string, origin: CarryOrigin, id = newId()): string {
	const item = listAgenda(source).find((i) => i.id === itemId);
	if (!item) throw new Error(`no agenda item ${itemId}`);
	const minutes = itemMinutes(source, itemId);
	target.transact(() => {
		addAgendaItem(
			target,
			{ title: item.title, presenterAgencyId: item.presenterAgencyId, plannedMinutes: item.plannedMinutes, internal: item.internal, internalReason: item.internalReason },
			id
		);
		const copy = itemMap(target, id)!;
		copy.set('carriedFrom', { meetingId: origin.meetingId, itemId: origin.itemId });
		const into = itemMinutes(target, id)!;
		// clone() makes unattached copies of the nodes (with their attributes and marks); the
		// source's own nodes cannot be inserted into another document.
		const nodes = minutes ? minutes.toArray().map((node) => (node instanceof Y.XmlElement || node instanceof Y.XmlText ? node.clone() : null)) : [];
		into.insert(0, nodes.filter((node): node is Y.XmlElement | Y.XmlText => node !== null));
	});
	return id;
}

/** Marks the original: where it went, and when. */
export function markCarried(source: Y.Doc, itemId: string, mark: CarryMark): void {
	const item = itemMap(source, itemId);
	if (!item) throw new Error(`no agenda item ${itemId}`);
	item.set('carriedTo', { ...mark });
}

/**
 * Carries a postponed item from one meeting's document to another's, in one step: the copy in the
 * target, the mark in the source. Returns the copy's id. (The server does the same in two
 * changes, one per live document; see services/carry-over.ts.)
 */
export function carryOver(source: Y.Doc, target: Y.Doc, itemId: string, ids: { sourceMeetingId: string; targetMeetingId: string }, at = new Date(), id = newId()): string {
	const refusal = carryRefusal(source, itemId);
	if (refusal) throw new Error(refusal);
	const copyId = copyItemInto(target, source, itemId, { meetingId: ids.sourceMeetingId, itemId }, id);
	markCarried(source, itemId, { kind: 'meeting', meetingId: ids.targetMeetingId, itemId: copyId, at: at.toISOString() });
	return copyId;
}

/** The minutes as plain text, one paragraph a line (the backlog keeps text, not a document). */
export function minutesText(doc: Y.Doc, itemId: string): string {
	const minutes = itemMinutes(doc, itemId);
	if (!minutes) return '';
	const lines: string[] = [];
	const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlHook | Y.XmlFragment): void => {
		if (node instanceof Y.XmlText) {
			lines[lines.length - 1] = (lines[lines.length - 1] ?? '') + node.toString().replace(/<[^>]*>/g, '');
			return;
		}
		if (node instanceof Y.XmlElement && ['paragraph', 'heading', 'listItem', 'blockquote'].includes(node.nodeName) && lines[lines.length - 1] !== '') lines.push('');
		if (node instanceof Y.XmlElement || node instanceof Y.XmlFragment) for (const child of node.toArray()) walk(child);
	};
	lines.push('');
	walk(minutes);
	return lines
		.map((line) => line.trim())
		.filter(Boolean)
		.join('\n');
}

/** Adds a backlog entry to the agenda: its title, its description as the minutes' first paragraphs. */
export function addBacklogItem(target: Y.Doc, entry: { backlogId: string; title: string; description: string }, id = newId()): string {
	target.transact(() => {
		addAgendaItem(target, { title: entry.title }, id);
		itemMap(target, id)!.set('fromBacklog', entry.backlogId);
		const paragraphs = entry.description
			.split('\n')
			.map((line) => line.trim())
			.filter(Boolean)
			.map((line) => {
				const p = new Y.XmlElement('paragraph');
				p.insert(0, [new Y.XmlText(line)]);
				return p;
			});
		itemMinutes(target, id)!.insert(0, paragraphs);
	});
	return id;
}

/** Why carrying over, a suggestion, a template or a series is refused (message keys, error-keys.ts). */
export const FOLLOW_ON_REFUSALS = [
	'error_carry_unknown_item',
	'error_carry_not_postponed',
	'error_carry_already',
	'error_carry_no_target',
	'error_carry_target_closed',
	'error_suggestion_gone',
	'error_template_items_too_many',
	'error_template_item_too_long',
	'error_template_length_range',
	'error_series_weeks',
	'error_series_until'
] as const;

/** A meeting whose agenda may still take items carried to it: not yet held, nor cancelled. */
export const OPEN_FOR_ITEMS = ['planned', 'in_progress'] as const;
