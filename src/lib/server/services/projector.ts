import { collabIdentity } from '../../domain/collab-identity.js';
import { byName } from '../../domain/board-people.js';
import type { Board, Meeting, Store, User } from '../store/types.js';
import { boardPeople } from './people.js';

/**
 * What the projector view of a meeting needs (issue 14, point 4): the meeting's title, the board's
 * people and agencies (names and agencies on the speaker list come from them, never from the
 * document) and the identity its read-only socket shows. Any member may open it, viewers too.
 */
export async function projectorPage(store: Store, access: { user: User; board: Board; meeting: Meeting }) {
	const { user, board, meeting } = access;
	const [agency, { people, agencies }] = await Promise.all([store.agencies.get(user.agencyId), boardPeople(store, board.id)]);
	return {
		meeting: { id: meeting.id, title: meeting.title },
		members: [...people].sort(byName),
		agencies,
		collabUser: collabIdentity(user, agency)
	};
}
