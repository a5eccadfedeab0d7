import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import FieldWithInput from '../../../tests/browser/FieldWithInput.svelte';

/** Label, hint and error of a form control as assistive technology reads them (Swedish). */
describe('Field', () => {
	it('names the control by its label, and a click on the label focuses it', async () => {
		const screen = await render(FieldWithInput, { id: 'email', label: 'E-postadress' });
		const input = screen.getByRole('textbox', { name: 'E-postadress' });
		await expect.element(input).not.toHaveAttribute('aria-describedby');
		await expect.element(input).not.toHaveAttribute('aria-invalid');
		await screen.getByText('E-postadress').click();
		await expect.element(input).toHaveFocus();
	});

	it('says in the label that an optional field is optional', async () => {
		const screen = await render(FieldWithInput, { id: 'url', label: 'Webbadress', optional: true });
		await expect.element(screen.getByRole('textbox', { name: 'Webbadress (frivillig)' })).toBeVisible();
	});

	it('describes the control by its hint', async () => {
		const screen = await render(FieldWithInput, {
			id: 'name',
			label: 'Ditt namn',
			hint: 'Så här visas du för andra i mötena.'
		});
		await expect.element(screen.getByRole('textbox', { name: 'Ditt namn' })).toHaveAccessibleDescription('Så här visas du för andra i mötena.');
	});

	it('marks the control invalid and reads the error before the hint', async () => {
		const screen = await render(FieldWithInput, {
			id: 'password',
			label: 'Lösenord',
			hint: 'Minst 8 tecken.',
			error: 'error_password_too_short'
		});
		const input = screen.getByRole('textbox', { name: 'Lösenord' });
		await expect.element(input).toHaveAttribute('aria-invalid', 'true');
		await expect.element(input).toHaveAccessibleDescription('Lösenordet måste ha minst 8 tecken. Minst 8 tecken.');
	});

	it('drops the error once it is fixed', async () => {
		const screen = await render(FieldWithInput, { id: 'email', label: 'E-postadress', error: 'error_email_required' });
		const input = screen.getByRole('textbox', { name: 'E-postadress' });
		await expect.element(input).toHaveAccessibleDescription('Skriv din e-postadress.');
		await userEvent.fill(input, 'a@example.se');
		await screen.rerender({ error: null });
		await expect.element(input).not.toHaveAttribute('aria-invalid');
		await expect.element(input).not.toHaveAttribute('aria-describedby');
		await expect.element(screen.getByText('Skriv din e-postadress.')).not.toBeInTheDocument();
	});
});
