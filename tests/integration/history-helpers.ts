import * as Y from 'yjs';
import type { DocHistoryEntry, StoredDoc } from '../../src/lib/server/store/types';

/** The text a stored update inserts (its string items), whatever it refers to: what a row says its author typed. */
export function insertedText(update: Uint8Array): string {
	let text = '';
	for (const struct of Y.decodeUpdate(update).structs) {
		if (struct instanceof Y.Item && struct.content instanceof Y.ContentString) text += struct.content.str;
	}
	return text;
}

/** Per author (user id, or 'server'), what their rows insert, in id order. */
export function typedBy(history: DocHistoryEntry[]): Map<string, string> {
	const out = new Map<string, string>();
	for (const h of history) {
		const who = h.authorId ?? h.source;
		out.set(who, (out.get(who) ?? '') + insertedText(h.update));
	}
	return out;
}

/** The minutes a load gives (snapshot + later updates), as a server loading the document would read them. */
export function loadedText(stored: StoredDoc): string {
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const u of stored.updates) Y.applyUpdate(doc, u);
	return doc.getText('minutes').toString();
}

/** The minutes the whole authored log replays to, from its first row. */
export function replayedText(history: DocHistoryEntry[]): string {
	const doc = new Y.Doc();
	for (const h of history) Y.applyUpdate(doc, h.update);
	return doc.getText('minutes').toString();
}
