import { error, fail, redirect } from '@sveltejs/kit';
import { requireMeetingMember } from '$lib/server/services/guards';
import * as details from '$lib/server/services/meeting-details';
import { formTimeZoneOffset } from '$lib/server/services/time-zones';
import { TIME_ZONE_COOKIE, validTimeZone } from '$lib/domain/time-zone';
import { audit } from '$lib/server/web/audit';
import * as venues from '$lib/server/services/venues';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const access = await requireMeetingMember(event, event.params.meetingId);
	const page = details.editPage(access, validTimeZone(event.cookies.get(TIME_ZONE_COOKIE)));
	if (!page) error(403, 'forbidden');
	const { store } = event.locals.runtime;
	const [pickerVenues, current] = await Promise.all([venues.pickerVenues(store, access.board.id), store.venues.forMeeting(access.meeting.id)]);
	// The place as a saved venue or typed text (issue 12, point 10).
	const venue = { venues: pickerVenues, current: current ? { venueId: current.venueId, name: current.name } : null };
	return { ...page, venue, values: { ...page.values, venueChoice: current?.venueId ? 'saved' : 'typed', venueId: current?.venueId ?? '' } };
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
		const { store } = event.locals.runtime;
		// A saved venue's name and address become the place; the meeting keeps a copy of the venue (venues.ts).
		const choice = { venueChoice: text(form, 'venueChoice') || 'typed', venueId: text(form, 'venueId') };
		const chosen = await venues.resolveChoice(store, meeting.boardId, choice, await store.venues.forMeeting(meeting.id));
		if (!chosen.ok) return fail(400, { values: { ...values, ...choice }, errors: chosen.errors, params: {} });
		const place = chosen.value ? venues.placeText(chosen.value) : values.place;
		const result = await details.updateDetails(store, user, meeting.id, { ...values, place, tzOffset, revision: text(form, 'revision') });
		if (!result.ok) return fail(result.errors._form === 'error_not_allowed' ? 403 : 400, { values: { ...values, ...choice }, errors: result.errors, params: result.params ?? {} });
		const venueChanged = await store.venues.setForMeeting(meeting.id, chosen.value, user.id, new Date());
		if (venueChanged) await audit(event, { kind: 'meeting-changed', boardId: meeting.boardId, meetingId: meeting.id, details: { changed: ['venue'] } });
		// Which fields changed, not what they say; nothing when nothing changed (nothing was stored).
		if (result.value.changed.length > 0) await audit(event, { kind: 'meeting-changed', boardId: meeting.boardId, meetingId: meeting.id, details: { changed: result.value.changed } });
		redirect(303, `/meetings/${meeting.id}`);
	}
};
