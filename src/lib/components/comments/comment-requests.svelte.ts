import { getContext, setContext } from 'svelte';
import type { ItemSelection } from '$lib/components/meeting/item-selection.svelte';
import type { DraftTarget } from './comment-draft.svelte';

/** Comment on something in § `itemId` (a decision), or read one of its threads. */
export type CommentRequest = { itemId: string } & ({ start: DraftTarget } | { threadId: string });

/**
 * Comments asked for from outside the open § (the meeting's decision list): the § is opened, and
 * its OpenItem, once there, takes the request and starts the comment (focus in its text box) or
 * brings the thread into focus. A comment is written and read with its §, wherever it was asked
 * for, so there is one place for each thread. One per meeting page.
 */
export class CommentRequests {
	#selection: ItemSelection;
	#pending = $state.raw<CommentRequest | null>(null);

	constructor(selection: ItemSelection) {
		this.#selection = selection;
	}

	ask(request: CommentRequest): void {
		this.#pending = request;
		this.#selection.pick(request.itemId);
	}

	/** The request for § `itemId`, taken once (null when there is none for it). */
	take(itemId: string): CommentRequest | null {
		const request = this.#pending;
		if (!request || request.itemId !== itemId) return null;
		this.#pending = null;
		return request;
	}
}

const KEY = Symbol('comment-requests');
export const setCommentRequests = (requests: CommentRequests): CommentRequests => setContext(KEY, requests);
/** The page's requests; undefined where a decision is shown without the meeting page around it. */
export const getCommentRequests = (): CommentRequests | undefined => getContext<CommentRequests | undefined>(KEY);
