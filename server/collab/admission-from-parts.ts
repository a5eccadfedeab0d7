import type { DocPlace, SessionAdmission, Store } from '../../src/lib/server/store/types.js';
import { placeRole } from '../../src/lib/server/services/doc-access.js';

/**
 * sessions.admissions composed of a store's single-row reads, for the unit specs' in-memory
 * stores: what the SQL function samtavla_session_admission answers in one statement (the store
 * contract proves the adapters against it).
 */
async function admissionFromParts(store: Pick<Store, 'sessions' | 'boards' | 'meetings' | 'agencies' | 'guests'>, id: string, place: DocPlace): Promise<SessionAdmission | null> {
	const found = await store.sessions.get(id);
	if (!found) return null;
	let where: SessionAdmission['place'] = null;
	if ('boardId' in place) {
		if (await store.boards.get(place.boardId)) where = { boardId: place.boardId, meeting: null };
	} else {
		const meeting = await store.meetings.get(place.meetingId);
		if (meeting) where = { boardId: meeting.boardId, meeting: { id: meeting.id, status: meeting.status, adjustment: meeting.adjustment } };
	}
	const role = where ? await placeRole(store, where.boardId, where.meeting?.id ?? null, found.user.id) : null;
	return { ...found, agency: await store.agencies.get(found.user.agencyId), place: where, role };
}

/** sessions.admissions over the same single-row reads, one asked at a time. */
export function admissionsFromParts(store: Pick<Store, 'sessions' | 'boards' | 'meetings' | 'agencies' | 'guests'>): Store['sessions']['admissions'] {
	return async (asked) => {
		const answers: Array<SessionAdmission | null> = [];
		for (const { id, place } of asked) answers.push(await admissionFromParts(store, id, place));
		return answers;
	};
}
