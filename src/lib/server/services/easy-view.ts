import { collabIdentity } from '../../domain/collab-identity.js';
import type { BoardRole } from '../../domain/roles.js';
import type { Meeting, Store, User } from '../store/types.js';
import { meetingDocAccess } from './doc-access.js';

/** What the easy view of a meeting needs (issue 14): the meeting, who the person is, what they may write. */
export async function easyView(store: Pick<Store, 'agencies'>, access: { user: User; role: BoardRole; meeting: Meeting; guest: boolean }) {
	const { user, role, meeting, guest } = access;
	const agency = await store.agencies.get(user.agencyId);
	return {
		meeting: { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt, status: meeting.status },
		guest,
		mayWriteVoices: meetingDocAccess(meeting, 'voices', user.id, role) === 'write',
		author: { id: user.id, name: user.displayName, agencyId: user.agencyId, agencyName: agency?.name ?? '' },
		collabUser: collabIdentity(user, agency)
	};
}
