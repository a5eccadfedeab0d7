import type { BoardRole } from './roles.js';
import type { DocRef } from './doc-names.js';

export type DocAccess = 'write' | 'read' | 'none';

/**
 * Who may do what with a collaborative document (design.md, "Documents"). The collab server
 * asks this at the upgrade and again whenever a role may have changed; the UI asks it too,
 * but only the server's answer protects anything.
 */
export function docAccess(role: BoardRole | null, doc: DocRef['kind']): DocAccess {
	if (role === null) return 'none';
	// Comments on the minutes (comments-doc.ts): every member may remark, viewers too; each entry
	// is its author's own, which the server checks entry by entry.
	if (doc === 'comments') return 'write';
	if (role === 'owner' || role === 'editor') return 'write';
	// Every member may ask (issue 12): viewers write their own asks; the server checks each entry.
	if (doc === 'boardVoices') return 'write';
	if (role === 'contributor') return doc === 'voices' ? 'write' : 'read';
	return 'read';
}

/**
 * Whose entries in a voices document (`meeting:<id>:voices`) a writer may change: the owner may
 * change or remove anyone's perspective; everyone else only their own (voices-doc.ts,
 * `voicesChangeAllowed`, checked by the server on every update).
 */
/** Resolve and reopen comment threads on the minutes: those who write the minutes (owners, editors). */
export function mayResolveComments(role: BoardRole | null): boolean {
	return role === 'owner' || role === 'editor';
}

export function mayChangeOthersVoices(role: BoardRole | null): boolean {
	return role === 'owner';
}

/**
 * A reservation against a decision (issue 12, point 5) is an entry of the voices document, so it
 * may be recorded by whoever may write that document in the meeting's status (contributors too,
 * who cannot write the decision itself), and stops with it when the meeting is frozen or sealed.
 */
export function mayRecordReservation(voicesAccess: DocAccess): boolean {
	return voicesAccess === 'write';
}

/**
 * Access to the meeting document's socket, speaker list included (issue 14, point 5): whoever
 * writes the meeting writes; a contributor, who otherwise only reads it, writes too while they
 * may write the voices document (so not once the meeting is frozen), and the server then takes
 * from them only asks for the floor of their own (speaker-list.ts, `judgeFloorChange`).
 */
export function floorAccess(access: { meeting: DocAccess; voices: DocAccess }, role: BoardRole | null): DocAccess {
	if (access.meeting === 'write') return 'write';
	return role === 'contributor' && access.voices === 'write' ? 'write' : access.meeting;
}

/** Writes the meeting document only to ask for the floor (speaker-list.ts): its updates are judged entry by entry. */
export function asksOnlyForFloor(role: BoardRole | null): boolean {
	return role !== 'owner' && role !== 'editor';
}
