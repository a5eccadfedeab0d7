import { error, fail, redirect } from '@sveltejs/kit';
import { requireMeetingMember } from '$lib/server/services/guards';
import * as details from '$lib/server/services/meeting-details';
import { formTimeZoneOffset } from '$lib/server/services/time-zones';
import { TIME_ZONE_COOKIE, validTimeZone } from '$lib/domain/time-zone';
import { audit } from '$lib/server/web/audit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const access = await requireMeetingMember(event, event.params.meetingId);
	const page = details.editPage(access, validTimeZone(event.cookies.get(TIME_ZONE_COOKIE)));
	if (!page) error(403, 'forbidden');
	return page;
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
		const result = await details.updateDetails(event.locals.runtime.store, user, meeting.id, { ...values, tzOffset, revision: text(form, 'revision') });
		if (!result.ok) return fail(result.errors._form === 'error_not_allowed' ? 403 : 400, { values, errors: result.errors, params: result.params ?? {} });
		// Which fields changed, not what they say; nothing when nothing changed (nothing was stored).
		if (result.value.changed.length > 0) await audit(event, { kind: 'meeting-changed', boardId: meeting.boardId, meetingId: meeting.id, details: { changed: result.value.changed } });
		redirect(303, `/meetings/${meeting.id}`);
	}
};
