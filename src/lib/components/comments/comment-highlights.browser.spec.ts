import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import * as Y from 'yjs';
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import { CommentHighlights, refreshHighlights, selectedPassage, showPassage, threadAtSelection, type HighlightedPassage } from './comment-highlights';

/**
 * The comment highlights in real Chromium on a Yjs-bound editor: in read-only minutes a highlight
 * is a button to its thread (click, Enter), in editable ones the caret stays in the text and the
 * thread under the caret is known; from a thread, its passage is selected or focused.
 */
let editors: Editor[] = [];
afterEach(() => {
	for (const e of editors) e.destroy();
	editors = [];
	document.body.replaceChildren();
});

const TEXT = 'Nämnden föreslår en ny budget för boendet.';

async function minutes() {
	const element = document.createElement('div');
	document.body.append(element);
	const passages: HighlightedPassage[] = [];
	const opened: string[] = [];
	const doc = new Y.Doc();
	const instance = new Editor({
		element,
		extensions: [
			StarterKit.configure({ undoRedo: false }),
			Collaboration.configure({ fragment: doc.getXmlFragment('minutes') }),
			CommentHighlights.configure({ passages: () => passages, onOpenThread: (id) => opened.push(id), hintId: 'hint' })
		]
	});
	editors.push(instance);
	instance.commands.insertContent(`<p>${TEXT}</p>`);
	await expect.poll(() => instance.getText()).toBe(TEXT);
	/** Comments on `word` as a person would: selects it and anchors a thread `id` there. */
	const comment = (id: string, word: string) => {
		const from = 1 + TEXT.indexOf(word);
		instance.commands.setTextSelection({ from, to: from + word.length });
		const passage = selectedPassage(instance)!;
		passages.push({ id, start: passage.start, end: passage.end });
		instance.commands.setTextSelection(1);
		refreshHighlights(instance);
	};
	const readOnly = () => {
		instance.setEditable(false);
		refreshHighlights(instance);
	};
	const highlight = () => element.querySelector<HTMLElement>('.comment-highlight');
	return { instance, element, opened, comment, readOnly, highlight };
}

describe('comment highlights', () => {
	it('in read-only minutes, are buttons to their threads: a click or Enter follows', async () => {
		const m = await minutes();
		m.comment('t1', 'ny budget');
		m.readOnly();
		const highlight = m.highlight()!;
		expect([highlight.textContent, highlight.getAttribute('role'), highlight.getAttribute('tabindex'), highlight.getAttribute('aria-describedby')]).toEqual([
			'ny budget',
			'button',
			'0',
			'hint'
		]);
		await userEvent.click(highlight);
		expect(m.opened).toEqual(['t1']);
		highlight.focus();
		await userEvent.keyboard('{Enter}');
		expect(m.opened).toEqual(['t1', 't1']);
		// Text selected by dragging inside the passage: the person is choosing a passage, not following one.
		const range = document.createRange();
		range.setStart(highlight.firstChild!, 0);
		range.setEnd(highlight.firstChild!, 2);
		getSelection()!.removeAllRanges();
		getSelection()!.addRange(range);
		highlight.dispatchEvent(new MouseEvent('click', { bubbles: true }));
		expect(m.opened).toEqual(['t1', 't1']);
	});

	it('in editable minutes, stay text: a click puts the caret there, and the thread under it is known', async () => {
		const m = await minutes();
		m.comment('t1', 'ny budget');
		const highlight = m.highlight()!;
		expect([highlight.getAttribute('role'), highlight.getAttribute('tabindex')]).toEqual([null, null]);
		await userEvent.click(highlight);
		expect(m.opened).toEqual([]);
		expect(m.instance.isFocused).toBe(true);
		expect(threadAtSelection(m.instance)).toBe('t1');
		m.instance.commands.setTextSelection(3);
		expect(threadAtSelection(m.instance)).toBeNull();
	});

	it('show a thread’s passage: selected in editable minutes, its highlight focused in read-only ones', async () => {
		const m = await minutes();
		m.comment('t1', 'ny budget');
		expect(showPassage(m.instance, 't1')).toBe(true);
		const { from, to } = m.instance.state.selection;
		expect(m.instance.state.doc.textBetween(from, to)).toBe('ny budget');
		// TipTap focuses on the next frame.
		await expect.poll(() => m.instance.isFocused).toBe(true);
		m.readOnly();
		expect(showPassage(m.instance, 't1')).toBe(true);
		expect(document.activeElement).toBe(m.highlight());
		expect(showPassage(m.instance, 'gone')).toBe(false);
	});
});
