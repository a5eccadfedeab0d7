const TABBABLE =
	'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [contenteditable="true"], [tabindex]:not([tabindex="-1"])';

/**
 * Moves focus to the first visible control after `region` in document order, as Tab would from
 * its end; the way out of a text area where Tab itself is taken (it indents list items). Returns
 * false when nothing follows, so the caller can fall back.
 */
export function focusAfter(region: HTMLElement): boolean {
	for (const candidate of region.ownerDocument.querySelectorAll<HTMLElement>(TABBABLE)) {
		if (region.contains(candidate)) continue;
		if (!(region.compareDocumentPosition(candidate) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
		if (candidate.tabIndex < 0 || candidate.getClientRects().length === 0 || candidate.closest('[inert], [hidden]')) continue;
		candidate.focus();
		if (candidate.ownerDocument.activeElement === candidate) return true;
	}
	return false;
}
