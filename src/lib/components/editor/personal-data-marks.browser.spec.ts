import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { PersonalDataMarks, describedByIds, replaceFirstIdentityNumber, type PersonalDataSummary } from './personal-data-marks';

/**
 * The marking extension in real Chromium, typed into with the keyboard: a personnummer becomes a
 * <mark> that says what it is (title, aria-describedby), edits re-mark only what changed, and the
 * counts reach the page. The marks are decorations: nothing of them is in the document.
 */
let editors: Editor[] = [];
afterEach(() => {
	for (const e of editors) e.destroy();
	editors = [];
	document.body.replaceChildren();
});

function editor(content = '<p></p>') {
	const element = document.createElement('div');
	document.body.append(element);
	const summaries: PersonalDataSummary[] = [];
	const instance = new Editor({
		element,
		content,
		extensions: [
			StarterKit.configure({ undoRedo: false }),
			PersonalDataMarks.configure({
				describedBy: describedByIds('ed'),
				titles: { identity: 'Personnummer', 'possible-identity': 'Kanske personnummer', hint: 'Kontaktuppgift' },
				onSummary: (s) => summaries.push(s)
			})
		]
	});
	editors.push(instance);
	const marks = () => [...element.querySelectorAll('mark.pii-mark')].map((m) => [m.getAttribute('data-personal-data'), m.textContent]);
	return { instance, element, summaries, marks };
}

/**
 * TipTap's focus command gives the editor the DOM focus in the next animation frame: keys sent
 * before that go to the page, not the editor (CI, stop 21, on a loaded machine). Wait for it.
 */
async function focused(instance: Editor) {
	await expect.poll(() => instance.view.hasFocus(), { timeout: 5000 }).toBe(true);
}

describe('personal-data marks', () => {
	it('marks a personnummer as it is typed, with a title and a description for screen readers', async () => {
		const { instance, element, summaries, marks } = editor();
		instance.commands.focus();
		await focused(instance);
		await userEvent.keyboard('Klienten 811218-987');
		// Nine digits after the date: not a number yet (once ProseMirror has read what was typed).
		await expect.poll(() => instance.getText()).toBe('Klienten 811218-987');
		expect(marks()).toEqual([]);
		await userEvent.keyboard('6 har fått bostad.');
		await expect.poll(() => marks()).toEqual([['personnummer', '811218-9876']]);
		const mark = element.querySelector('mark.pii-mark')!;
		expect(mark.classList.contains('pii-identity')).toBe(true);
		expect(mark.getAttribute('title')).toBe('Personnummer');
		expect(mark.getAttribute('aria-describedby')).toBe('ed-pii-identity');
		expect(summaries.at(-1)).toEqual({ identity: 1, possible: 0, hints: 0 });
		// Decorations only: the document (what is shared and stored) has no trace of them.
		expect(JSON.stringify(instance.getJSON())).not.toContain('pii');
	});

	it('re-marks a block when it changes: a broken number loses its mark, a bold half keeps one mark', async () => {
		const { instance, summaries, marks } = editor('<p>Pnr 811218-<strong>9876</strong> och a@b.se</p><p>Storgatan 12</p>');
		expect(marks()).toEqual([
			['personnummer', '811218-'],
			['personnummer', '9876'],
			['email', 'a@b.se'],
			['address', 'Storgatan 12']
		]);
		expect(summaries.at(-1)).toEqual({ identity: 1, possible: 0, hints: 2 });
		// The caret after "811218": type a digit, and the date is no longer a date.
		instance.chain().focus().setTextSelection(11).run();
		await focused(instance);
		await userEvent.keyboard('5');
		// ProseMirror reads typed input from the DOM a moment later (its observer): wait for it.
		await expect.poll(() => marks()).toEqual([
			['email', 'a@b.se'],
			['address', 'Storgatan 12']
		]);
		expect(summaries.at(-1)).toEqual({ identity: 0, possible: 0, hints: 2 });
	});

	it('the quick fix replaces the first marked number with a selected placeholder that typing replaces', async () => {
		const { instance, marks } = editor('<p>Pnr 850709-1234 och 811218-9876, a@b.se</p>');
		// The possible one (wrong check digit) comes first in the text, so it is fixed first; hints never.
		expect(replaceFirstIdentityNumber(instance, '[initialer]')).toBe(true);
		await focused(instance);
		await userEvent.keyboard('A. B.');
		await expect.poll(() => instance.getText()).toBe('Pnr A. B. och 811218-9876, a@b.se');
		expect(replaceFirstIdentityNumber(instance, '[ärendenummer]')).toBe(true);
		expect(instance.getText()).toBe('Pnr A. B. och [ärendenummer], a@b.se');
		expect(marks()).toEqual([['email', 'a@b.se']]);
		expect(replaceFirstIdentityNumber(instance, '[initialer]')).toBe(false);
	});
});
