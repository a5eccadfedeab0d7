import { fail, redirect } from '@sveltejs/kit';
import { createInvite, createMeeting, revokeInvite } from '$lib/server/services/boards';
import { changeRole, removeMember } from '$lib/server/services/members';
import { requireBoardMember } from '$lib/server/services/guards';
import { offsetMinutesAt } from '$lib/server/services/time-zones';
import { canCreateMeeting, canManageBoard } from '$lib/domain/roles';
import { docAccess } from '$lib/domain/permissions';
import type { Invite, Store } from '$lib/server/store/types';
import type { Actions, PageServerLoad } from './$types';

type InviteStatus = 'active' | 'expired' | 'revoked' | 'used-up';

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
				maxUses: invite.maxUses,
				usesLeft: invite.maxUses === null ? null : Math.max(0, invite.maxUses - invite.uses),
				status: inviteStatus(invite, now)
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
		invites,
		// The "Action items" section: the board document `board:<id>`, written by editors and the owner.
		actions: {
			canEdit: docAccess(role, 'board') === 'write',
			userId: user.id,
			userAgencyId: user.agencyId,
			members: members.map((member) => ({ userId: member.user.id, name: member.user.displayName, agencyId: member.agency.id })),
			agencies: [...new Map(members.map((member) => [member.agency.id, member.agency])).values()]
				.map(({ id, name, color }) => ({ id, name, color }))
				.sort((a, b) => a.name.localeCompare(b.name, 'sv')),
			meetingTitles: Object.fromEntries(meetings.map((meeting) => [meeting.id, meeting.title]))
		}
	};
};

function inviteStatus(invite: Invite, now: number): InviteStatus {
	if (invite.revokedAt) return 'revoked';
	if (invite.expiresAt.getTime() <= now) return 'expired';
	if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'used-up';
	return 'active';
}

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
		// The browser sends its offset for the chosen date; without JavaScript, use its last known zone,
		// or (never hydrated, so never reported) the zone the pages are rendered in (+layout.server.ts).
		let tzOffset = text(form, 'tzOffset');
		if (!/^-?\d{1,4}$/.test(tzOffset)) {
			const zone = event.cookies.get('samtavla_tz') || 'Europe/Stockholm';
			const offset = offsetMinutesAt(values.startsAt, zone) ?? offsetMinutesAt(values.startsAt, 'Europe/Stockholm');
			tzOffset = String(offset ?? 0);
		}
		const result = await createMeeting(event.locals.runtime.store, user, board.id, { ...values, tzOffset });
		if (!result.ok) return fail(400, { form: 'meeting' as const, values, errors: result.errors, params: result.params ?? {} });
		redirect(303, `/meetings/${result.value.id}`);
	},

	createInvite: async (event) => {
		const { user, board } = await requireBoardMember(event, event.params.boardId);
		const form = await event.request.formData();
		const values = { role: text(form, 'role'), days: text(form, 'days').trim(), uses: text(form, 'uses') || 'unlimited', maxUses: text(form, 'maxUses').trim() };
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
	},

	// Members (owner only; the services refuse anyone else and keep at least one owner). The
	// member's open live connections follow at once: lowered to read-only, or closed on removal.
	changeRole: async (event) => {
		const { user, board } = await requireBoardMember(event, event.params.boardId);
		const form = await event.request.formData();
		const userId = text(form, 'userId');
		const { store, live } = event.locals.runtime;
		const name = await memberName(store, board.id, userId);
		const result = await changeRole(store, live, user, board.id, userId, text(form, 'role'));
		if (!result.ok) return fail(400, { form: 'member' as const, userId, errors: result.errors, params: result.params ?? {} });
		return { form: 'member' as const, userId, changed: { name: name ?? '', role: result.value.role } };
	},

	removeMember: async (event) => {
		const { user, board } = await requireBoardMember(event, event.params.boardId);
		const form = await event.request.formData();
		const userId = text(form, 'userId');
		const { store, live } = event.locals.runtime;
		const name = await memberName(store, board.id, userId);
		const result = await removeMember(store, live, user, board.id, userId);
		if (!result.ok) return fail(400, { form: 'member' as const, userId, errors: result.errors, params: result.params ?? {} });
		// An owner who left (another owner remains) can no longer see the board.
		if (userId === user.id) redirect(303, '/boards');
		return { form: 'member' as const, userId, removed: { name: name ?? '' } };
	}
};

async function memberName(store: Store, boardId: string, userId: string): Promise<string | null> {
	if (!userId) return null;
	const members = await store.boards.members(boardId);
	return members.find((member) => member.user.id === userId)?.user.displayName ?? null;
}
