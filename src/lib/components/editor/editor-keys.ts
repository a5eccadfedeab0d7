import { Extension } from '@tiptap/core';
import type { EditorState } from '@tiptap/pm/state';

export type ListChange = { kind: 'indented' | 'outdented'; level: number } | { kind: 'left' };

export interface EditorKeysOptions {
	/** Escape: leave the editor (the page decides where focus goes). */
	onEscape: () => void;
	/** Tab/Shift+Tab changed the list level of the item under the caret. */
	onListChange: (change: ListChange) => void;
}

/** How many list items the caret sits in: 0 outside a list, 1 in a top-level item, 2 nested once… */
export function listLevel(state: EditorState): number {
	const { $from } = state.selection;
	let level = 0;
	for (let depth = $from.depth; depth > 0; depth--) if ($from.node(depth).type.name === 'listItem') level++;
	return level;
}

/**
 * Keys of the minutes editor for keyboard and screen-reader users. Tab and Shift+Tab in a list
 * indent and outdent the item (as ListItem does), but a change of level is reported so the page can
 * announce it; where nothing can change, Tab is left to the browser and moves focus on. Escape
 * leaves the editor, since Tab inside a list does not. Runs before ListItem's own Tab keys.
 */
export const EditorKeys = Extension.create<EditorKeysOptions>({
	name: 'minutesEditorKeys',
	priority: 1000,

	addOptions() {
		return { onEscape: () => {}, onListChange: () => {} };
	},

	addKeyboardShortcuts() {
		const move = (direction: 'in' | 'out') => {
			const editor = this.editor;
			const before = listLevel(editor.state);
			if (before === 0) return false;
			const moved = direction === 'in' ? editor.commands.sinkListItem('listItem') : editor.commands.liftListItem('listItem');
			const after = listLevel(editor.state);
			if (moved && after !== before) {
				this.options.onListChange(after === 0 ? { kind: 'left' } : { kind: after > before ? 'indented' : 'outdented', level: after });
			}
			return moved;
		};
		return {
			Tab: () => move('in'),
			'Shift-Tab': () => move('out'),
			Escape: () => {
				this.options.onEscape();
				return true;
			}
		};
	}
});
