import { tick } from 'svelte';

type Target = HTMLElement | null | undefined | (() => HTMLElement | null | undefined);

/**
 * When the control that had focus hides or disables itself (a revoked invite's button, a submit
 * button disabled while its form is sent), the browser drops focus to the page body and keyboard
 * and screen-reader users lose their place. Once the page has updated, this focuses the first of
 * `targets` still on the page and enabled. Focus that moved somewhere on purpose (an error
 * summary, a dialog) is left where it is.
 */
export async function keepFocus(...targets: Target[]): Promise<void> {
	await tick();
	const active = document.activeElement;
	if (active && active !== document.body && active.isConnected) return;
	for (const target of targets) {
		const element = typeof target === 'function' ? target() : target;
		if (element?.isConnected && !(element as HTMLButtonElement).disabled) {
			element.focus();
			return;
		}
	}
}

const FIELD = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])';

/**
 * `use:focusFirstField` on a form that opens in place ("Edit § 2"): the person lands in its first
 * field instead of on the page body, where the button they pressed (now hidden) left them.
 */
export function focusFirstField(node: HTMLElement): void {
	node.querySelector<HTMLElement>(FIELD)?.focus();
}

/**
 * `use:cancelOnEscape={oncancel}` on an inline edit form: Escape anywhere in it cancels, as the
 * Cancel button does. A key a control inside already used (a select putting back its draft, a
 * dialog closing) is left alone.
 */
export function cancelOnEscape(node: HTMLElement, cancel: (() => void) | undefined) {
	let current = cancel;
	const onKeydown = (event: KeyboardEvent) => {
		if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing || !current) return;
		event.preventDefault();
		current();
	};
	node.addEventListener('keydown', onKeydown);
	return {
		update(next: (() => void) | undefined) {
			current = next;
		},
		destroy() {
			node.removeEventListener('keydown', onKeydown);
		}
	};
}
