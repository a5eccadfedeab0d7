import type * as Y from 'yjs';
import { listAgenda, listDecisions, itemMinutes } from '../meeting-doc.js';
import { listPerspectives, listSummaries } from '../voices-doc.js';
import { readMinutes } from '../protocol/read-minutes.js';
import type { MinutesBlock, SkippedContent } from '../protocol/protocol-model.js';

/**
 * What search indexes of a meeting's documents (issue 12, point 9), read defensively: documents are
 * written by clients, so every field is checked and cleaned, one unreadable part leaves only that
 * part out, and a hostile value cannot make the projection fail for the whole meeting.
 *
 * Only text is indexed, never an author's name: perspectives and summaries carry their author's
 * name, which an erasure removes from the document; the search rows never held it.
 */
export const SEARCH_ENTRY_KINDS = ['item', 'decision', 'notes', 'perspective', 'summary'] as const;
export type SearchEntryKind = (typeof SEARCH_ENTRY_KINDS)[number];
/** A hit is an entry, or an action (searched in the action projection's table). */
export type SearchHitKind = SearchEntryKind | 'action';

export interface ExtractedEntry {
	kind: SearchEntryKind;
	refId: string;
	itemId: string | null;
	itemNumber: number | null;
	title: string;
	body: string;
}

/**
 * Longest text kept per field (UTF-16 units). The index needs no more to find a meeting, and
 * PostgreSQL refuses a tsvector over 1 MB: a pasted book in one § must not stop the meeting's projection.
 */
export const SEARCH_LIMITS = { id: 200, title: 500, body: 100_000, entries: 5_000 } as const;

/** At most `max` UTF-16 units, never ending in half a surrogate pair. */
function cut(value: string, max: number): string {
	if (value.length <= max) return value;
	const end = /[\uD800-\uDBFF]/.test(value[max - 1]) ? max - 1 : max;
	return value.slice(0, end);
}

/**
 * Text as stored: no NUL (PostgreSQL text cannot hold it) and no other control character but tab
 * and line breaks — U+0001 and U+0002 mark the matched words in excerpts, so no text may hold them.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
export const cleanText = (value: unknown, max: number): string => (typeof value === 'string' ? cut(value.replace(CONTROL, ' '), max) : '');

function blocksText(blocks: MinutesBlock[]): string {
	const parts: string[] = [];
	const walk = (list: MinutesBlock[]) => {
		for (const block of list) {
			if ('items' in block) block.items.forEach(walk);
			else parts.push(block.runs.map((r) => r.text).join(''));
		}
	};
	walk(blocks);
	return parts.join('\n');
}

/** Reads one part; a part some client made unreadable is left out, the rest still indexed. */
function attempt<T>(fallback: T, read: () => T): T {
	try {
		return read();
	} catch {
		return fallback;
	}
}

/** Keeps entries that have text, each (kind, refId) once, at most SEARCH_LIMITS.entries of them. */
function finish(entries: ExtractedEntry[]): ExtractedEntry[] {
	const seen = new Set<string>();
	const out: ExtractedEntry[] = [];
	for (const entry of entries) {
		const refId = cleanText(entry.refId, SEARCH_LIMITS.id);
		const key = `${entry.kind}\u0000${refId}`;
		if (!refId || seen.has(key) || (entry.title.trim() === '' && entry.body.trim() === '')) continue;
		seen.add(key);
		out.push({ ...entry, refId });
		if (out.length >= SEARCH_LIMITS.entries) break;
	}
	return out;
}

/** Agenda titles with each §'s minutes, decisions, and the notes outside the agenda (`meeting:<id>`). */
export function meetingSearchEntries(doc: Y.Doc): ExtractedEntry[] {
	const skipped: SkippedContent[] = [];
	const entries: ExtractedEntry[] = [];
	const agenda = attempt([], () => listAgenda(doc));
	const numbers = new Map(agenda.map((item) => [item.id, item.number]));
	for (const item of agenda) {
		const minutes = attempt('', () => blocksText(readMinutes(itemMinutes(doc, item.id), `§ ${item.number}`, skipped)));
		entries.push({
			kind: 'item',
			refId: item.id,
			itemId: cleanText(item.id, SEARCH_LIMITS.id),
			itemNumber: item.number,
			title: cleanText(item.title, SEARCH_LIMITS.title),
			body: cleanText(minutes, SEARCH_LIMITS.body)
		});
	}
	for (const decision of attempt([], () => listDecisions(doc))) {
		entries.push({
			kind: 'decision',
			refId: decision.id,
			itemId: cleanText(decision.itemId, SEARCH_LIMITS.id),
			itemNumber: numbers.get(decision.itemId) ?? null,
			title: '',
			body: cleanText(decision.text, SEARCH_LIMITS.body)
		});
	}
	const notes = attempt('', () => blocksText(readMinutes(doc.getXmlFragment('minutes'), 'notes', skipped)));
	entries.push({ kind: 'notes', refId: 'notes', itemId: null, itemNumber: null, title: '', body: cleanText(notes, SEARCH_LIMITS.body) });
	return finish(entries);
}

/** The user perspectives (under their §) and the reporters' summaries (`meeting:<id>:voices`); text only. */
export function voicesSearchEntries(doc: Y.Doc): ExtractedEntry[] {
	const entries: ExtractedEntry[] = [];
	for (const p of attempt([], () => listPerspectives(doc))) {
		const itemId = cleanText(p.itemId, SEARCH_LIMITS.id);
		entries.push({ kind: 'perspective', refId: p.id, itemId: itemId || null, itemNumber: null, title: '', body: cleanText(p.text, SEARCH_LIMITS.body) });
	}
	for (const s of attempt([], () => listSummaries(doc))) {
		entries.push({ kind: 'summary', refId: s.authorId, itemId: null, itemNumber: null, title: '', body: cleanText(s.text, SEARCH_LIMITS.body) });
	}
	return finish(entries);
}
