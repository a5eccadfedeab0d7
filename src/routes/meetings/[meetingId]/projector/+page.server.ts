import { requireMeetingMember } from '$lib/server/services/guards';
import { projectorPage } from '$lib/server/services/projector';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => projectorPage(event.locals.runtime.store, await requireMeetingMember(event, event.params.meetingId));
