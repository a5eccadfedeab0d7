import { MAX_COMMENT_LENGTH } from '$lib/domain/comments-doc';

/** Why a comment's text cannot be posted ('empty', 'long'), or null when it can. */
export function commentTextProblem(text: string): 'empty' | 'long' | null {
	const trimmed = text.trim();
	if (!trimmed) return 'empty';
	return trimmed.length > MAX_COMMENT_LENGTH ? 'long' : null;
}
