import * as Y from 'yjs';

/**
 * The minutes as the browser's drawing of them (components/editor/plain-minutes.ts) and
 * ProseMirror draw them — the same tags, so the same styles and the same height — as plain data
 * that the server can render into the page's HTML: text before any JavaScript, the websocket or the
 * first sync (issue 13: a long history took ~3 s to show). Data, never HTML strings: anyone may
 * write anything into the shared document, and Svelte escapes the text. Links only for http(s)
 * and mailto addresses, as in the drawing.
 */

/** Block nodes TipTap's StarterKit stores, by name, and the tag it draws them with. */
export const BLOCK_TAGS: Record<string, string> = {
	paragraph: 'p',
	bulletList: 'ul',
	orderedList: 'ol',
	listItem: 'li',
	blockquote: 'blockquote',
	horizontalRule: 'hr',
	hardBreak: 'br'
};

/** Marks, outermost first as ProseMirror nests them; y-prosemirror names overlapping ones `bold--<hash>`. */
export const MARK_TAGS: Array<[string, string]> = [
	['link', 'a'],
	['bold', 'strong'],
	['italic', 'em'],
	['strike', 's'],
	['underline', 'u']
];

export const SAFE_LINK = /^(https?:|mailto:)/i;

export type MinutesNode =
	| { text: string }
	| {
			tag: string;
			/** A heading's stored level (2 or 3), which sizes it whatever its tag. */
			level?: string;
			href?: string;
			/** The line an empty paragraph keeps (ProseMirror's trailing break, not part of the document). */
			filler?: true;
			children: MinutesNode[];
	  };

export interface MinutesTree {
	nodes: MinutesNode[];
	/** False when the text was longer than the limit: the rest comes with the live document. */
	complete: boolean;
	/** The nodes are left out here: the page's HTML holds them (minutes-html.ts). */
	inHtml?: true;
}

/** A text with its marks, innermost last. */
function marked(text: string, attributes: Record<string, unknown> | undefined): MinutesNode {
	let node: MinutesNode = { text };
	const marks = new Map(Object.entries(attributes ?? {}).map(([key, value]) => [key.split('--')[0], value]));
	for (const [mark, tag] of [...MARK_TAGS].reverse()) {
		const value = marks.get(mark);
		if (value === null || value === undefined) continue;
		const wrapper: MinutesNode = { tag, children: [node] };
		if (mark === 'link') {
			const href = (value as { href?: unknown }).href;
			if (typeof href === 'string' && SAFE_LINK.test(href.trim())) wrapper.href = href.trim();
		}
		node = wrapper;
	}
	return node;
}

const filler = (): MinutesNode => ({ tag: 'br', filler: true, children: [] });

/**
 * The tree of `fragment`, headings placed under `outlineLevel` as the drawing places them, at most
 * about `maxChars` characters of text (whole blocks: the one that crosses the limit is the last).
 */
export function minutesTree(fragment: Y.XmlFragment, outlineLevel: number, maxChars = 200_000): MinutesTree {
	let chars = 0;
	const textOf = (text: Y.XmlText): MinutesNode[] =>
		(text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>).flatMap(({ insert, attributes }) => {
			if (typeof insert !== 'string') return [];
			chars += insert.length;
			return [marked(insert, attributes)];
		});
	const draw = (node: unknown): MinutesNode[] => {
		if (node instanceof Y.XmlText) return textOf(node);
		if (!(node instanceof Y.XmlElement)) return [];
		let element: Extract<MinutesNode, { tag: string }>;
		if (node.nodeName === 'heading') {
			const stored = Number(node.getAttribute('level')) === 3 ? 3 : 2;
			element = { tag: `h${Math.min(6, Math.max(1, outlineLevel + stored - 2))}`, level: String(stored), children: [] };
		} else {
			element = { tag: BLOCK_TAGS[node.nodeName] ?? 'div', children: [] };
		}
		if (node.nodeName === 'paragraph' || node.nodeName === 'heading') {
			for (const child of node.toArray()) {
				if (child instanceof Y.XmlText) element.children.push(...textOf(child));
				else if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') element.children.push({ tag: 'br', children: [] });
			}
		} else {
			for (const child of node.toArray()) element.children.push(...draw(child));
		}
		if (element.tag === 'p' && element.children.length === 0) element.children.push(filler());
		return [element];
	};
	const nodes: MinutesNode[] = [];
	for (const child of fragment.toArray()) {
		if (chars >= maxChars) return { nodes, complete: false };
		nodes.push(...draw(child));
	}
	if (nodes.length === 0) nodes.push({ tag: 'p', children: [filler()] });
	return { nodes, complete: true };
}
