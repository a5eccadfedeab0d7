import { fail, redirect } from '@sveltejs/kit';
import { createInvite, createMeeting, revokeInvite } from '$lib/server/services/boards';
import { requireBoardMember } from '$lib/server/services/guards';
import { offsetMinutesAt } from '$lib/server/services/time-zones';
import { canCreateMeeting, canManageBoard } from '$lib/domain/roles';
import type { Actions, PageServerLoad } from './$types';

type InviteStatus = 'active' | 'expired' | 'revoked';

export const load: PageServerLoad = async (event) => {
	const { board, role, user } = await requireBoardMember(event, event.params.boardId);
	const { store, config } = event.locals.runtime;
	const [meetings, members] = await Promise.all([store.meetings.listForBoard(board.id), store.boards.members(board.id)]);
	const now = Date.now();
	const invites = canManageBoard(role)
		? (await store.invites.listForBoard(board.id)).map((invite) => ({
				id: invite.id,
				role: invite.role,
				expiresAt: invite.expiresAt,
				status: (invite.revokedAt ? 'revoked' : invite.expiresAt.getTime() <= now ? 'expired' : 'active') as InviteStatus
			}))
		: [];
	return {
		board: { id: board.id, name: board.name, description: board.description },
		role,
		canCreateMeeting: canCreateMeeting(role),
		canManage: canManageBoard(role),
		defaultInviteDays: config.inviteTtlDays,
		meetings: meetings
			.map(({ id, title, startsAt, place }) => ({ id, title, startsAt, place }))
			.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()),
		members: members.map((member) => ({
			id: member.user.id,
			displayName: member.user.displayName,
			agency: { name: member.agency.name, color: member.agency.color },
			role: member.role,
			isMe: member.user.id === user.id
		})),
		invites
	};
};

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
};

export const actions: Actions = {
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
		// The browser sends its offset for the chosen date; without JavaScript, use its last known zone.
		let tzOffset = text(form, 'tzOffset');
		if (!/^-?\d{1,4}$/.test(tzOffset)) {
			const zone = event.cookies.get('samtavla_tz');
			const offset = zone ? offsetMinutesAt(values.startsAt, zone) : null;
			tzOffset = String(offset ?? 0);
		}
		const result = await createMeeting(event.locals.runtime.store, user, board.id, { ...values, tzOffset });
		if (!result.ok) return fail(400, { form: 'meeting' as const, values, errors: result.errors, params: result.params ?? {} });
		redirect(303, `/meetings/${result.value.id}`);
	},

	createInvite: async (event) => {
		const { user, board } = await requireBoardMember(event, event.params.boardId);
		const form = await event.request.formData();
		const values = { role: text(form, 'role'), days: text(form, 'days').trim() };
		const { store, config } = event.locals.runtime;
		const result = await createInvite(store, user, board.id, values, new Date(), config.inviteTtlDays);
		if (!result.ok) return fail(400, { form: 'invite' as const, values, errors: result.errors, params: result.params ?? {} });
		const origin = config.origin ?? event.url.origin;
		return {
			form: 'invite' as const,
			created: { link: `${origin}/invite/${result.value.token}`, role: result.value.invite.role, expiresAt: result.value.invite.expiresAt }
		};
	},

	revokeInvite: async (event) => {
		const { user, board } = await requireBoardMember(event, event.params.boardId);
		const form = await event.request.formData();
		const result = await revokeInvite(event.locals.runtime.store, user, board.id, text(form, 'inviteId'));
		if (!result.ok) return fail(400, { form: 'revoke' as const, errors: result.errors, params: result.params ?? {} });
		return { form: 'revoke' as const, revoked: true };
	}
};
