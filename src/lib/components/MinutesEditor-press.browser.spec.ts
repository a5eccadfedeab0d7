import { afterEach, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import MinutesEditor from './MinutesEditor.svelte';
import type { SelectedPassage } from './comments/comment-draft.svelte';
import { notesWith, select, user } from '../../../tests/browser/minutes-fixture';

/**
 * "Comment on the selection" pressed on the drawing while the editor's code arrives (its own file:
 * once the code has come, every later editor in a file starts live). The editor's module is held
 * back until the press has begun; the release and click come after the editor is made.
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

it('a click on "comment on the selection" begun on the drawing while the editor comes comments on the passage chosen there', async () => {
	const { session, fragment } = notesWith('Nämnden föreslår en ny budget för boendet.');
	closing.push(() => session.destroy());
	const oncomment = vi.fn<(passage: SelectedPassage) => void>();
	const screen = await render(MinutesEditor, {
		session,
		fragment,
		user,
		label: 'Anteckningar',
		canWrite: false,
		testId: 'notes',
		comments: { passages: [], canComment: true, oncomment }
	});
	const group = screen.getByRole('group', { name: 'Anteckningar' }).element();
	const button = screen.getByTestId('comment-on-selection').element() as HTMLButtonElement;
	select(screen.getByTestId('notes').element(), 'ny budget');

	// The pointer comes over the minutes (their code is asked for) and is pressed on the button…
	group.dispatchEvent(new PointerEvent('pointerenter'));
	button.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
	gate.open();
	// …the editor is made meanwhile (TipTap marks its text `.tiptap`)…
	await expect.poll(() => document.querySelector('.tiptap'), { timeout: 60_000 }).not.toBeNull();
	// …and then released and clicked where it was pressed.
	button.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
	button.click();

	await expect.poll(() => oncomment.mock.calls.length).toBe(1);
	expect(oncomment.mock.calls[0][0].text).toBe('ny budget');
	await expect.element(screen.getByTestId('comment-needs-selection')).toHaveTextContent('');
});
