import type { SubmitFunction } from '@sveltejs/kit';

type Input = Parameters<SubmitFunction>[0];
type Output = Parameters<Exclude<Awaited<ReturnType<SubmitFunction>>, void>>[0];

/** What a form's post came back with, for deciding where focus goes. */
export interface Posted {
	formElement: HTMLFormElement;
	submitter: HTMLElement | null;
	result: Output['result'];
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
				await after?.({ formElement, submitter: input.submitter, result });
			};
		};
	}
}
