/**
 * Keyboard reach on the meeting page: a list of links becomes one Tab stop whose links the arrow
 * keys, Home and End move between (the "roving tabindex" pattern), so every section and every §
 * is a few key presses from the top. Applied once scripts run; without them every link stays in
 * the Tab order as usual.
 */
export function rovingFocus(node: HTMLElement) {
	const links = () => [...node.querySelectorAll<HTMLElement>('a[href]')];

	function settle(active?: HTMLElement) {
		const all = links();
		const keep = active ?? all.find((link) => link.getAttribute('tabindex') === '0') ?? all.find((link) => link.hasAttribute('data-open')) ?? all[0];
		for (const link of all) {
			link.tabIndex = link === keep ? 0 : -1;
			// A link to the list's section lands here (focusTarget): on the link Tab would reach.
			link.toggleAttribute('data-focus-target', link === keep);
		}
	}

	function onkeydown(event: KeyboardEvent) {
		const all = links();
		const at = all.indexOf(document.activeElement as HTMLElement);
		if (at < 0 || event.altKey || event.ctrlKey || event.metaKey) return;
		const next = { ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1, Home: 0, End: all.length - 1 }[event.key];
		if (next === undefined) return;
		event.preventDefault();
		// Round the ends: the last link is one press from the first.
		const link = all[(next + all.length) % all.length];
		settle(link);
		link.focus();
	}

	function onfocusin(event: FocusEvent) {
		if (links().includes(event.target as HTMLElement)) settle(event.target as HTMLElement);
	}

	settle();
	// Items added, moved or removed by anyone: the new links join with one Tab stop kept.
	const observer = new MutationObserver(() => settle());
	observer.observe(node, { childList: true, subtree: true });
	node.addEventListener('keydown', onkeydown);
	node.addEventListener('focusin', onfocusin);
	return {
		destroy() {
			observer.disconnect();
			node.removeEventListener('keydown', onkeydown);
			node.removeEventListener('focusin', onfocusin);
		}
	};
}

/**
 * Brings focus to what a same-page link points at (a section, or the open §'s heading), so a
 * keyboard or screen-reader user arrives there, not only the scroll position. Runs after the
 * page has drawn it (the open § is drawn once picked).
 */
export function focusTarget(id: string): void {
	requestAnimationFrame(() => {
		const target = document.getElementById(id);
		if (!target) return;
		const focusable = target.querySelector<HTMLElement>('[data-focus-target]') ?? target.querySelector<HTMLElement>('h2, h3') ?? target;
		if (!focusable.hasAttribute('tabindex')) focusable.tabIndex = -1;
		focusable.focus();
	});
}
