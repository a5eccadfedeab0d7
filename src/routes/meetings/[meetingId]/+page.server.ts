import { requireMeetingMember } from '$lib/server/services/guards';
import { docAccess } from '$lib/domain/permissions';
import { docName } from '$lib/domain/doc-names';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { user, board, role, meeting } = await requireMeetingMember(event, event.params.meetingId);
	const agency = await event.locals.runtime.store.agencies.get(user.agencyId);
	return {
		board: { id: board.id, name: board.name },
		meeting: {
			id: meeting.id,
			title: meeting.title,
			startsAt: meeting.startsAt,
			place: meeting.place,
			accessibilityNotes: meeting.accessibilityNotes,
			onlineUrl: meeting.onlineUrl
		},
		role,
		access: docAccess(role, 'meeting'),
		docName: docName({ kind: 'meeting', meetingId: meeting.id }),
		collabUser: {
			id: user.id,
			name: user.displayName,
			color: agency?.color ?? '#1f4e5f',
			agency: agency?.name ?? ''
		}
	};
};
