import { requireMeetingMember } from '$lib/server/services/guards';
import * as meetings from '$lib/server/services/meetings';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const access = await requireMeetingMember(event, event.params.meetingId);
	return meetings.page(event.locals.runtime.store, access);
};
