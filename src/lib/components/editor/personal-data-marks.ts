import { Extension, type Editor } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, TextSelection, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { detectPersonalData, type PersonalDataKind, type Severity } from '$lib/domain/personal-data/detect';

/**
 * Marks personal data while it is typed (issue 11, point 2): every match of the detector becomes
 * a `<mark>` decoration — not a stored mark, so nothing of it reaches the shared document or the
 * other people's editors, who each run the detector themselves. A mark says what it is in a
 * `title` (mouse) and an `aria-describedby` pointing at a hidden explanation (screen readers);
 * the editor also reports how many there are, so the page can say it in words beside the text.
 *
 * Only the text blocks a transaction touched are scanned again; the rest of the decorations are
 * mapped, so a long text costs no more per keystroke than a short one.
 */

export interface PersonalDataSummary {
	identity: number;
	possible: number;
	hints: number;
}

export interface PersonalDataMarksOptions {
	/** Id of the hidden element that explains each severity. */
	describedBy: Record<Severity, string>;
	/** Short explanation per severity, shown on hover. */
	titles: Record<Severity, string>;
	/** Called after a transaction changed the counts (and once when the editor starts). */
	onSummary: (summary: PersonalDataSummary) => void;
}

interface MarkSpec {
	severity: Severity;
	kind: PersonalDataKind;
}

export { describedByIds } from './personal-data-ids';

export const personalDataKey = new PluginKey<DecorationSet>('personalDataMarks');

/** A text block's text with one character per document position (a hard break is one U+FFFC). */
function blockText(block: PmNode): string {
	let text = '';
	block.forEach((child) => {
		text += child.isText ? child.text! : '\ufffc'.repeat(child.nodeSize);
	});
	return text;
}

function decorate(block: PmNode, pos: number, options: PersonalDataMarksOptions): Decoration[] {
	return detectPersonalData(blockText(block)).map(({ kind, severity, start, end }) =>
		Decoration.inline(
			pos + 1 + start,
			pos + 1 + end,
			{
				nodeName: 'mark',
				class: `pii-mark pii-${severity}`,
				title: options.titles[severity],
				'aria-describedby': options.describedBy[severity],
				'data-personal-data': kind
			},
			{ severity, kind } satisfies MarkSpec
		)
	);
}

/** Decorations for every text block of the document. */
export function scanDocument(doc: PmNode, options: PersonalDataMarksOptions): DecorationSet {
	const decorations: Decoration[] = [];
	doc.descendants((node, pos) => {
		if (!node.isTextblock) return true;
		decorations.push(...decorate(node, pos, options));
		return false;
	});
	return DecorationSet.create(doc, decorations);
}

/** The ranges of the new document that a transaction changed. */
function changedRanges(tr: Transaction): Array<[number, number]> {
	const ranges: Array<[number, number]> = [];
	tr.mapping.maps.forEach((map, i) => {
		const rest = tr.mapping.slice(i + 1);
		map.forEach((_oldStart, _oldEnd, newStart, newEnd) => ranges.push([rest.map(newStart, -1), rest.map(newEnd, 1)]));
	});
	return ranges;
}

function rescan(tr: Transaction, previous: DecorationSet, options: PersonalDataMarksOptions): DecorationSet {
	const doc = tr.doc;
	let set = previous.map(tr.mapping, doc);
	const blocks = new Map<number, PmNode>();
	for (const [from, to] of changedRanges(tr)) {
		const start = Math.max(0, Math.min(from, doc.content.size));
		const end = Math.max(start, Math.min(to, doc.content.size));
		doc.nodesBetween(start, end, (node, pos) => {
			if (!node.isTextblock) return true;
			blocks.set(pos, node);
			return false;
		});
	}
	for (const [pos, block] of blocks) {
		set = set.remove(set.find(pos, pos + block.nodeSize)).add(doc, decorate(block, pos, options));
	}
	return set;
}

export function summarize(set: DecorationSet): PersonalDataSummary {
	const summary = { identity: 0, possible: 0, hints: 0 };
	for (const decoration of set.find()) {
		const { severity } = decoration.spec as MarkSpec;
		if (severity === 'identity') summary.identity++;
		else if (severity === 'possible-identity') summary.possible++;
		else summary.hints++;
	}
	return summary;
}

/**
 * The quick fix: the first marked identity number (or possible one) in the text is replaced with
 * `text` — a placeholder such as "[initialer]" — which is left selected with focus in the editor,
 * so that what the person types next (the initials, the case reference) takes its place.
 */
export function replaceFirstIdentityNumber(editor: Editor, text: string): boolean {
	const set = personalDataKey.getState(editor.state);
	const target = set
		?.find()
		.filter((d) => (d.spec as MarkSpec).severity !== 'hint')
		.sort((a, b) => a.from - b.from)[0];
	if (!target || !editor.isEditable) return false;
	const tr = editor.state.tr.insertText(text, target.from, target.to);
	tr.setSelection(TextSelection.create(tr.doc, target.from, target.from + text.length)).scrollIntoView();
	editor.view.dispatch(tr);
	editor.view.focus();
	return true;
}

const same = (a: PersonalDataSummary | null, b: PersonalDataSummary) => a !== null && a.identity === b.identity && a.possible === b.possible && a.hints === b.hints;

export const PersonalDataMarks = Extension.create<PersonalDataMarksOptions>({
	name: 'personalDataMarks',

	addOptions() {
		return {
			describedBy: { identity: '', 'possible-identity': '', hint: '' },
			titles: { identity: '', 'possible-identity': '', hint: '' },
			onSummary: () => {}
		};
	},

	addProseMirrorPlugins() {
		const options = this.options;
		return [
			new Plugin<DecorationSet>({
				key: personalDataKey,
				state: {
					init: (_, state) => scanDocument(state.doc, options),
					apply: (tr, set) => (tr.docChanged ? rescan(tr, set, options) : set)
				},
				props: {
					decorations: (state) => personalDataKey.getState(state)
				},
				view: (view) => {
					let last: PersonalDataSummary | null = null;
					let lastSet: DecorationSet | null = null;
					const report = () => {
						// Most transactions (caret moves, remote carets) leave the set as it was.
						const set = personalDataKey.getState(view.state)!;
						if (set === lastSet) return;
						lastSet = set;
						const summary = summarize(set);
						if (same(last, summary)) return;
						last = summary;
						options.onSummary(summary);
					};
					report();
					return { update: report };
				}
			})
		];
	}
});
