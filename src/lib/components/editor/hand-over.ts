import type { Editor } from '@tiptap/core';
import { Selection, TextSelection } from '@tiptap/pm/state';

/**
 * What MinutesEditor.svelte carries from its drawing into the live editor when it arrives, in
 * document positions (plain-minutes.ts `documentPosition`). Loaded with the editor, never before:
 * it needs ProseMirror. Positions come from a drawing that may be a moment older than the editor's
 * document, so each is clamped and moved to the nearest place text can go.
 */

export interface Range {
	from: number;
	to: number;
}

function selectionAt(editor: Editor, { from, to }: Range): Selection {
	const { doc } = editor.state;
	const clamp = (pos: number) => Math.max(0, Math.min(pos, doc.content.size));
	if (from === to) return TextSelection.near(doc.resolve(clamp(from)));
	const start = TextSelection.near(doc.resolve(clamp(from)), 1);
	const end = TextSelection.near(doc.resolve(clamp(to)), -1);
	return end.to > start.from ? TextSelection.create(doc, start.from, end.to) : start;
}

/** Selects `range` in the editor's state (what "comment on the selection" reads) and so on screen. */
export function selectRange(editor: Editor, range: Range): void {
	editor.view.dispatch(editor.state.tr.setSelection(selectionAt(editor, range)));
}

/**
 * Text typed into the drawing, put where its caret was (replacing what was selected there, as
 * typing over a selection does), each line break a new paragraph; the focus then in the editor
 * after it. Without a place (`at` null), the caret goes to the end of the text.
 */
export function insertTyped(editor: Editor, at: Range | null, text: string): void {
	const chain = editor.chain();
	if (at) chain.command(({ tr }) => (tr.setSelection(selectionAt(editor, at)), true));
	else chain.focus('end');
	if (editor.isEditable && text) {
		text.split('\n').forEach((line, index) => {
			if (index > 0) chain.splitBlock();
			if (line) chain.insertContent(line);
		});
	}
	chain.focus().run();
	// TipTap focuses on the next frame; a key pressed before it would land on nothing.
	editor.view.focus();
}

/** The personal-data quick fix, when it was pressed under the drawing. */
export { replaceFirstIdentityNumber } from './personal-data-marks';
