import { fail, redirect } from '@sveltejs/kit';
import * as boards from '$lib/server/services/boards';
import * as members from '$lib/server/services/members';
import * as publications from '$lib/server/services/publications';
import * as upkeep from '$lib/server/services/board-upkeep';
import * as asks from '$lib/server/services/asks';
import * as backlog from '$lib/server/services/backlog';
import { requireBoardMember } from '$lib/server/services/guards';
import { formTimeZoneOffset } from '$lib/server/services/time-zones';
import { TIME_ZONE_COOKIE, validTimeZone } from '$lib/domain/time-zone';
import { audit } from '$lib/server/web/audit';
import * as meetingVenue from '$lib/server/services/meeting-venue';
import * as mail from '$lib/server/services/mail';
import { calendarLabels } from '../../calendar/feed';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const access = await requireBoardMember(event, event.params.boardId);
	const { store, config, live } = event.locals.runtime;
	const owner = access.role === 'owner';
	const [page, publicAddress, deletion, retention, venue, asksPage, backlogPage] = await Promise.all([
		boards.page(store, access, { inviteTtlDays: config.inviteTtlDays }),
		owner ? publications.slugForm(store, access) : null,
		upkeep.pendingDeletion(store, access.board.id),
		owner ? upkeep.retentionForm(store, access.board.id, config.historyRetentionDays) : null,
		// Venues for the new-meeting form; warnings when a planned meeting's venue lacks what a member needs (issue 12).
		meetingVenue.boardVenues({ store, live }, access),
		asks.asksPage({ store, live }, access),
		// What waits to be taken up later (issue 12, point 6).
		backlog.backlogPage(store, access)
	]);
	const itemNumbers = await asks.itemNumbers({ store, live }, asksPage.asks);
	return { ...page, publicAddress, deletion, retention, venue, asks: { ...asksPage, itemNumbers }, backlog: backlogPage, mailEnabled: mail.mailEnabled(config) };
};

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
};

