import type { SubmitFunction } from '@sveltejs/kit';

type Input = Parameters<SubmitFunction>[0];
type Output = Parameters<Exclude<Awaited<ReturnType<SubmitFunction>>, void>>[0];

/** What a form's post came back with, for deciding where focus goes. */
export interface Posted {
	formElement: HTMLFormElement;
	submitter: HTMLElement | null;
	result: Output['result'];
	/** What was sent, to tell whether the person has typed on since. */
	formData: FormData;
}

/**
 * Empties a form after its post went through, unless the person has typed on while it was
 * sent: the card of a sent ask can arrive live before the post's answer does, and a second
 * ask begun in that moment must not be wiped (it is kept, and sent when they press again).
 */
export function clearIfUnchanged(form: HTMLFormElement, sent: FormData): boolean {
	const now = new FormData(form);
	for (const [name, value] of now) {
		if (typeof value === 'string' && value !== (sent.get(name) ?? '')) return false;
	}
	form.reset();
	return true;
}

/**
 * The board page's form posts (`use:enhance`), one at a time. While a form is sent its submit
 * button is aria-disabled, not disabled (a disabled button loses focus to the page body), and a
 * second press anywhere is ignored. `after` runs once the page has the answer (focus, notices).
 */
export class FormPosts {
	#busy = $state<string | null>(null);

	/** `aria-disabled` for the submit button of the post named `name`. */
	ariaDisabled(name: string): 'true' | undefined {
		return this.#busy === name ? 'true' : undefined;
	}

	submit(name: string, after?: (posted: Posted) => void | Promise<void>): SubmitFunction {
		return (input: Input) => {
			if (this.#busy) return input.cancel();
			this.#busy = name;
			return async ({ formElement, result, update }: Output) => {
				await update({ reset: false });
				this.#busy = null;
				await after?.({ formElement, submitter: input.submitter, result, formData: input.formData });
			};
		};
	}
}
