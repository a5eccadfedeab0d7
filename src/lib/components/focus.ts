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