export const actions: Actions = {
	// Asks (issue 12): every member asks; owners and editors answer; user associations tell the effect.
	propose: async (event) => {
		const access = await requireBoardMember(event, event.params.boardId);
		const form = await event.request.formData();
		const values = { kind: text(form, 'kind'), text: text(form, 'text'), meetingId: text(form, 'meetingId'), toAgencyId: text(form, 'toAgencyId') };
		const { store, live } = event.locals.runtime;
		const result = await asks.propose({ store, live }, access, values);
		if (!result.ok) return fail(400, { form: 'ask' as const, values, errors: result.errors, params: result.params ?? {} });
		return { form: 'ask' as const, sent: result.value.id };
	},

	answer: async (event) => {
		const access = await requireBoardMember(event, event.params.boardId);
		const form = await event.request.formData();
		const values = { askId: text(form, 'askId'), outcome: text(form, 'outcome'), meetingId: text(form, 'meetingId'), agencyId: text(form, 'agencyId'), reason: text(form, 'reason') };
		const { store, live } = event.locals.runtime;
		const result = await asks.answer({ store, live }, access, values);
		if (!result.ok) return fail(400, { form: 'answer' as const, askId: values.askId, values, errors: result.errors, params: result.params ?? {} });
		// The outcome and what it made (a § of a meeting, an action); never the ask's text or the reason.
		const { outcome, meetingId, itemId, actionId } = result.value;
		await audit(event, { kind: 'ask-answered', boardId: access.board.id, meetingId, subject: values.askId, details: { outcome, ...(itemId ? { itemId } : {}), ...(actionId ? { actionId } : {}) } });
		// The person who asked hears what came of it (issue 14, point 7).
		const { config } = event.locals.runtime;
		const a = result.value;
		await mail.askAnswered({ store, config }, config.origin ?? event.url.origin, {
			boardId: access.board.id,
			askId: a.ask.id,
			askerId: a.ask.authorId,
			askText: a.ask.text,
			outcome: a.outcome,
			meetingId: a.meetingId,
			number: a.number,
			agencyId: a.agencyId,
			reason: a.reason,
			answerer: access.user
		});
		return { form: 'answer' as const, askId: values.askId, answered: { outcome, meetingId, itemId, actionId } };
	},

	/** The asker takes their open ask back (it stays on the board, withdrawn). */
	withdraw: async (event) => {
		const access = await requireBoardMember(event, event.params.boardId);
		const form = await event.request.formData();
		const askId = text(form, 'askId');
		const { store, live } = event.locals.runtime;
		const result = await asks.withdraw({ store, live }, access, { askId });
		if (!result.ok) return fail(400, { form: 'withdraw' as const, askId, errors: result.errors, params: result.params ?? {} });
		return { form: 'withdraw' as const, askId, withdrawn: askId };
	},

	feedback: async (event) => {
		const access = await requireBoardMember(event, event.params.boardId);
		const form = await event.request.formData();
		const values = { actionId: text(form, 'actionId'), effect: text(form, 'effect'), comment: text(form, 'comment') };
		const { store, live } = event.locals.runtime;
		const result = await asks.feedback({ store, live }, access, values);
		if (!result.ok) return fail(400, { form: 'feedback' as const, actionId: values.actionId, values, errors: result.errors, params: result.params ?? {} });
		return { form: 'feedback' as const, actionId: values.actionId, saved: true };
	},

	// The backlog (issue 12): owners and editors write an item straight onto it, or take one off.
	addBacklog: async (event) => {
		const access = await requireBoardMember(event, event.params.boardId);
		const form = await event.request.formData();
		const values = { title: text(form, 'title'), description: text(form, 'description') };
		const result = await backlog.addToBacklog(event.locals.runtime.store, access, values);
		if (!result.ok) return fail(400, { form: 'backlog' as const, values, errors: result.errors, params: result.params ?? {} });
		// Ids only, never the written title (as every follow-on entry).
		await audit(event, { kind: 'backlog-added', boardId: access.board.id, subject: result.value.id });
		return { form: 'backlog' as const, backlogAdded: result.value.title };
	},

	removeBacklog: async (event) => {
		const access = await requireBoardMember(event, event.params.boardId);
		const form = await event.request.formData();
		const entryId = text(form, 'entryId');
		const result = await backlog.removeFromBacklog(event.locals.runtime.store, access, { id: entryId });
		if (!result.ok) return fail(400, { form: 'backlog-remove' as const, entryId, errors: result.errors, params: result.params ?? {} });
		await audit(event, { kind: 'backlog-removed', boardId: access.board.id, subject: entryId });
		return { form: 'backlog-remove' as const, entryId, backlogRemoved: result.value.title };
	},

	createMeeting: async (event) => {
		const { user, board } = await requireBoardMember(event, event.params.boardId);
		const form = await event.request.formData();
		const values = {
			title: text(form, 'title'),
			startsAt: text(form, 'startsAt'),
			place: text(form, 'place'),
			accessibilityNotes: text(form, 'accessibilityNotes'),
			onlineUrl: text(form, 'onlineUrl')
		};
		const tzOffset = formTimeZoneOffset(text(form, 'tzOffset'), values.startsAt, event.cookies.get(TIME_ZONE_COOKIE));
		// The place: a saved venue or typed text (issue 12, point 10); a series is computed on the
		// wall clock of the zone the person's browser reported (point 7).
		const choice = { venueChoice: text(form, 'venueChoice') || 'typed', venueId: text(form, 'venueId') };
		const series = { repeat: text(form, 'repeat'), everyWeeks: text(form, 'everyWeeks'), until: text(form, 'until') };
		const timeZone = validTimeZone(event.cookies.get(TIME_ZONE_COOKIE));
		const result = await meetingVenue.createMeetingsAt(event.locals.runtime, user, board.id, { ...values, tzOffset }, choice, series, timeZone);
		if (!result.ok) return fail(400, { form: 'meeting' as const, values: { ...values, ...choice, ...series }, errors: result.errors, params: result.params ?? {} });
		for (const meeting of result.value.meetings) {
			await audit(event, { kind: 'meeting-created', boardId: board.id, meetingId: meeting.id, details: { startsAt: meeting.startsAt.toISOString() } });
		}
		// A series (issue 12, point 7) once more as a whole: its id, how many meetings, the rule.
		const [first, ...more] = result.value.meetings;
		// Members are told by e-mail of the first meeting (of a series too: one message, not one per meeting).
		const { store, config } = event.locals.runtime;
		await mail.meetingNotice({ store, config }, config.origin ?? event.url.origin, { kind: 'meetingCreated', meetingId: first.id, actorId: user.id, labels: calendarLabels });
		if (first.seriesId && more.length) {
			const details = { meetings: result.value.meetings.length, everyWeeks: Number(series.everyWeeks.trim()), until: series.until.trim() };
			await audit(event, { kind: 'series-created', boardId: board.id, meetingId: first.id, subject: first.seriesId, details });
		}
		redirect(303, `/meetings/${result.value.meetings[0].id}`);
	},

	createInvite: async (event) => {
		const { user, board } = await requireBoardMember(event, event.params.boardId);
		const form = await event.request.formData();
		const values = {
			role: text(form, 'role'),
			days: text(form, 'days').trim(),
			uses: text(form, 'uses') || 'unlimited',
			maxUses: text(form, 'maxUses').trim(),
			email: text(form, 'email').trim()
		};
		const { store, config } = event.locals.runtime;
		// The address first: a wrong one creates no link.
		const address = mail.inviteAddress(config, values.email);
		if (!address.ok) return fail(400, { form: 'invite' as const, values, errors: address.errors, params: {} });
		const result = await boards.createInvite(store, user, board.id, values, new Date(), config.inviteTtlDays);
		if (!result.ok) return fail(400, { form: 'invite' as const, values, errors: result.errors, params: result.params ?? {} });
		const { invite } = result.value;
		await audit(event, {
			kind: 'invite-created',
			boardId: board.id,
			subject: invite.id,
			details: { role: invite.role, expiresAt: invite.expiresAt.toISOString(), maxUses: invite.maxUses }
		});
		const origin = config.origin ?? event.url.origin;
		const link = `${origin}/invite/${result.value.token}`;
		const sent = address.value
			? await mail.invitation({ store, config }, origin, { address: address.value, inviter: user, board, link, inviteId: invite.id, expiresAt: invite.expiresAt })
			: null;
		return {
			form: 'invite' as const,
			created: {
				link,
				role: result.value.invite.role,
				expiresAt: result.value.invite.expiresAt,
				mailed: sent === 'queued' || sent === 'duplicate' ? address.value : null,
				notMailed: sent === 'opted-out' ? address.value : null
			}
		};
	},

	setLanguage: async (event) => {
		const { user, board } = await requireBoardMember(event, event.params.boardId);
		const form = await event.request.formData();
		const result = await boards.setBoardLanguage(event.locals.runtime.store, user, board.id, text(form, 'language'));
		if (!result.ok) return fail(400, { form: 'language' as const, errors: result.errors, params: result.params ?? {} });
		return { form: 'language' as const, saved: result.value.language };
	},

	// Board deletion (owners, typed confirmation) and its cancellation; the purge is the daily job's.
	requestDeletion: async (event) => {
		const { user, board } = await requireBoardMember(event, event.params.boardId);
		const form = await event.request.formData();
		const result = await upkeep.requestDeletion(event.locals.runtime.store, user, board.id, text(form, 'confirmName'));
		if (!result.ok) return fail(400, { form: 'deletion' as const, errors: result.errors, params: result.params ?? {} });
		await audit(event, { kind: 'board-deletion-requested', boardId: board.id, details: { deletesOn: result.value.deletesOn.toISOString() } });
		return { form: 'deletion' as const, requested: true };
	},

	cancelDeletion: async (event) => {
		const { user, board } = await requireBoardMember(event, event.params.boardId);
		const result = await upkeep.cancelDeletion(event.locals.runtime.store, user, board.id);
		if (!result.ok) return fail(400, { form: 'deletion' as const, errors: result.errors, params: result.params ?? {} });
		await audit(event, { kind: 'board-deletion-cancelled', boardId: board.id, details: { requestedAt: result.value.requestedAt.toISOString() } });
		return { form: 'deletion' as const, cancelled: true };
	},

	setRetention: async (event) => {
		const { user, board } = await requireBoardMember(event, event.params.boardId);
		const form = await event.request.formData();
		const values = { draftsDays: text(form, 'draftsDays'), historyDays: text(form, 'historyDays'), auditDays: text(form, 'auditDays') };
		const result = await upkeep.setRetention(event.locals.runtime.store, user, board.id, values);
		if (!result.ok) return fail(400, { form: 'retention' as const, values, errors: result.errors, params: result.params ?? {} });
		await audit(event, { kind: 'retention-changed', boardId: board.id, details: { from: result.value.before, to: result.value.after } });
		return { form: 'retention' as const, saved: true };
	},

	revokeInvite: async (event) => {
		const { user, board } = await requireBoardMember(event, event.params.boardId);
		const form = await event.request.formData();
		const result = await boards.revokeInvite(event.locals.runtime.store, user, board.id, text(form, 'inviteId'));
		if (!result.ok) return fail(400, { form: 'revoke' as const, errors: result.errors, params: result.params ?? {} });
		await audit(event, { kind: 'invite-revoked', boardId: board.id, subject: text(form, 'inviteId') });
		return { form: 'revoke' as const, revoked: true };
	},

	// Members (owner only; the services refuse anyone else and keep at least one owner). The
	// member's open live connections follow at once: lowered to read-only, or closed on removal.
	changeRole: async (event) => {
		const { user, board } = await requireBoardMember(event, event.params.boardId);
		const form = await event.request.formData();
		const userId = text(form, 'userId');
		const { store, live } = event.locals.runtime;
		const name = await members.memberName(store, board.id, userId);
		const result = await members.changeRole(store, live, user, board.id, userId, text(form, 'role'));
		if (!result.ok) return fail(400, { form: 'member' as const, userId, errors: result.errors, params: result.params ?? {} });
		await audit(event, { kind: 'role-changed', boardId: board.id, subject: userId, details: { from: result.value.from, to: result.value.role } });
		return { form: 'member' as const, userId, changed: { name: name ?? '', role: result.value.role } };
	},

	removeMember: async (event) => {
		const { user, board } = await requireBoardMember(event, event.params.boardId);
		const form = await event.request.formData();
		const userId = text(form, 'userId');
		const { store, live } = event.locals.runtime;
		const name = await members.memberName(store, board.id, userId);
		const result = await members.removeMember(store, live, user, board.id, userId);
		if (!result.ok) return fail(400, { form: 'member' as const, userId, errors: result.errors, params: result.params ?? {} });
		await audit(event, { kind: 'member-removed', boardId: board.id, subject: userId, details: { role: result.value.role } });
		// An owner who left (another owner remains) can no longer see the board.
		if (userId === user.id) redirect(303, '/boards');
		return { form: 'member' as const, userId, removed: { name: name ?? '' } };
	}
};
