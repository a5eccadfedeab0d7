import { error, fail, redirect } from '@sveltejs/kit';
import { requireMeetingMember } from '$lib/server/services/guards';
import * as details from '$lib/server/services/meeting-details';
import { formTimeZoneOffset } from '$lib/server/services/time-zones';
import { TIME_ZONE_COOKIE, validTimeZone } from '$lib/domain/time-zone';
import { audit } from '$lib/server/web/audit';
import * as meetingVenue from '$lib/server/services/meeting-venue';
import type { Actions, PageServerLoad } from './$types';
import * as mail from '$lib/server/services/mail';
import { calendarLabels } from '../../../calendar/feed';

export const load: PageServerLoad = async (event) => {
	const access = await requireMeetingMember(event, event.params.meetingId);
	const page = details.editPage(access, validTimeZone(event.cookies.get(TIME_ZONE_COOKIE)));
	if (!page) error(403, 'forbidden');
	// The place as a saved venue or typed text (issue 12, point 10).
	const { choice, ...venue } = await meetingVenue.editPlace(event.locals.runtime.store, access.board.id, access.meeting.id);
	return { ...page, venue, values: { ...page.values, ...choice } };
};

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
};

export const actions: Actions = {
	default: async (event) => {
		const { user, meeting } = await requireMeetingMember(event, event.params.meetingId);
		const form = await event.request.formData();
		const values = {
			title: text(form, 'title'),
			startsAt: text(form, 'startsAt'),
			place: text(form, 'place'),
			accessibilityNotes: text(form, 'accessibilityNotes'),
			onlineUrl: text(form, 'onlineUrl')
		};
		const tzOffset = formTimeZoneOffset(text(form, 'tzOffset'), values.startsAt, event.cookies.get(TIME_ZONE_COOKIE));
		// The place: a saved venue (the meeting keeps a copy) or typed text (issue 12, point 10).
		const choice = { venueChoice: text(form, 'venueChoice') || 'typed', venueId: text(form, 'venueId') };
		const raw = { ...values, tzOffset, revision: text(form, 'revision') };
		const result = await meetingVenue.updateDetailsAt(event.locals.runtime.store, user, meeting, raw, choice);
		if (!result.ok) return fail(result.errors._form === 'error_not_allowed' ? 403 : 400, { values: { ...values, ...choice }, errors: result.errors, params: result.params ?? {} });
		const changed = [...result.value.changed, ...(result.value.venueChanged ? ['venue'] : [])];
		// Which fields changed, not what they say; nothing when nothing changed (nothing was stored).
		if (changed.length > 0) await audit(event, { kind: 'meeting-changed', boardId: meeting.boardId, meetingId: meeting.id, details: { changed } });
		if (changed.length > 0) {
			const { store, config } = event.locals.runtime;
			await mail.meetingNotice({ store, config }, config.origin ?? event.url.origin, { kind: 'meetingChanged', meetingId: meeting.id, actorId: user.id, labels: calendarLabels });
		}
		redirect(303, `/meetings/${meeting.id}`);
	}
};
