import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import MinutesEditor from './MinutesEditor.svelte';
import { notesWith, paragraphs, select, user } from '../../../tests/browser/minutes-fixture';

/**
 * The minutes before the editor's code has come (MinutesEditor.svelte draws them, and loads
 * LiveMinutesEditor.svelte only when reached for): the editor's module is held back here until a
 * test lets it through. Once it has come it stays loaded for every later editor in this file, so
 * the tests that need the drawing only come first (the press across the hand-over has its own file).
 */
const gate = vi.hoisted(() => {
	let open = () => {};
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { opened, open: () => open() };
});
vi.mock('./editor/live-editor-code', () => ({
	importLiveEditor: async () => {
		await gate.opened;
		return import('./LiveMinutesEditor.svelte');
	}
}));

const closing: Array<() => void> = [];
afterEach(() => {
	closing.splice(0).forEach((close) => close());
});

describe('MinutesEditor before the editor has come', () => {
	it('marks personal data in the drawing as the editor does, explained for screen readers and in words', async () => {
		const { session, fragment } = notesWith('Klienten har pnr 811218-9876 och bor på Storgatan 12.');
		closing.push(() => session.destroy());
		const screen = await render(MinutesEditor, { session, fragment, user, label: 'Anteckningar', canWrite: true, testId: 'notes' });
		const root = screen.getByTestId('notes').element();
		const mark = root.querySelector('mark[data-personal-data="personnummer"]');
		expect(mark?.textContent).toBe('811218-9876');
		expect(mark?.className).toBe('pii-mark pii-identity');
		await expect.element(screen.getByTestId('notes').getByText('811218-9876')).toHaveAccessibleDescription(/Ser ut som ett personnummer/);
		expect(root.querySelector('mark[data-personal-data="address"]')?.textContent).toBe('Storgatan 12');
		await expect.element(screen.getByTestId('personal-data-notice')).toHaveTextContent(/ser ut som ett personnummer/);
		// A change to the shared text is drawn with its marks too.
		fragment.doc!.transact(() => fragment.delete(0, 1));
		await expect.poll(() => root.querySelectorAll('mark').length).toBe(0);
		await expect.element(screen.getByTestId('personal-data-notice')).toHaveTextContent('');
	});

	it('puts text typed before the editor came where the caret was, not at the end', async () => {
		const { session, fragment } = notesWith('Mötet börjar klockan tio.');
		closing.push(() => session.destroy());
		const screen = await render(MinutesEditor, { session, fragment, user, label: 'Anteckningar', canWrite: true, testId: 'notes' });
		const drawing = screen.getByTestId('notes').element() as HTMLElement;
		drawing.focus();
		select(drawing, 'klockan', true);
		await userEvent.keyboard('i morgon ');
		// Held back: neither the drawing nor the document has it yet.
		expect(paragraphs(fragment)).toEqual(['Mötet börjar klockan tio.']);
		gate.open();
		await expect.poll(() => paragraphs(fragment), { timeout: 60_000 }).toEqual(['Mötet börjar i morgon klockan tio.']);
		// The editor has the focus, its caret after what was typed: typing on continues there.
		await userEvent.keyboard('redan ');
		await expect.poll(() => paragraphs(fragment)).toEqual(['Mötet börjar i morgon redan klockan tio.']);
	});
});
