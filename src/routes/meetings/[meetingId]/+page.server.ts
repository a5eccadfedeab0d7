import { requireMeetingMember } from '$lib/server/services/guards';
import * as meetings from '$lib/server/services/meetings';
import * as publications from '$lib/server/services/publications';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const access = await requireMeetingMember(event, event.params.meetingId);
	const { store } = event.locals.runtime;
	const [page, publication] = await Promise.all([meetings.page(store, access), publications.control(store, access)]);
	return { ...page, publication };
};
