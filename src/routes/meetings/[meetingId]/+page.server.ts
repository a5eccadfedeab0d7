import { fail } from '@sveltejs/kit';
import { requireMeetingMember } from '$lib/server/services/guards';
import * as meetings from '$lib/server/services/meetings';
import * as lifecycle from '$lib/server/services/meeting-lifecycle';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const access = await requireMeetingMember(event, event.params.meetingId);
	const deps = event.locals.runtime;
	const meeting = await lifecycle.adoptDocumentStatus(deps, access.meeting);
	const [page, view] = await Promise.all([meetings.page(deps.store, { ...access, meeting }), lifecycle.lifecycleView(deps, access.user, meeting, access.role)]);
	return { ...page, lifecycle: view };
};

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
};

export const actions: Actions = {
	/** A move between statuses (start, end, cancel with a reason, send for adjustment, reopen …). */
	move: async (event) => {
		const { user, meeting } = await requireMeetingMember(event, event.params.meetingId);
		const form = await event.request.formData();
		const values = { to: text(form, 'to'), reason: text(form, 'reason') };
		const result = await lifecycle.moveMeeting(event.locals.runtime, user, meeting, values);
		if (!result.ok) return fail(400, { form: 'move' as const, values, errors: result.errors, params: result.params ?? {} });
		return { form: 'move' as const, moved: result.value.status };
	},

	/** The chair appoints the adjusters and the due date. */
	appoint: async (event) => {
		const { user, meeting } = await requireMeetingMember(event, event.params.meetingId);
		const form = await event.request.formData();
		const values = { adjusterIds: form.getAll('adjusterIds').map(String), dueDate: text(form, 'dueDate') };
		const result = await lifecycle.appointAdjusters(event.locals.runtime, user, meeting, values);
		if (!result.ok) return fail(400, { form: 'appoint' as const, values, errors: result.errors, params: result.params ?? {} });
		return { form: 'appoint' as const, appointed: true };
	}
};
