import * as Y from 'yjs';

/**
 * A comment's anchor in the minutes is a pair of Yjs relative positions: they name the characters
 * themselves (by the id of the Yjs item), not an index, so the highlighted passage follows the
 * text as others type before it, and collapses (rather than jumps) when the passage is deleted.
 * Stored as base64 strings inside the thread's JSON anchor (comments-doc.ts).
 */
export function encodeAnchorPosition(position: Y.RelativePosition): string {
	const bytes = Y.encodeRelativePosition(position);
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary);
}

/** The relative position a stored anchor string names; null when it is not one (any client can store anything). */
export function decodeAnchorPosition(encoded: string): Y.RelativePosition | null {
	try {
		const binary = atob(encoded);
		const bytes = new Uint8Array(binary.length);
		for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
		return Y.decodeRelativePosition(bytes);
	} catch {
		return null;
	}
}
