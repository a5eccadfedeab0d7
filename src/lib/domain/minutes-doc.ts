import * as Y from 'yjs';

/**
 * Layout of the meeting document's minutes, as TipTap's Collaboration extension stores it:
 * a Y.XmlFragment of ProseMirror nodes (paragraph, heading, bulletList/orderedList > listItem),
 * with marks (bold, italic, link) as formatting attributes on Y.XmlText.
 * The server uses this to write demo minutes; the browser binds TipTap to the same field.
 */
export const MINUTES_FIELD = 'minutes';

export type Inline = string | { text: string; bold?: boolean; italic?: boolean; href?: string };
export type Block =
	| { type: 'heading'; level: 2 | 3; text: Inline[] }
	| { type: 'paragraph'; text: Inline[] }
	| { type: 'bulletList' | 'orderedList'; items: Inline[][] };

function textNode(parts: Inline[]): Y.XmlText {
	const text = new Y.XmlText();
	text.applyDelta(
		parts.map((part) => {
			if (typeof part === 'string') return { insert: part };
			const attributes: Record<string, object> = {};
			if (part.bold) attributes.bold = {};
			if (part.italic) attributes.italic = {};
			if (part.href) attributes.link = { href: part.href, target: '_blank', rel: 'noopener noreferrer nofollow', class: null };
			return { insert: part.text, attributes };
		})
	);
	return text;
}

function element(name: string, children: Array<Y.XmlElement | Y.XmlText>, attrs: Record<string, string | number> = {}): Y.XmlElement {
	const el = new Y.XmlElement(name);
	for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value as unknown as string);
	el.insert(0, children);
	return el;
}

function blockNode(block: Block): Y.XmlElement {
	switch (block.type) {
		case 'heading':
			return element('heading', [textNode(block.text)], { level: block.level });
		case 'paragraph':
			return element('paragraph', [textNode(block.text)]);
		default:
			return element(
				block.type,
				block.items.map((item) => element('listItem', [element('paragraph', [textNode(item)])]))
			);
	}
}

/** Appends rich text to any fragment: the meeting's notes or an agenda item's minutes. */
export function appendBlocks(fragment: Y.XmlFragment, blocks: Block[]): void {
	if (blocks.length === 0) return;
	const write = () => fragment.insert(fragment.length, blocks.map(blockNode));
	if (fragment.doc) fragment.doc.transact(write);
	else write();
}

export function appendMinutes(doc: Y.Doc, blocks: Block[]): void {
	appendBlocks(doc.getXmlFragment(MINUTES_FIELD), blocks);
}

/** Plain text of the minutes (search, previews, tests). */
export function minutesText(doc: Y.Doc): string {
	const lines: string[] = [];
	const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment) => {
		if (node instanceof Y.XmlText) {
			lines.push(node.toDelta().map((d: { insert: string }) => d.insert).join(''));
			return;
		}
		node.toArray().forEach((child) => walk(child as Y.XmlElement | Y.XmlText));
	};
	walk(doc.getXmlFragment(MINUTES_FIELD));
	return lines.join('\n');
}
