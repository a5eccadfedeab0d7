import type { DocRef } from './doc-names.js';
import type { StructureRules } from './update-structure.js';
import { VOICES_ROOTS } from './voices-doc.js';
import { SPEAKERS_ROOT } from './speaker-list.js';

/**
 * What each document's layout can ever contain (meeting-doc.ts, voices-doc.ts, board-doc.ts),
 * as limits the server checks every update against before applying it.
 *
 * Depth counts shared types from the root: a type directly in a root has depth 1.
 *   board:    actions → action (1) → history (2)
 *   voices:   perspectives|summaries|reservations → entry (1) → text (2)
 *   boardVoices: asks|answers|feedback → entry (1) → text (2)
 *   comments: threads → thread (1); comments → comment (1) → text (2)
 *   meeting:  agenda → item (1) → decisions (2) → decision (3); speakers → plain values only
 *             agenda → item (1) → minutes (2) → rich text below it
 *             minutes (the notes) → rich text directly below the root
 * Rich text is TipTap's ProseMirror tree: block > inline text, and every level of a nested list
 * costs two (list > listItem). RICH_TEXT_DEPTH allows about twenty list levels, far beyond any
 * readable minutes, while Yjs's recursive delete and garbage collection stay thousands of levels
 * away from the stack limit.
 */
export const RICH_TEXT_DEPTH = 40;

/**
 * The version of these rules and of update-structure.ts's checks. A snapshot the server writes
 * says it was judged under it, and a load under the same version applies it without reading it
 * again (server/collab/safe-load.ts). Raise it whenever a check gets stricter: every stored
 * snapshot is then read against the new rules at its next load.
 */
export const STRUCTURE_RULES_VERSION = 1;

/** One update never needs more new types than a very long pasted text (two per paragraph). */
const MAX_NEW_TYPES = 20_000;

/** Values stored as JSON (attendance marks, history entries, link attributes) are one level deep. */
const MAX_VALUE_DEPTH = 4;

const rules = (roots: string[], maxTypeDepth: number, authors: { keys?: string[]; fields?: string[] } = {}, flatRoots: string[] = []): StructureRules => ({
	roots: new Set(roots),
	maxTypeDepth,
	maxNewTypes: MAX_NEW_TYPES,
	maxValueDepth: MAX_VALUE_DEPTH,
	authorKeys: new Set(authors.keys ?? []),
	authorFields: new Set(authors.fields ?? []),
	flatRoots: new Set(flatRoots)
});

/**
 * Who did what is stamped by the writer's client: a decision's and an action's `createdBy`, a
 * status change's `by`. The server holds every stamp to the writer's own id, so no member can
 * attribute a decision or a promise to someone else. (Voices entries carry their author's id,
 * name and agency; the voices policy checks those against the server's record.)
 */
export const STRUCTURE_RULES: Record<DocRef['kind'], StructureRules> = {
	// The speaker list (speaker-list.ts) is plain values only: no shared type may nest under it.
	meeting: rules(['meta', 'agenda', 'attendance', 'guests', 'minutes', SPEAKERS_ROOT], 2 + RICH_TEXT_DEPTH, { keys: ['createdBy'] }, [SPEAKERS_ROOT]),
	voices: rules([...VOICES_ROOTS], 2),
	board: rules(['actions'], 2, { keys: ['createdBy'], fields: ['by'] }),
	boardVoices: rules(['asks', 'answers', 'feedback'], 2),
	// threads → thread (1); comments → comment (1) → text (2). Anchors and resolutions are JSON values.
	comments: rules(['threads', 'comments'], 2)
};
