import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import CopyField from './CopyField.svelte';

const LINK = 'https://samtavla.example/invite/abcdefghijklmnopqrstuvwxyz012345';

/**
 * An invite link with a copy button. The clipboard is the browser's own API, replaced per test:
 * whether a headless browser grants clipboard access is not what is under test, the feedback is.
 */
describe('CopyField', () => {
	afterEach(() => vi.restoreAllMocks());

	it('shows the link read-only under its label, selected as a whole on focus', async () => {
		const screen = await render(CopyField, { id: 'invite-link', label: 'Inbjudningslänk', value: LINK });
		const input = screen.getByRole('textbox', { name: 'Inbjudningslänk' });
		await expect.element(input).toHaveValue(LINK);
		await expect.element(input).toHaveAttribute('readonly');
		await userEvent.tab();
		await expect.element(input).toHaveFocus();
		const field = input.element() as HTMLInputElement;
		expect([field.selectionStart, field.selectionEnd]).toEqual([0, LINK.length]);
	});

	it('copies the link from the keyboard and says so in a status message', async () => {
		const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
		const screen = await render(CopyField, { id: 'invite-link', label: 'Inbjudningslänk', value: LINK });
		const status = screen.getByRole('status');
		await expect.element(status).toBeEmptyDOMElement();
		await userEvent.tab();
		await userEvent.tab();
		await expect.element(screen.getByRole('button', { name: 'Kopiera länken' })).toHaveFocus();
		await userEvent.keyboard('{Enter}');
		await expect.element(status).toHaveTextContent('Länken är kopierad.');
		expect(writeText).toHaveBeenCalledExactlyOnceWith(LINK);
	});

	it('when copying is refused, says so and selects the link for copying by hand', async () => {
		vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('Denied', 'NotAllowedError'));
		const screen = await render(CopyField, { id: 'invite-link', label: 'Inbjudningslänk', value: LINK });
		await screen.getByRole('button', { name: 'Kopiera länken' }).click();
		await expect
			.element(screen.getByRole('status'))
			.toHaveTextContent('Det gick inte att kopiera. Markera länken och kopiera den själv.');
		const field = screen.getByRole('textbox', { name: 'Inbjudningslänk' }).element() as HTMLInputElement;
		expect([field.selectionStart, field.selectionEnd]).toEqual([0, LINK.length]);
	});
});
