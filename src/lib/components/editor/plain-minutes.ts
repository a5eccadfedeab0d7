import * as Y from 'yjs';

/**
 * The minutes drawn straight from their Y.XmlFragment as ProseMirror would draw them (the same
 * tags, so the same styles), kept current as the document changes: what a person sees before the
 * editor's code has arrived (MinutesEditor.svelte loads TipTap only when someone reaches for the
 * text). Built with DOM calls and textContent only, never HTML strings: anyone may write anything
 * into the shared document. Links are drawn only for http(s) and mailto addresses.
 */

const SAFE_LINK = /^(https?:|mailto:)/i;

/** Block nodes TipTap's StarterKit stores, by name, and the tag it draws them with. */
const BLOCK_TAGS: Record<string, string> = {
	paragraph: 'p',
	bulletList: 'ul',
	orderedList: 'ol',
	listItem: 'li',
	blockquote: 'blockquote',
	horizontalRule: 'hr',
	hardBreak: 'br'
};

/** Marks, outermost first as ProseMirror nests them; y-prosemirror names overlapping ones `bold--<hash>`. */
const MARK_TAGS: Array<[string, string]> = [
	['link', 'a'],
	['bold', 'strong'],
	['italic', 'em'],
	['strike', 's'],
	['underline', 'u']
];

function textNodes(text: Y.XmlText): Node[] {
	const delta = text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>;
	return delta.flatMap(({ insert, attributes }) => {
		if (typeof insert !== 'string') return [];
		let node: Node = document.createTextNode(insert);
		const marks = new Map(Object.entries(attributes ?? {}).map(([key, value]) => [key.split('--')[0], value]));
		for (const [mark, tag] of [...MARK_TAGS].reverse()) {
			const value = marks.get(mark);
			if (value === null || value === undefined) continue;
			const element = document.createElement(tag);
			if (mark === 'link') {
				const href = (value as { href?: unknown }).href;
				if (typeof href === 'string' && SAFE_LINK.test(href.trim())) element.setAttribute('href', href.trim());
				element.setAttribute('rel', 'noopener noreferrer nofollow');
			}
			element.append(node);
			node = element;
		}
		return [node];
	});
}

function draw(node: Y.XmlElement | Y.XmlText | Y.XmlHook, outlineLevel: number): Node[] {
	if (node instanceof Y.XmlText) return textNodes(node);
	if (!(node instanceof Y.XmlElement)) return [];
	let element: HTMLElement;
	if (node.nodeName === 'heading') {
		const stored = Number(node.getAttribute('level')) === 3 ? 3 : 2;
		element = document.createElement(`h${Math.min(6, Math.max(1, outlineLevel + stored - 2))}`);
		element.dataset.level = String(stored);
	} else {
		element = document.createElement(BLOCK_TAGS[node.nodeName] ?? 'div');
	}
	for (const child of node.toArray()) element.append(...draw(child, outlineLevel));
	// An empty paragraph keeps its line, as ProseMirror's trailing break does.
	if (element.tagName === 'P' && element.childNodes.length === 0) element.append(document.createElement('br'));
	return [element];
}

/** Draws `fragment` into `target` now and after every change; returns the function that stops it. */
export function drawMinutes(target: HTMLElement, fragment: Y.XmlFragment, outlineLevel: number): () => void {
	const redraw = () => {
		const nodes = fragment.toArray().flatMap((child) => draw(child, outlineLevel));
		if (nodes.length === 0) {
			const empty = document.createElement('p');
			empty.append(document.createElement('br'));
			nodes.push(empty);
		}
		target.replaceChildren(...nodes);
	};
	redraw();
	fragment.observeDeep(redraw);
	return () => fragment.unobserveDeep(redraw);
}

/**
 * Text typed while the editor's code cannot be had (offline before it was ever loaded): written
 * straight into the shared document at its end, the first line onto the last paragraph, each
 * further line as a paragraph of its own — so it is kept on the device and synced like any edit.
 */
export function appendTyped(fragment: Y.XmlFragment, typed: string): void {
	if (!typed) return;
	const write = () => {
		const [first, ...rest] = typed.split('\n');
		const last = fragment.length > 0 ? fragment.get(fragment.length - 1) : null;
		if (first) {
			if (last instanceof Y.XmlElement && (last.nodeName === 'paragraph' || last.nodeName === 'heading')) {
				const tail = last.length > 0 ? last.get(last.length - 1) : null;
				if (tail instanceof Y.XmlText) tail.insert(tail.length, first);
				else last.push([textOf(first)]);
			} else {
				fragment.push([paragraph(first)]);
			}
		}
		for (const line of rest) fragment.push([paragraph(line)]);
	};
	if (fragment.doc) fragment.doc.transact(write);
	else write();
}

function textOf(value: string): Y.XmlText {
	const text = new Y.XmlText();
	text.insert(0, value);
	return text;
}

function paragraph(value: string): Y.XmlElement {
	const element = new Y.XmlElement('paragraph');
	if (value) element.insert(0, [textOf(value)]);
	return element;
}
