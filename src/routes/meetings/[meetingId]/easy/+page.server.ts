import { requireMeetingParticipant } from '$lib/server/services/guards';
import { easyView } from '$lib/server/services/easy-view';
import type { PageServerLoad } from './$types';

/** The meeting one § at a time (issue 14): a guest's only page, and easy mode for members. */
export const load: PageServerLoad = async (event) => {
	const access = await requireMeetingParticipant(event, event.params.meetingId);
	return easyView(event.locals.runtime.store, access);
};
