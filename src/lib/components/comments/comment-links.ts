import { getContext, setContext } from 'svelte';

/** The element id a thread carries on the page, so a highlight or the decision list can bring focus to it. */
export const threadElementId = (threadId: string): string => `comment-thread-${threadId}`;

/** Brings thread `threadId` into view and focus; false when it is not on the page. */
export function focusThread(threadId: string): boolean {
	const element = document.getElementById(threadElementId(threadId));
	if (!element) return false;
	element.scrollIntoView({ block: 'nearest' });
	element.focus({ preventScroll: true });
	return true;
}

/**
 * How a commented passage and its thread find each other in one § (or the other notes): a
 * highlight in the minutes leads to its thread (`focusThread`), and a thread back to its passage
 * through the minutes editor, which registers how it shows one while it is there. One per open §,
 * shared through context as the comment draft is, so the editor and the list need not know each
 * other.
 */
export class CommentLinks {
	/** Selects or focuses thread `threadId`'s passage in the minutes; false when it is not highlighted there. */
	showPassage: ((threadId: string) => boolean) | null = null;
}

const KEY = Symbol('comment-links');
export const setCommentLinks = (links: CommentLinks): CommentLinks => setContext(KEY, links);
/** The open §'s links; undefined where threads are shown without their minutes. */
export const getCommentLinks = (): CommentLinks | undefined => getContext<CommentLinks | undefined>(KEY);
