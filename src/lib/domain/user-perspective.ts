import type { AgencyKind } from './agencies.js';
import { docAccess } from './permissions.js';
import type { BoardRole } from './roles.js';

/**
 * Who the meeting page asks for "your user perspective": members of a user association
 * (brukarförening) who may write perspectives, and contributors (the role given to user
 * reporters). Civil servants of other agencies may write to the voices document too (the server
 * allows owners and editors), but a user perspective is not theirs to give: they read the
 * perspectives and are shown how to invite the user association instead.
 */
export function offeredToWritePerspective(role: BoardRole | null, agencyKind: AgencyKind | null | undefined): boolean {
	if (docAccess(role, 'voices') !== 'write') return false;
	return role === 'contributor' || agencyKind === 'user_association';
}
