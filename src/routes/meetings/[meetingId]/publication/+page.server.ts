import { fail, redirect } from '@sveltejs/kit';
import { requireMeetingMember } from '$lib/server/services/guards';
import * as publications from '$lib/server/services/publications';
import { audit } from '$lib/server/web/audit';
import type { Actions, PageServerLoad } from './$types';

/** The publish buttons post here (they work without JavaScript); a refusal is shown on this page. */
export const load: PageServerLoad = async (event) => {
	const access = await requireMeetingMember(event, event.params.meetingId);
	const control = await publications.control(event.locals.runtime.store, access);
	if (!control) redirect(303, `/meetings/${access.meeting.id}`);
	return { meeting: { id: access.meeting.id, title: access.meeting.title }, control };
};

export const actions: Actions = {
	publish: async (event) => {
		const { user, meeting } = await requireMeetingMember(event, event.params.meetingId);
		const result = await publications.publish(event.locals.runtime.store, user, meeting);
		if (!result.ok) return fail(400, { errors: result.errors, personalData: result.personalData ?? null });
		await audit(event, { kind: 'published', boardId: meeting.boardId, meetingId: meeting.id, details: { path: result.value.path } });
		redirect(303, `/meetings/${meeting.id}#publication`);
	},
	unpublish: async (event) => {
		const { user, meeting } = await requireMeetingMember(event, event.params.meetingId);
		const result = await publications.unpublish(event.locals.runtime.store, user, meeting);
		if (!result.ok) return fail(400, { errors: result.errors });
		await audit(event, { kind: 'unpublished', boardId: meeting.boardId, meetingId: meeting.id });
		redirect(303, `/meetings/${meeting.id}#publication`);
	}
};
