import { docAccess, type DocAccess } from './permissions.js';
import type { LifecycleStatus, MeetingActor } from './meeting-lifecycle.js';

/**
 * What a person may write in a meeting's two documents in each status of its lifecycle (issue 10,
 * point 3): `meeting:<id>` (agenda, minutes, decisions, attendance) and `meeting:<id>:voices`.
 * It only ever narrows `docAccess`: a status can take writing away, never give it. So a secretary
 * whose board role only reads the meeting document still only reads it while it is in adjustment.
 */
export interface WriteScope {
	meeting: DocAccess;
	voices: DocAccess;
}

const narrow = (access: DocAccess, mayWrite: boolean): DocAccess => (access === 'write' && !mayWrite ? 'read' : access);

export function writeScope(status: LifecycleStatus, actor: MeetingActor): WriteScope {
	const meeting = docAccess(actor.role, 'meeting');
	const voices = docAccess(actor.role, 'voices');
	switch (status) {
		// Prepared, run and tidied up afterwards: the board roles decide, as before the lifecycle.
		case 'planned':
		case 'in_progress':
		case 'held':
			return { meeting, voices };
		case 'in_adjustment':
			// The adjusters approve one version of the protocol, so it holds still under them: only
			// the secretary writes the meeting document, to apply corrections agreed on objections.
			// Voices are frozen for everyone, the secretary too. A perspective is its author's own
			// signed words (the secretary may not rewrite them), and letting every author keep
			// editing would move the version the adjusters are approving. A perspective that must
			// change is handled by the chair reopening (in_adjustment → held), which unfreezes both.
			return { meeting: narrow(meeting, actor.isSecretary), voices: narrow(voices, false) };
		// Adjusted: the protocol is fixed; corrections are addenda, never edits. Cancelled: the
		// agenda stays as the members were told; reinstating the meeting (→ planned) reopens it.
		case 'adjusted':
		case 'cancelled':
			return { meeting: narrow(meeting, false), voices: narrow(voices, false) };
	}
}
