import { getContext, setContext, tick } from 'svelte';
import type { CommentAnchor } from '$lib/domain/comments-doc';

/** A passage selected in the minutes: its anchor's two encoded relative positions and its text. */
export interface SelectedPassage {
	start: string;
	end: string;
	text: string;
}

/** What a new comment will be about: its anchor, the quoted text, and how the form names it. */
export interface DraftTarget {
	anchor: CommentAnchor;
	quote: string;
	/** "On the text: …", "On decision 2", shown above the new comment's text box */
	about: string;
}

/**
 * The new comment being written in the open §: started from the minutes editor (a selected
 * passage), a decision, or the comments list itself, and written in the comments list's form.
 * One per open §, shared through context so those three places need not know each other.
 */
export class CommentDraft {
	target = $state.raw<DraftTarget | null>(null);
	/** "Select a passage first", shown once someone asks to comment with nothing selected. */
	needsSelection = $state(false);
	/** The new comment's text box (bound by the form), focused when a draft starts. */
	input = $state.raw<HTMLTextAreaElement | null>(null);
	/** Where the comment was asked for (the button, or the minutes for the shortcut): focus returns there. */
	#origin: HTMLElement | null = null;

	start(target: DraftTarget): void {
		this.target = target;
		this.needsSelection = false;
		const active = document.activeElement;
		this.#origin = active instanceof HTMLElement && active !== document.body ? active : null;
		void tick().then(() => {
			this.input?.focus();
			this.input?.scrollIntoView({ block: 'nearest' });
		});
	}

	/** The comment was sent or cancelled: the form goes, and focus back to where it was asked for. */
	cancel(): void {
		this.target = null;
		const origin = this.#origin;
		this.#origin = null;
		void tick().then(() => {
			if (origin?.isConnected) origin.focus();
		});
	}
}

const KEY = Symbol('comment-draft');
export const setCommentDraft = (draft: CommentDraft): CommentDraft => setContext(KEY, draft);
/** The open §'s draft; undefined outside one (a decision list shown on its own offers no comment). */
export const getCommentDraft = (): CommentDraft | undefined => getContext<CommentDraft | undefined>(KEY);
