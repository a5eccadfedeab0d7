import * as Y from 'yjs';
import { detectPersonalData, type Severity } from '$lib/domain/personal-data/detect';
import type { PersonalDataSummary } from './personal-data-marks';
import { BLOCK_TAGS, MARK_TAGS, SAFE_LINK } from '$lib/domain/minutes-tree';

/**
 * The minutes drawn straight from their Y.XmlFragment as ProseMirror would draw them (the same
 * tags, so the same styles), kept current as the document changes: what a person sees before the
 * editor's code has arrived (MinutesEditor.svelte loads TipTap only when someone reaches for the
 * text). Built with DOM calls and textContent only, never HTML strings: anyone may write anything
 * into the shared document. Links are drawn only for http(s) and mailto addresses.
 */

// The tags are minutes-tree.ts's: the page's HTML renders the same tree before this drawing takes over.

/** How the drawing marks personal data, as the editor's decoration does (personal-data-marks.ts). */
export interface DrawnMarks {
	titles: Record<Severity, string>;
	describedBy: Record<Severity, string>;
	/** Called after each drawing with how many marks of each severity it holds. */
	onSummary?: (summary: PersonalDataSummary) => void;
}

/** The marks that wrap nothing of the document's structure: they take no document position. */
const INLINE_TAGS = new Set(['A', 'STRONG', 'EM', 'S', 'U', 'MARK']);

function withMarks(text: string, attributes: Record<string, unknown> | undefined): Node {
	let node: Node = document.createTextNode(text);
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
	return node;
}

type Piece = { text: string; attributes?: Record<string, unknown> } | { hardBreak: true };

/** A text block's pieces: runs of text with their marks, and hard breaks. */
function pieces(block: Y.XmlElement): Piece[] {
	return block.toArray().flatMap((child): Piece[] => {
		if (child instanceof Y.XmlText) {
			const delta = child.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>;
			return delta.flatMap(({ insert, attributes }) => (typeof insert === 'string' ? [{ text: insert, attributes }] : []));
		}
		return child instanceof Y.XmlElement && child.nodeName === 'hardBreak' ? [{ hardBreak: true }] : [];
	});
}

/**
 * A paragraph's or heading's content, personal data wrapped in `<mark>` as the editor's
 * decoration draws it (outside the text's own marks; the same class, title, description and kind),
 * found by the same detector over the same text (a hard break counts as one character).
 */
function textblockContent(block: Y.XmlElement, marks: DrawnMarks | undefined, summary: PersonalDataSummary): Node[] {
	const parts = pieces(block);
	const text = parts.map((part) => ('hardBreak' in part ? '\ufffc' : part.text)).join('');
	const found = marks ? detectPersonalData(text) : [];
	for (const { severity } of found) {
		if (severity === 'identity') summary.identity++;
		else if (severity === 'possible-identity') summary.possible++;
		else summary.hints++;
	}
	const nodes: Node[] = [];
	let at = 0;
	for (const part of parts) {
		if ('hardBreak' in part) {
			nodes.push(document.createElement('br'));
			at += 1;
			continue;
		}
		const end = at + part.text.length;
		// Cut where a finding starts or ends inside this run.
		const cuts = new Set([at, end]);
		for (const match of found) {
			if (match.start > at && match.start < end) cuts.add(match.start);
			if (match.end > at && match.end < end) cuts.add(match.end);
		}
		const sorted = [...cuts].sort((a, b) => a - b);
		for (let i = 0; i + 1 < sorted.length; i++) {
			const [from, to] = [sorted[i], sorted[i + 1]];
			let node = withMarks(part.text.slice(from - at, to - at), part.attributes);
			const match = found.find((m) => m.start <= from && to <= m.end);
			if (match && marks) {
				const mark = document.createElement('mark');
				mark.className = `pii-mark pii-${match.severity}`;
				mark.title = marks.titles[match.severity];
				mark.setAttribute('aria-describedby', marks.describedBy[match.severity]);
				mark.dataset.personalData = match.kind;
				mark.append(node);
				node = mark;
			}
			nodes.push(node);
		}
		at = end;
	}
	return nodes;
}

