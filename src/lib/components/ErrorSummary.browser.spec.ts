import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import ErrorSummary from './ErrorSummary.svelte';

/** The GOV.UK-style error summary at the top of a form, in Swedish (the test browser's language). */
describe('ErrorSummary', () => {
	it('renders nothing while the form has no errors', async () => {
		const screen = await render(ErrorSummary, { errors: null });
		await expect.element(screen.getByRole('alert')).not.toBeInTheDocument();
		expect(screen.container.textContent?.trim()).toBe('');
	});

	it('lists each error under its heading, linked to its field when the field is known', async () => {
		const screen = await render(ErrorSummary, {
			errors: { email: 'error_email_invalid', name: 'error_name_required' },
			fieldIds: { email: 'signup-email' }
		});
		const summary = screen.getByRole('alert');
		await expect.element(summary.getByRole('heading', { level: 2, name: 'Något behöver rättas' })).toBeVisible();
		await expect
			.element(summary.getByRole('link', { name: 'Skriv en e-postadress som namn@exempel.se.' }))
			.toHaveAttribute('href', '#signup-email');
		// No field id: the message is text, not a link that goes nowhere.
		await expect.element(summary.getByText('Skriv ditt namn.')).toBeVisible();
		expect(summary.getByRole('link').elements()).toHaveLength(1);
	});

	it('fills in parameters and never shows a raw key', async () => {
		const screen = await render(ErrorSummary, {
			// A key a service answers with (t() knows only those: src/lib/i18n/keyed-messages.ts).
			errors: { wait: 'error_too_many_attempts', other: 'error_no_such_key' },
			params: { seconds: 30 }
		});
		await expect.element(screen.getByText('För många försök. Vänta 30 sekunder och försök igen.')).toBeVisible();
		await expect.element(screen.getByText('Något gick fel. Försök igen.')).toBeVisible();
		await expect.element(screen.getByText('error_no_such_key')).not.toBeInTheDocument();
	});

	it('takes focus when a submit comes back with errors, so keyboard users land on it', async () => {
		const screen = await render(ErrorSummary, { errors: {} });
		expect(document.activeElement).toBe(document.body);
		await screen.rerender({ errors: { email: 'error_email_required' } });
		await expect.element(screen.getByRole('alert')).toHaveFocus();
		await expect.element(page.getByRole('alert')).toHaveTextContent('Skriv din e-postadress.');
	});
});
