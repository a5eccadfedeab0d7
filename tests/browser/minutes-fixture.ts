import * as Y from 'yjs';
import { FakeSession } from '$lib/collab/fake-session';

/** A synced fake session whose `notes` fragment holds one paragraph of `text` (specs of MinutesEditor). */
export function notesWith(text: string): { session: FakeSession; fragment: Y.XmlFragment } {
	const user = { id: 'u1', name: 'Alva', color: '#1f4e5f', agency: 'Socialtjänsten' };
	const session = new FakeSession({ docName: 'meeting:m1', user }).sync();
	const fragment = session.doc.getXmlFragment('notes');
	const paragraph = new Y.XmlElement('paragraph');
	const content = new Y.XmlText();
	content.insert(0, text);
	paragraph.insert(0, [content]);
	fragment.insert(0, [paragraph]);
	return { session, fragment };
}

export const user = { id: 'u1', name: 'Alva', color: '#1f4e5f', agency: 'Socialtjänsten' };

/** The text of each paragraph of `fragment`. */
export function paragraphs(fragment: Y.XmlFragment): string[] {
	return fragment.toArray().map((block) => (block instanceof Y.XmlElement ? block.toArray().map((child) => (child instanceof Y.XmlText ? child.toString() : '')).join('') : ''));
}

/** Puts the selection on `word` (or, with `collapse`, the caret just before it) in `root`'s text. */
export function select(root: Element, word: string, collapse = false): void {
	const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
	for (let node = walker.nextNode(); node; node = walker.nextNode()) {
		const at = node.textContent!.indexOf(word);
		if (at < 0) continue;
		const range = document.createRange();
		range.setStart(node, at);
		range.setEnd(node, collapse ? at : at + word.length);
		getSelection()!.removeAllRanges();
		getSelection()!.addRange(range);
		return;
	}
	throw new Error(`no "${word}" in the text`);
}
