import * as Y from 'yjs';
import type { MinutesBlock, SkippedContent, TextRun } from './protocol-model.js';

/**
 * Reads minutes as TipTap's Collaboration extension stores them (see minutes-doc.ts) into the
 * protocol's blocks. Any client can write anything into the fragment: what is not one of the
 * blocks the protocol knows is read for its text where it has some, and noted in `skipped`.
 */

const SAFE_LINK = /^(https?:|mailto:)/i;

type Node = Y.XmlElement | Y.XmlText | Y.XmlHook;

/** y-prosemirror names overlapping marks `bold--<hash>`: the mark is the part before `--`. */
function marksOf(attributes: Record<string, unknown> | undefined): Omit<TextRun, 'text'> {
	let bold = false;
	let italic = false;
	let href: string | null = null;
	for (const [key, value] of Object.entries(attributes ?? {})) {
		const mark = key.split('--')[0];
		if (value === null || value === undefined) continue;
		if (mark === 'bold') bold = true;
		else if (mark === 'italic') italic = true;
		else if (mark === 'link') {
			const target = (value as { href?: unknown }).href;
			if (typeof target === 'string' && SAFE_LINK.test(target.trim())) href = target.trim();
		}
	}
	return { bold, italic, href };
}

const sameMarks = (a: TextRun, b: TextRun) => a.bold === b.bold && a.italic === b.italic && a.href === b.href;

/** Joins neighbouring runs with the same marks: how Yjs split the text is not part of the protocol. */
function merged(runs: TextRun[]): TextRun[] {
	const out: TextRun[] = [];
	for (const run of runs) {
		if (run.text === '') continue;
		const last = out[out.length - 1];
		if (last && sameMarks(last, run)) last.text += run.text;
		else out.push({ ...run });
	}
	return out;
}

function textRuns(text: Y.XmlText): TextRun[] {
	const delta = text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>;
	return delta.flatMap((d) => (typeof d.insert === 'string' ? [{ text: d.insert, ...marksOf(d.attributes) }] : []));
}

/** The inline content of a paragraph or heading; a hard break is a newline in the text. */
function inlineRuns(node: Y.XmlElement, where: string, skipped: SkippedContent[]): TextRun[] {
	const runs: TextRun[] = [];
	for (const child of node.toArray() as Node[]) {
		if (child instanceof Y.XmlText) runs.push(...textRuns(child));
		else if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') runs.push({ text: '\n', bold: false, italic: false, href: null });
		else if (child instanceof Y.XmlElement) {
			runs.push(...plainRuns(child));
			skipped.push({ where, reason: `inline ${child.nodeName} read as text` });
		}
	}
	return merged(runs);
}

/** All the text under a node, without formatting (for nodes the protocol does not know). */
function plainRuns(node: Y.XmlElement | Y.XmlFragment): TextRun[] {
	const runs: TextRun[] = [];
	const walk = (n: Node | Y.XmlFragment) => {
		if (n instanceof Y.XmlText) runs.push(...textRuns(n).map((r) => ({ ...r, bold: false, italic: false, href: null })));
		else if (n instanceof Y.XmlElement || n instanceof Y.XmlFragment) (n.toArray() as Node[]).forEach(walk);
	};
	walk(node);
	return merged(runs);
}

const hasText = (runs: TextRun[]) => runs.some((r) => r.text.trim() !== '');

function headingLevel(value: unknown): number {
	const level = typeof value === 'number' ? value : typeof value === 'string' ? Number.parseInt(value, 10) : NaN;
	return Number.isInteger(level) ? Math.min(6, Math.max(1, level)) : 2;
}

function listItems(list: Y.XmlElement, where: string, skipped: SkippedContent[]): MinutesBlock[][] {
	const items: MinutesBlock[][] = [];
	for (const child of list.toArray() as Node[]) {
		if (child instanceof Y.XmlElement && child.nodeName === 'listItem') {
			const blocks = readBlocks(child.toArray() as Node[], where, skipped);
			if (blocks.length) items.push(blocks);
		} else {
			const blocks = readBlocks([child], where, skipped);
			if (blocks.length) items.push(blocks);
			skipped.push({ where, reason: 'list entry that is not a list item' });
		}
	}
	return items;
}

function readBlocks(nodes: Node[], where: string, skipped: SkippedContent[]): MinutesBlock[] {
	const blocks: MinutesBlock[] = [];
	for (const node of nodes) {
		if (node instanceof Y.XmlText) {
			const runs = merged(textRuns(node));
			if (hasText(runs)) blocks.push({ type: 'paragraph', runs });
			skipped.push({ where, reason: 'text outside a paragraph read as a paragraph' });
			continue;
		}
		if (!(node instanceof Y.XmlElement)) {
			skipped.push({ where, reason: 'embedded content left out' });
			continue;
		}
		switch (node.nodeName) {
			case 'paragraph': {
				const runs = inlineRuns(node, where, skipped);
				if (hasText(runs)) blocks.push({ type: 'paragraph', runs });
				break;
			}
			case 'heading': {
				const runs = inlineRuns(node, where, skipped);
				if (hasText(runs)) blocks.push({ type: 'heading', level: headingLevel(node.getAttribute('level')), runs });
				break;
			}
			case 'bulletList':
			case 'orderedList': {
				const items = listItems(node, where, skipped);
				if (items.length) blocks.push({ type: node.nodeName, items });
				break;
			}
			case 'blockquote':
				// A quote in the minutes is read as its content: the protocol sets apart only perspectives.
				blocks.push(...readBlocks(node.toArray() as Node[], where, skipped));
				break;
			case 'horizontalRule':
				break;
			default: {
				const runs = plainRuns(node);
				if (hasText(runs)) blocks.push({ type: 'paragraph', runs });
				skipped.push({ where, reason: `${node.nodeName} read as plain text` });
			}
		}
	}
	return blocks;
}

/** The blocks of a minutes fragment; `where` names it in what is skipped (e.g. "§ 2 minutes"). */
export function readMinutes(fragment: Y.XmlFragment | null, where: string, skipped: SkippedContent[]): MinutesBlock[] {
	if (!fragment) return [];
	return readBlocks(fragment.toArray() as Node[], where, skipped);
}
