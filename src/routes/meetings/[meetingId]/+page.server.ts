import { requireMeetingMember } from '$lib/server/services/guards';
import { docAccess } from '$lib/domain/permissions';
import { docName } from '$lib/domain/doc-names';
import { collabIdentity } from '$lib/domain/collab-identity';
import type { BoardAgency, BoardPerson } from '$lib/components/meeting/types';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { user, board, role, meeting } = await requireMeetingMember(event, event.params.meetingId);
	const { store } = event.locals.runtime;
	const [agency, boardMembers, boardMeetings] = await Promise.all([
		store.agencies.get(user.agencyId),
		store.boards.members(board.id),
		store.meetings.listForBoard(board.id)
	]);

	// Everyone on the board, with their agency: for attendance, chair and secretary, presenters and actions.
	const members: BoardPerson[] = boardMembers
		.map((member) => ({
			id: member.user.id,
			name: member.user.displayName,
			role: member.role,
			agencyId: member.agency.id,
			agency: { id: member.agency.id, name: member.agency.name, color: member.agency.color, kind: member.agency.kind }
		}))
		.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
	const agencies: BoardAgency[] = [...new Map(members.map((member) => [member.agency.id, member.agency])).values()].sort((a, b) =>
		a.name.localeCompare(b.name, 'sv')
	);

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
		voicesAccess: docAccess(role, 'voices'),
		/** actions live in `board:<id>`: editors and the owner change them */
		actionsAccess: docAccess(role, 'board'),
		docName: docName({ kind: 'meeting', meetingId: meeting.id }),
		voicesDocName: docName({ kind: 'voices', meetingId: meeting.id }),
		members,
		agencies,
		/** meeting id → title, for the follow-up of actions raised in earlier meetings */
		meetingTitles: Object.fromEntries(boardMeetings.map((m) => [m.id, m.title])),
		userAgencyId: user.agencyId,
		author: { id: user.id, name: user.displayName, agencyId: user.agencyId, agencyName: agency?.name ?? '' },
		/** The same identity the collab server writes into this person's presence. */
		collabUser: collabIdentity(user, agency)
	};
};
