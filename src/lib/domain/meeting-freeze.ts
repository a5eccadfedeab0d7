import { docAccess, type DocAccess } from './permissions.js';
import type { LifecycleStatus, MeetingActor } from './meeting-lifecycle.js';

/**
 * What a person may write in a meeting's documents in each status of its lifecycle (issue 10,
 * point 3): `meeting:<id>` (agenda, minutes, decisions, attendance) and `meeting:<id>:voices`.
 * It only ever narrows `docAccess`: a status can take writing away, never give it. So a secretary
 * whose board role only reads the meeting document still only reads it while it is in adjustment.
 */
export interface WriteScope {
	meeting: DocAccess;
	voices: DocAccess;
	/** `meeting:<id>:comments`: remarks on the minutes, never part of them. */
	comments: DocAccess;
}

const narrow = (access: DocAccess, mayWrite: boolean): DocAccess => (access === 'write' && !mayWrite ? 'read' : access);

export function writeScope(status: LifecycleStatus, actor: MeetingActor): WriteScope {
	const meeting = docAccess(actor.role, 'meeting');
	const voices = docAccess(actor.role, 'voices');
	const comments = docAccess(actor.role, 'comments');
	switch (status) {
		// Prepared, run and tidied up afterwards: the board roles decide, as before the lifecycle.
		case 'planned':
		case 'in_progress':
		case 'held':
			return { meeting, voices, comments };
		case 'in_adjustment':
			// The adjusters approve one version of the protocol, so it holds still under them: only
			// the secretary writes the meeting document, to apply corrections agreed on objections.
			// Voices are frozen for everyone, the secretary too. A perspective is its author's own
			// signed words (the secretary may not rewrite them), and letting every author keep
			// editing would move the version the adjusters are approving. A perspective that must
			// change is handled by the chair reopening (in_adjustment → held), which unfreezes both.
			// Comments stay open: they change neither the minutes nor the protocol being approved, and
			// they are where an adjuster asks about a passage before approving or objecting.
			return { meeting: narrow(meeting, actor.isSecretary), voices: narrow(voices, false), comments };
		// Adjusted: the protocol is fixed; corrections are addenda, never edits. Cancelled: the
		// agenda stays as the members were told; reinstating the meeting (→ planned) reopens it.
		case 'adjusted':
		case 'cancelled':
			// Comments close with the meeting: they are kept as they were, read-only, beside the fixed protocol.
			return { meeting: narrow(meeting, false), voices: narrow(voices, false), comments: narrow(comments, false) };
	}
}
