import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import StatusSelect from '../../../tests/browser/StatusSelect.svelte';

/**
 * `use:commitSelect` in real Chromium, which changes a focused closed select's value (and fires
 * `change`) on every arrow key: the steps stay a draft until Enter or leaving the select.
 */
async function setup() {
	const onsave = vi.fn();
	const onsubmit = vi.fn();
	const screen = await render(StatusSelect, { initial: 'open', onsave, onsubmit });
	const select = screen.getByRole('combobox', { name: 'Status' });
	// Reached by keyboard: a click would open the list, where arrow keys behave differently.
	await userEvent.tab();
	await expect.element(select).toHaveFocus();
	return { screen, select, onsave, onsubmit };
}

describe('commitSelect', () => {
	it('saves nothing on arrow keys and once on Enter, without submitting the form', async () => {
		const { screen, select, onsave, onsubmit } = await setup();
		await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
		await expect.element(select).toHaveValue('done');
		expect(onsave).not.toHaveBeenCalled();
		await userEvent.keyboard('{Enter}');
		await expect.element(screen.getByTestId('saved')).toHaveTextContent('done');
		expect(onsave).toHaveBeenCalledExactlyOnceWith('done');
		expect(onsubmit).not.toHaveBeenCalled();
	});

	it('saves the stepped value once when Tab leaves the select', async () => {
		const { screen, select, onsave } = await setup();
		await userEvent.keyboard('{ArrowDown}');
		await userEvent.tab();
		await expect.element(screen.getByRole('button', { name: 'Next' })).toHaveFocus();
		expect(onsave).toHaveBeenCalledExactlyOnceWith('in_progress');
		await expect.element(select).toHaveValue('in_progress');
	});

	it('puts the saved value back on Escape', async () => {
		const { select, onsave } = await setup();
		await userEvent.keyboard('{ArrowDown}{ArrowDown}');
		await expect.element(select).toHaveValue('waiting');
		await userEvent.keyboard('{Escape}');
		await expect.element(select).toHaveValue('open');
		await userEvent.tab();
		expect(onsave).not.toHaveBeenCalled();
	});

	it('saves a choice made without stepping keys at once', async () => {
		const onsave = vi.fn();
		const screen = await render(StatusSelect, { initial: 'open', onsave, onsubmit: vi.fn() });
		await screen.getByRole('combobox', { name: 'Status' }).selectOptions('waiting');
		await expect.element(screen.getByTestId('saved')).toHaveTextContent('waiting');
		expect(onsave).toHaveBeenCalledExactlyOnceWith('waiting');
	});
});
