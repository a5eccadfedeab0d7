import type { Action } from 'svelte/action';

/**
 * A closed <select> with focus changes its value on every arrow key, and Chromium fires `change`
 * for each one: saving on `change` wrote a status per key press (three ArrowDowns closed an
 * action). This keeps a keyboard-stepped value as a draft and commits it on Enter or when focus
 * leaves; a `change` not preceded by such a key (a pick from the opened list with mouse or touch,
 * a choice in a native phone picker, a programmatic choice) commits at once. Escape puts the draft
 * back to the saved value.
 */

/** Keys that step a closed select's value without the user confirming a choice. */
const STEPPING_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);

export type SelectKey = { key: string; altKey?: boolean; ctrlKey?: boolean; metaKey?: boolean };

/** True when the key steps the value (arrows, Home/End, type-ahead letters); Alt+arrow opens the list instead. */
export function stepsValue(event: SelectKey): boolean {
	if (event.altKey || event.ctrlKey || event.metaKey) return false;
	if (STEPPING_KEYS.has(event.key)) return true;
	// Type-ahead: a printable character jumps to the matching option. Space opens the list.
	return event.key.length === 1 && event.key !== ' ';
}

export type SelectDecision = { commit: string } | { revert: string } | null;

/**
 * The decisions, without the DOM: `saved` is the value the app holds, `current` the select's own.
 * Returns what to do for each event.
 */
export function selectCommitter(saved: () => string) {
	let stepping = false;
	const commitIfChanged = (current: string): SelectDecision => (current !== saved() ? { commit: current } : null);
	return {
		keydown(event: SelectKey, current: string): SelectDecision {
			if (event.key === 'Enter') {
				stepping = false;
				return commitIfChanged(current);
			}
			if (event.key === 'Escape') {
				stepping = false;
				return current !== saved() ? { revert: saved() } : null;
			}
			stepping = stepsValue(event);
			return null;
		},
		/** A pointer press opens the list: the change after it is a deliberate pick. */
		pointerdown(): SelectDecision {
			stepping = false;
			return null;
		},
		change(current: string): SelectDecision {
			return stepping ? null : commitIfChanged(current);
		},
		blur(current: string): SelectDecision {
			stepping = false;
			return commitIfChanged(current);
		}
	};
}

export type CommitSelectOptions = {
	/** The value the app holds now (the select shows a draft until it is committed). */
	value: string;
	commit: (value: string) => void;
};

/** `<select use:commitSelect={{ value, commit }}>` instead of saving on `onchange`. */
export const commitSelect: Action<HTMLSelectElement, CommitSelectOptions> = (node, initial) => {
	let options = initial;
	const committer = selectCommitter(() => options.value);
	const apply = (decision: SelectDecision) => {
		if (!decision) return;
		if ('commit' in decision) {
			// Held at once: a select its own commit removes (a done action leaving the follow-up)
			// blurs before any update arrives, and would commit the same value a second time.
			options = { ...options, value: decision.commit };
			options.commit(decision.commit);
		} else node.value = decision.revert;
	};
	const onKeydown = (event: KeyboardEvent) => {
		const decision = committer.keydown(event, node.value);
		// Enter in a form would otherwise submit it; Escape would close a surrounding dialog.
		if (decision && (event.key === 'Enter' || event.key === 'Escape')) event.preventDefault();
		apply(decision);
	};
	const onPointerdown = () => apply(committer.pointerdown());
	const onChange = () => apply(committer.change(node.value));
	const onBlur = () => apply(committer.blur(node.value));
	node.addEventListener('keydown', onKeydown);
	node.addEventListener('pointerdown', onPointerdown);
	node.addEventListener('change', onChange);
	node.addEventListener('blur', onBlur);
	return {
		update(next) {
			options = next;
		},
		destroy() {
			node.removeEventListener('keydown', onKeydown);
			node.removeEventListener('pointerdown', onPointerdown);
			node.removeEventListener('change', onChange);
			node.removeEventListener('blur', onBlur);
		}
	};
};
