import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import { decodeAnchorPosition, encodeAnchorPosition } from '$lib/domain/comment-anchor';
import type { SelectedPassage } from './comment-draft.svelte';

/** A passage to highlight: the thread's id and its anchor's two encoded relative positions. */
export interface HighlightedPassage {
	id: string;
	start: string;
	end: string;
}

export interface CommentHighlightsOptions {
	/** The passages with open threads in this editor's fragment (read on every redraw). */
	passages: () => HighlightedPassage[];
	/** Ctrl/Cmd+Alt+M: comment on the selection. */
	onComment: () => void;
	/** A highlight was clicked, or pressed with Enter or Space, in a read-only editor: go to its thread. */
	onOpenThread: (threadId: string) => void;
	/** The id of the text that says what a highlight in a read-only editor does (its description). */
	hintId: string;
}

const key = new PluginKey<DecorationSet>('commentHighlights');

/** Where the sync plugin keeps the Yjs side of the editor (null before it has bound the fragment). */
function ySync(state: EditorState) {
	const ystate = ySyncPluginKey.getState(state);
	return ystate?.binding && ystate.doc && ystate.type ? ystate : null;
}

/** The thread a highlight belongs to, when `target` is (inside) one. */
function highlightThread(target: EventTarget | null): string | null {
	const highlight = target instanceof Element ? target.closest<HTMLElement>('.comment-highlight[data-thread-id]') : null;
	return highlight?.dataset.threadId ?? null;
}

/**
 * Commented passages, highlighted. Decorations only: they are drawn over the text and never enter
 * the document (so the minutes stay exactly as written). Each passage is stored as two Yjs
 * relative positions (comment-anchor.ts) and mapped back to ProseMirror positions through the
 * sync plugin's binding on every redraw, so a highlight follows the text as others type.
 *
 * In a read-only editor (viewers, contributors: most of those who comment) a highlight leads to
 * its thread: it is a button there, reached with Tab, that a click, Enter or Space follows. In an
 * editable one a click must put the caret in the text, so the way to the thread is the "Show the
 * comment" button under the editor while the caret is in the passage (`threadAtSelection`).
 */
export const CommentHighlights = Extension.create<CommentHighlightsOptions>({
	name: 'commentHighlights',

	addOptions() {
		return { passages: () => [], onComment: () => {}, onOpenThread: () => {}, hintId: '' };
	},

	addKeyboardShortcuts() {
		return {
			'Mod-Alt-m': () => {
				this.options.onComment();
				return true;
			}
		};
	},

	addProseMirrorPlugins() {
		const passages = () => this.options.passages();
		const look = (): HighlightLook => ({ editable: this.editor.isEditable, hintId: this.options.hintId });
		const follow = (view: EditorView, event: Event): boolean => {
			const threadId = view.editable ? null : highlightThread(event.target);
			// A drag that selected text inside a highlight also ends in a click: that person is choosing a passage.
			if (!threadId || (event.type === 'click' && !view.dom.ownerDocument.getSelection()?.isCollapsed)) return false;
			event.preventDefault();
			this.options.onOpenThread(threadId);
			return true;
		};
		return [
			new Plugin<DecorationSet>({
				key,
				state: {
					init: (_, state) => decorate(state, passages(), look()),
					// Recomputed when the threads change (our meta) and after the sync plugin's own
					// transactions (others' edits, the first binding), when its mapping is up to date. A local
					// edit reaches Yjs (and the mapping) only after this runs: its highlights are moved
					// with the edit instead, which is where the relative positions put them too.
					apply: (tr, old, _, state) => (tr.getMeta(key) || tr.getMeta(ySyncPluginKey) ? decorate(state, passages(), look()) : old.map(tr.mapping, tr.doc))
				},
				props: {
					decorations: (state) => key.getState(state),
					handleDOMEvents: {
						click: follow,
						keydown: (view, event) => (event.key === 'Enter' || event.key === ' ') && follow(view, event)
					}
				}
			})
		];
	}
});

/** What a highlight is drawn as: a button to its thread in a read-only editor, plain text in an editable one. */
interface HighlightLook {
	editable: boolean;
	hintId: string;
}

function decorate(state: EditorState, passages: HighlightedPassage[], look: HighlightLook): DecorationSet {
	const ystate = ySync(state);
	if (!ystate || passages.length === 0) return DecorationSet.empty;
	const decorations: Decoration[] = [];
	const max = state.doc.content.size;
	for (const passage of passages) {
		const start = decodeAnchorPosition(passage.start);
		const end = decodeAnchorPosition(passage.end);
		if (!start || !end) continue;
		const from = relativePositionToAbsolutePosition(ystate.doc, ystate.type, start, ystate.binding.mapping);
		const to = relativePositionToAbsolutePosition(ystate.doc, ystate.type, end, ystate.binding.mapping);
		if (from === null || to === null || to <= from || to > max) continue;
		const attributes = look.editable ? {} : { tabindex: '0', role: 'button', ...(look.hintId ? { 'aria-describedby': look.hintId } : {}) };
		decorations.push(Decoration.inline(from, to, { class: 'comment-highlight', 'data-thread-id': passage.id, ...attributes }, { threadId: passage.id }));
	}
	return DecorationSet.create(state.doc, decorations);
}