function draw(node: Y.XmlElement | Y.XmlText | Y.XmlHook, outlineLevel: number, marks: DrawnMarks | undefined, summary: PersonalDataSummary): Node[] {
	if (node instanceof Y.XmlText) return [...node.toDelta()].flatMap((op: { insert: unknown; attributes?: Record<string, unknown> }) => (typeof op.insert === 'string' ? [withMarks(op.insert, op.attributes)] : []));
	if (!(node instanceof Y.XmlElement)) return [];
	let element: HTMLElement;
	if (node.nodeName === 'heading') {
		const stored = Number(node.getAttribute('level')) === 3 ? 3 : 2;
		element = document.createElement(`h${Math.min(6, Math.max(1, outlineLevel + stored - 2))}`);
		element.dataset.level = String(stored);
	} else {
		element = document.createElement(BLOCK_TAGS[node.nodeName] ?? 'div');
	}
	if (node.nodeName === 'paragraph' || node.nodeName === 'heading') element.append(...textblockContent(node, marks, summary));
	else for (const child of node.toArray()) element.append(...draw(child, outlineLevel, marks, summary));
	// An empty paragraph keeps its line, as ProseMirror's trailing break does (not part of the document).
	if (element.tagName === 'P' && element.childNodes.length === 0) element.append(filler());
	return [element];
}

function filler(): HTMLElement {
	const br = document.createElement('br');
	br.dataset.filler = '';
	return br;
}

/**
 * Draws `fragment` into `target` now and after every change; returns the function that stops it.
 * With `marks`, personal data is marked as the editor marks it.
 */
export function drawMinutes(target: HTMLElement, fragment: Y.XmlFragment, outlineLevel: number, marks?: DrawnMarks): () => void {
	const redraw = () => {
		const summary: PersonalDataSummary = { identity: 0, possible: 0, hints: 0 };
		const nodes = fragment.toArray().flatMap((child) => draw(child, outlineLevel, marks, summary));
		if (nodes.length === 0) {
			const empty = document.createElement('p');
			empty.append(filler());
			nodes.push(empty);
		}
		target.replaceChildren(...nodes);
		marks?.onSummary?.(summary);
	};
	redraw();
	fragment.observeDeep(redraw);
	return () => fragment.unobserveDeep(redraw);
}

/**
 * The ProseMirror document position of a DOM point (`node`, `offset`) in a drawing made by
 * drawMinutes: each block opens and closes (one position each), each character and hard break or
 * rule is one, marks take none — as in the document the editor will have. Null when the point is
 * not in `root`. How a caret placed or a passage chosen before the editor came is carried into it.
 */
export function documentPosition(root: HTMLElement, node: Node, offset: number): number | null {
	let pos = 0;
	let found: number | null = null;
	const visit = (current: Node, isRoot: boolean): void => {
		if (found !== null) return;
		if (current.nodeType === Node.TEXT_NODE) {
			if (current === node) found = pos + Math.min(offset, current.textContent?.length ?? 0);
			pos += current.textContent?.length ?? 0;
			return;
		}
		if (!(current instanceof HTMLElement)) return;
		if (current.tagName === 'BR' || current.tagName === 'HR') {
			if (current === node) found = pos;
			if (!('filler' in current.dataset)) pos += 1;
			return;
		}
		const block = !isRoot && !INLINE_TAGS.has(current.tagName);
		if (block) pos += 1;
		const children = [...current.childNodes];
		children.forEach((child, index) => {
			if (found === null && current === node && index === offset) found = pos;
			visit(child, false);
		});
		if (found === null && current === node && offset >= children.length) found = pos;
		if (block) pos += 1;
	};
	if (!root.contains(node)) return null;
	visit(root, true);
	return found;
}

/** The selection in `root` as document positions (from ≤ to), or null when it is not in there. */
export function selectedRange(root: HTMLElement): { from: number; to: number } | null {
	const selection = getSelection();
	if (!selection || selection.rangeCount === 0) return null;
	const range = selection.getRangeAt(0);
	const from = documentPosition(root, range.startContainer, range.startOffset);
	const to = documentPosition(root, range.endContainer, range.endOffset);
	return from === null || to === null ? null : { from, to };
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
