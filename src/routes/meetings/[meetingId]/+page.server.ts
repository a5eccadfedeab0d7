import { fail } from '@sveltejs/kit';
import { requireMeetingMember } from '$lib/server/services/guards';
import * as meetings from '$lib/server/services/meetings';
import * as lifecycle from '$lib/server/services/meeting-lifecycle';
import * as publications from '$lib/server/services/publications';
import * as decisionRegister from '$lib/server/services/decision-register';
import { audit } from '$lib/server/web/audit';
import { meetingVenue } from '$lib/server/services/meeting-venue';
import * as carryOver from '$lib/server/services/carry-over';
import { addSuggestion, suggestionsFor } from '$lib/server/services/agenda-suggestions';
import { meetingAsks } from '$lib/server/services/asks';
import { meetingDocAccess } from '$lib/server/services/doc-access';
import { notesPreview } from '$lib/server/services/minutes-preview';
import { minutesHtml } from '$lib/domain/minutes-html';
import type { MinutesTree } from '$lib/domain/minutes-tree';
import type { Actions, PageServerLoad } from './$types';
import * as mail from '$lib/server/services/mail';
import { agendaMailView, sendAgenda } from '$lib/server/services/agenda-mail';
import { calendarLabels } from '../../calendar/feed';

export const load: PageServerLoad = async (event) => {
	const access = await requireMeetingMember(event, event.params.meetingId);
	const deps = event.locals.runtime;
	const meeting = await lifecycle.adoptDocumentStatus(deps, access.meeting);
	const [page, view, publication, addenda, venue, carry, suggestions, reviews, asks, notes] = await Promise.all([
		meetings.page(deps.store, { ...access, meeting }),
		lifecycle.lifecycleView(deps, access.user, meeting, access.role),
		publications.control(deps.store, { ...access, meeting }),
		lifecycle.addendaView(deps, meeting),
		// The venue's card for everyone; the warning only for owners and the chair (issue 12).
		meetingVenue(deps, { ...access, meeting }),
		carryOver.carryTargets(deps.store, access.role, meeting),
		suggestionsFor(deps, access.user, access.role, meeting),
		// Decisions of earlier meetings whose review date comes up here (issue 12, point 5).
		decisionRegister.reviewsAt(deps.store, deps.live, access.board, meeting),
		// The members' proposals scheduled here, and (planned) how many still wait (issue 12).
		meetingAsks(deps, meeting),
		// The notes' text in the HTML, shown until the live document has synced (issue 13). The page
		// works without it: a document that cannot be read here shows "loading" until the socket brings it.
		notesPreview(deps.live, meeting, meetingDocAccess(meeting, 'meeting', access.user.id, access.role)).catch((error: unknown) => {
			deps.logger.warn({ err: error, meetingId: meeting.id }, 'could not read the notes for the page; they come with the live document');
			return null;
		})
	]);
	// A page's first load carries the notes once, in its HTML (hooks.server.ts), not again in its data.
	let preview: MinutesTree | null = notes;
	if (notes && !event.isDataRequest) {
		event.locals.notesHtml = minutesHtml(notes.nodes);
		preview = { nodes: [], complete: notes.complete, inHtml: true };
	}
	const agendaMail = agendaMailView(deps.config, { ...access, meeting });
	return { ...page, lifecycle: { ...view, addenda }, publication, venue, carry, suggestions, reviews, asks, notesPreview: preview, agendaMail };
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
		const values = { to: text(form, 'to'), reason: text(form, 'reason'), personalData: text(form, 'personalData') };
		const result = await lifecycle.moveMeeting(event.locals.runtime, user, meeting, values);
		if (!result.ok) return fail(400, { form: 'move' as const, values, errors: result.errors, params: result.params ?? {}, personalData: result.personalData ?? null });
		const to = result.value.status;
		// The cancel reason is text a person wrote: the meeting keeps it, the log does not.
		const details = { from: meeting.status, to, ...(result.value.personalData ? { personalData: result.value.personalData } : {}) };
		await audit(event, { kind: to === 'cancelled' ? 'meeting-cancelled' : 'meeting-moved', boardId: meeting.boardId, meetingId: meeting.id, details });
		// Cancelled, or reinstated (its calendar entry comes back): members are told by e-mail with the event.
		if (to === 'in_adjustment') {
			const { store, config } = event.locals.runtime;
			await mail.adjustmentNotice({ store, config }, config.origin ?? event.url.origin, { kind: 'adjustmentRequested', meetingId: meeting.id, actorId: user.id });
		}
		if (to === 'cancelled' || meeting.status === 'cancelled') {
			const { store, config } = event.locals.runtime;
			const kind = to === 'cancelled' ? 'meetingCancelled' : 'meetingChanged';
			await mail.meetingNotice({ store, config }, config.origin ?? event.url.origin, { kind, meetingId: meeting.id, actorId: user.id, labels: calendarLabels });
		}
		return { form: 'move' as const, moved: result.value.status };
	},

	/** "Send the agenda to the members" (issue 14, point 7): owners and editors, before the meeting. */
	sendAgenda: async (event) => {
		const access = await requireMeetingMember(event, event.params.meetingId);
		const { config } = event.locals.runtime;
		const result = await sendAgenda(event.locals.runtime, config.origin ?? event.url.origin, access);
		if (!result.ok) return fail(400, { form: 'agenda' as const, errors: result.errors, params: result.params ?? {} });
		// How many, and whether it was an update; not to whom (the members are the board's).
		if (result.value.sent > 0) await audit(event, { kind: 'agenda-sent', boardId: access.board.id, meetingId: access.meeting.id, details: { sent: result.value.sent, updated: result.value.updated } });
		return { form: 'agenda' as const, agenda: result.value };
	},

	/** The chair appoints the adjusters and the due date. */
	appoint: async (event) => {
		const { user, meeting } = await requireMeetingMember(event, event.params.meetingId);
		const form = await event.request.formData();
		const values = { adjusterIds: form.getAll('adjusterIds').map(String), dueDate: text(form, 'dueDate') };
		const result = await lifecycle.appointAdjusters(event.locals.runtime, user, meeting, values);
		if (!result.ok) return fail(400, { form: 'appoint' as const, values, errors: result.errors, params: result.params ?? {} });
		await audit(event, { kind: 'adjusters-appointed', boardId: meeting.boardId, meetingId: meeting.id, details: { adjusterIds: result.value.adjusterIds, dueDate: values.dueDate } });
		return { form: 'appoint' as const, appointed: true };
	},

	/** The chair or an adjuster approves the version they read; the last approval adjusts the protocol. */
	approve: async (event) => {
		const { user, meeting } = await requireMeetingMember(event, event.params.meetingId);
		const form = await event.request.formData();
		const result = await lifecycle.approveProtocol(event.locals.runtime, user, meeting, { version: text(form, 'version') });
		if (!result.ok) return fail(400, { form: 'approve' as const, errors: result.errors, params: result.params ?? {} });
		await audit(event, { kind: 'protocol-approved', boardId: meeting.boardId, meetingId: meeting.id, details: { version: result.value.hash, adjusted: result.value.adjusted } });
		if (result.value.adjusted) {
			const { store, config } = event.locals.runtime;
			await mail.adjustmentNotice({ store, config }, config.origin ?? event.url.origin, { kind: 'protocolAdjusted', meetingId: meeting.id, actorId: user.id });
		}
		return { form: 'approve' as const, adjusted: result.value.adjusted };
	},

	/** The chair or an adjuster objects to a § of the version they read. */
	object: async (event) => {
		const { user, meeting } = await requireMeetingMember(event, event.params.meetingId);
		const form = await event.request.formData();
		const values = { version: text(form, 'version'), itemId: text(form, 'itemId'), problem: text(form, 'problem'), suggestion: text(form, 'suggestion') };
		const result = await lifecycle.objectToProtocol(event.locals.runtime, user, meeting, values);
		if (!result.ok) return fail(400, { form: 'object' as const, values, errors: result.errors, params: result.params ?? {} });
		// Which § and version, not the objection's words (they stay in the justering).
		await audit(event, { kind: 'protocol-objected', boardId: meeting.boardId, meetingId: meeting.id, details: { version: values.version, itemId: values.itemId } });
		return { form: 'object' as const, objected: true };
	},

	/** The chair or the secretary writes an addendum to the adjusted protocol. */
	addendum: async (event) => {
		const { user, meeting } = await requireMeetingMember(event, event.params.meetingId);
		const form = await event.request.formData();
		const values = { text: text(form, 'text') };
		const result = await lifecycle.writeProtocolAddendum(event.locals.runtime, user, meeting, values);
		if (!result.ok) return fail(400, { form: 'addendum' as const, values, errors: result.errors, params: result.params ?? {} });
		await audit(event, { kind: 'addendum-written', boardId: meeting.boardId, meetingId: meeting.id, details: { number: result.value.number } });
		return { form: 'addendum' as const, written: result.value.number };
	},

	/** The chair or an adjuster approves an addendum. */
	approveAddendum: async (event) => {
		const { user, meeting } = await requireMeetingMember(event, event.params.meetingId);
		const form = await event.request.formData();
		const result = await lifecycle.approveProtocolAddendum(event.locals.runtime, user, meeting, { number: text(form, 'number') });
		if (!result.ok) return fail(400, { form: 'approveAddendum' as const, errors: result.errors, params: result.params ?? {} });
		await audit(event, { kind: 'addendum-approved', boardId: meeting.boardId, meetingId: meeting.id, details: { number: Number(text(form, 'number')), approved: result.value.approved } });
		return { form: 'approveAddendum' as const, approved: result.value.approved };
	},

	/** The secretary answers an objection. */
	answer: async (event) => {
		const { user, meeting } = await requireMeetingMember(event, event.params.meetingId);
		const form = await event.request.formData();
		const values = { objectionId: text(form, 'objectionId'), outcome: text(form, 'outcome'), reason: text(form, 'reason') };
		const result = await lifecycle.answerObjection(event.locals.runtime, user, meeting, values);
		if (!result.ok) return fail(400, { form: 'answer' as const, values, errors: result.errors, params: result.params ?? {} });
		await audit(event, { kind: 'objection-answered', boardId: meeting.boardId, meetingId: meeting.id, subject: values.objectionId, details: { outcome: values.outcome } });
		return { form: 'answer' as const, answered: values.objectionId };
	},

	/** A postponed § to the board's next meeting ('next'), another meeting (its id) or the backlog ('backlog'). */
	carryOver: async (event) => {
		const { user, meeting } = await requireMeetingMember(event, event.params.meetingId);
		const form = await event.request.formData();
		const values = { itemId: text(form, 'itemId'), to: text(form, 'to') };
		const result = await carryOver.carryOver(event.locals.runtime, user, meeting, values);
		if (!result.ok) return fail(400, { form: 'carry' as const, itemId: values.itemId, errors: result.errors, params: result.params ?? {} });
		const v = result.value;
		// Which § went where: the target meeting and its copy, or the backlog entry.
		const where = v.to === 'meeting' ? { to: 'meeting', targetMeetingId: v.meeting.id, targetItemId: v.itemId } : { to: 'backlog', backlogId: v.backlogId };
		await audit(event, { kind: 'item-carried', boardId: meeting.boardId, meetingId: meeting.id, subject: values.itemId, details: where });
		return {
			form: 'carry' as const,
			itemId: values.itemId,
			carried: { title: v.title, sourceMarked: v.sourceMarked, meeting: v.to === 'meeting' ? v.meeting : null }
		};
	},

	/** "Add to this meeting" on one of the agenda's suggestions (a postponed §, the backlog …). */
	addSuggestion: async (event) => {
		const { user, meeting } = await requireMeetingMember(event, event.params.meetingId);
		const form = await event.request.formData();
		const values = { source: text(form, 'source'), key: text(form, 'key') };
		const result = await addSuggestion(event.locals.runtime, user, meeting, values);
		if (!result.ok) return fail(400, { form: 'suggestion' as const, key: values.key, errors: result.errors, params: result.params ?? {} });
		// Where it came from and its key (ids: a meeting and §, a backlog entry, an ask), not its title.
		await audit(event, { kind: 'suggestion-added', boardId: meeting.boardId, meetingId: meeting.id, subject: values.key, details: { source: values.source } });
		return { form: 'suggestion' as const, added: result.value.title };
	}
};