/** The range of thread `threadId`'s highlight (its first part, when it spans paragraphs); null when it is not drawn. */
function highlightRange(editor: Editor, threadId: string): { from: number; to: number } | null {
	const found = key.getState(editor.state)?.find(undefined, undefined, (spec) => spec.threadId === threadId) ?? [];
	if (found.length === 0) return null;
	return { from: Math.min(...found.map((d) => d.from)), to: Math.max(...found.map((d) => d.to)) };
}

/** The thread whose highlight holds the caret (or the selection's start); null when none does. */
export function threadAtSelection(editor: Editor): string | null {
	if (editor.isDestroyed) return null;
	const { from } = editor.state.selection;
	// A caret at either edge of the passage counts as in it (a click on its first or last letter puts it there).
	const found = key.getState(editor.state)?.find(from, from, (spec) => typeof spec.threadId === 'string') ?? [];
	return (found[0]?.spec.threadId as string | undefined) ?? null;
}

/**
 * Back from a thread to its passage: in an editable editor the passage is selected (the screen
 * reader reads it) with focus in the text; in a read-only one its highlight, a button there, takes
 * focus. False when the passage is not highlighted (its text was deleted).
 */
export function showPassage(editor: Editor, threadId: string): boolean {
	if (editor.isDestroyed) return false;
	const range = highlightRange(editor, threadId);
	if (!range) return false;
	if (editor.isEditable) {
		editor.chain().setTextSelection(range).scrollIntoView().focus().run();
		return true;
	}
	const highlight = editor.view.dom.querySelector<HTMLElement>(`.comment-highlight[data-thread-id="${CSS.escape(threadId)}"]`);
	if (!highlight) return false;
	highlight.scrollIntoView({ block: 'center' });
	highlight.focus({ preventScroll: true });
	return true;
}

/** Redraws the highlights (after the threads changed, or the editor became editable or read-only). */
export function refreshHighlights(editor: Editor): void {
	if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(key, true));
}

/** The selection as an anchor (two encoded relative positions) and its text; null when nothing is selected. */
export function selectedPassage(editor: Editor): SelectedPassage | null {
	if (editor.isDestroyed) return null;
	const range = editor.state.selection.empty ? domSelection(editor) : editor.state.selection;
	if (!range || range.from >= range.to) return null;
	return passageBetween(editor, range.from, range.to);
}

/** The text from `from` to `to` as a passage (its anchor and text); null when it holds no text. */
function passageBetween(editor: Editor, from: number, to: number): SelectedPassage | null {
	const ystate = ySync(editor.state);
	if (!ystate) return null;
	const text = editor.state.doc.textBetween(from, to, ' ').trim();
	if (!text) return null;
	return {
		start: encodeAnchorPosition(absolutePositionToRelativePosition(from, ystate.type, ystate.binding.mapping)),
		end: encodeAnchorPosition(absolutePositionToRelativePosition(to, ystate.type, ystate.binding.mapping)),
		text
	};
}

/** The ranges of the paragraphs, headings and list items with text, in order. */
function textBlocks(editor: Editor): Array<{ from: number; to: number; text: string }> {
	const blocks: Array<{ from: number; to: number; text: string }> = [];
	editor.state.doc.descendants((node, pos) => {
		if (!node.isTextblock) return true;
		const text = node.textContent.trim();
		if (text) blocks.push({ from: pos + 1, to: pos + 1 + node.content.size, text });
		return false;
	});
	return blocks;
}

/**
 * The text of each paragraph (for the "choose a paragraph" list): a read-only editor has no caret,
 * so someone who uses only the keyboard cannot select a passage there; they choose a paragraph.
 */
export function paragraphTexts(editor: Editor | null): string[] {
	return editor && !editor.isDestroyed ? textBlocks(editor).map((b) => b.text) : [];
}

/** Paragraph `index` (as listed by paragraphTexts) as a passage; null when it is gone. */
export function paragraphPassage(editor: Editor, index: number): SelectedPassage | null {
	if (editor.isDestroyed) return null;
	const block = textBlocks(editor)[index];
	return block ? passageBetween(editor, block.from, block.to) : null;
}

/**
 * The browser's selection inside a read-only editor. ProseMirror keeps its own selection in step
 * while the text is editable; in a read-only one (viewers, contributors) it may not, so the
 * passage someone selected with the mouse or by touch is read from the page.
 */
function domSelection(editor: Editor): { from: number; to: number } | null {
	const view = editor.view;
	const selection = view.dom.ownerDocument.getSelection();
	if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
	const range = selection.getRangeAt(0);
	if (!view.dom.contains(range.startContainer) || !view.dom.contains(range.endContainer)) return null;
	try {
		return { from: view.posAtDOM(range.startContainer, range.startOffset), to: view.posAtDOM(range.endContainer, range.endOffset) };
	} catch {
		return null;
	}
}
