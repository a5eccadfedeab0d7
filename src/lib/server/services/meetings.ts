import { docAccess } from '../../domain/permissions.js';
import { docName } from '../../domain/doc-names.js';
import { collabIdentity } from '../../domain/collab-identity.js';
import { byName } from '../../domain/board-people.js';
import type { BoardRole } from '../../domain/roles.js';
import type { Board, Meeting, Store, User } from '../store/types.js';
import { boardPeople } from './people.js';
import { meetingDocAccess } from './doc-access.js';
import { mayEditDetails } from './meeting-details.js';
import { seriesPlaces } from '../../domain/series.js';

/**
 * A meeting's page for a member of its board (the route's guard found them): the meeting, the
 * board's people and agencies (attendance, chair and secretary, presenters, actions), what the
 * person may do with each live document, and the identity the collab server gives their presence.
 */
export async function page(store: Store, access: { user: User; board: Board; role: BoardRole; meeting: Meeting }) {
	const { user, board, role, meeting } = access;
	const [agency, { people, agencies }, boardMeetings] = await Promise.all([
		store.agencies.get(user.agencyId),
		boardPeople(store, board.id),
		store.meetings.listForBoard(board.id)
	]);
	return {
		board: { id: board.id, name: board.name },
		meeting: {
			id: meeting.id,
			title: meeting.title,
			startsAt: meeting.startsAt,
			place: meeting.place,
			accessibilityNotes: meeting.accessibilityNotes,
			onlineUrl: meeting.onlineUrl,
			status: meeting.status
		},
		role,
		// What the role allows in the meeting's status: frozen in adjustment, read-only once adjusted.
		access: meetingDocAccess(meeting, 'meeting', user.id, role),
		voicesAccess: meetingDocAccess(meeting, 'voices', user.id, role),
		commentsAccess: meetingDocAccess(meeting, 'comments', user.id, role),
		/** "Edit meeting" (owners and editors, until the meeting is adjusted or cancelled). */
		canEditDetails: mayEditDetails(role, meeting.status),
		/** actions live in `board:<id>`: editors and the owner change them */
		actionsAccess: docAccess(role, 'board'),
		docName: docName({ kind: 'meeting', meetingId: meeting.id }),
		voicesDocName: docName({ kind: 'voices', meetingId: meeting.id }),
		members: [...people].sort(byName),
		agencies,
		/** Which of how many in its series, with links to the one before and after (issue 12, point 7); null for a meeting on its own. */
		series: seriesView(boardMeetings, meeting.id),
		/** meeting id → title, for the follow-up of actions raised in earlier meetings */
		meetingTitles: Object.fromEntries(boardMeetings.map((m) => [m.id, m.title])),
		userAgencyId: user.agencyId,
		author: { id: user.id, name: user.displayName, agencyId: user.agencyId, agencyName: agency?.name ?? '' },
		/** The same identity the collab server writes into this person's presence. */
		collabUser: collabIdentity(user, agency)
	};
}

/** The meeting's place in its series, its neighbours named as the page links them. */
function seriesView(boardMeetings: Meeting[], meetingId: string) {
	const place = seriesPlaces(boardMeetings).get(meetingId);
	if (!place) return null;
	const neighbour = (id: string | null) => {
		const found = id === null ? undefined : boardMeetings.find((m) => m.id === id);
		return found ? { id: found.id, title: found.title, startsAt: found.startsAt } : null;
	};
	return { number: place.number, total: place.total, previous: neighbour(place.previousId), next: neighbour(place.nextId) };
}
