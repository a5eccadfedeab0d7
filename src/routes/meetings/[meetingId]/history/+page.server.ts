import { requireMeetingMember } from '$lib/server/services/guards';
import * as history from '$lib/server/services/history';
import type { PageServerLoad } from './$types';

/** The meeting's versions, for every member of its board (issue 11, point 6). */
export const load: PageServerLoad = async (event) => {
	const access = await requireMeetingMember(event, event.params.meetingId);
	return { history: await history.listVersions(event.locals.runtime, access) };
};
