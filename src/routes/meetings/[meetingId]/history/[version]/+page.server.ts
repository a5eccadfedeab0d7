import { error, fail } from '@sveltejs/kit';
import { requireMeetingMember } from '$lib/server/services/guards';
import * as history from '$lib/server/services/history';
import type { Actions, PageServerLoad } from './$types';

/** A version id from the address: a positive integer, else the page does not exist. */
function versionOf(raw: string): number {
	if (!/^[1-9][0-9]{0,15}$/.test(raw)) error(404, 'not found');
	return Number(raw);
}

/** One version: the protocol as it was, compared with now per §, with restore forms for those who may. */
export const load: PageServerLoad = async (event) => {
	const access = await requireMeetingMember(event, event.params.meetingId);
	const view = await history.versionView(event.locals.runtime, access, versionOf(event.params.version));
	if (!view) error(404, 'not found');
	return { view, meeting: { id: access.meeting.id, title: access.meeting.title }, language: access.board.language };
};

export const actions: Actions = {
	/** Restores one § (`itemId`) or, without it, the whole meeting document, as a new change. */
	restore: async (event) => {
		const access = await requireMeetingMember(event, event.params.meetingId);
		const form = await event.request.formData();
		const raw = form.get('itemId');
		const itemId = typeof raw === 'string' && raw !== '' ? raw : null;
		const result = await history.restore(event.locals.runtime, access, versionOf(event.params.version), itemId);
		if (!result.ok) return fail(400, { errors: result.errors });
		return { restored: result.value.restored };
	}
};
