import { fail, redirect } from '@sveltejs/kit';
import { requireMeetingMember } from '$lib/server/services/guards';
import * as guests from '$lib/server/services/guests';
import { boardPeople } from '$lib/server/services/people';
import { qrPath } from '$lib/server/web/qr';
import * as mail from '$lib/server/services/mail';
import type { Actions, PageServerLoad } from './$types';

/** The meeting's guests: invite one (a link and its QR code, shown once), see who came, revoke. */
export const load: PageServerLoad = async (event) => {
	const access = await requireMeetingMember(event, event.params.meetingId);
	const { store } = event.locals.runtime;
	const list = await guests.listGuests(store, access.user, access.meeting);
	if (!list) redirect(303, `/meetings/${access.meeting.id}`);
	const { agencies } = await boardPeople(store, access.meeting.boardId);
	return {
		meeting: { id: access.meeting.id, title: access.meeting.title },
		guests: list,
		agencies: agencies.map((a) => ({ id: a.id, name: a.name })),
		mailEnabled: mail.mailEnabled(event.locals.runtime.config)
	};
};

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
};

export const actions: Actions = {
	invite: async (event) => {
		const { user, meeting } = await requireMeetingMember(event, event.params.meetingId);
		const form = await event.request.formData();
		const values = { displayName: text(form, 'displayName'), agencyId: text(form, 'agencyId'), role: text(form, 'role'), email: text(form, 'email') };
		const { store, config } = event.locals.runtime;
		// The guest's address is optional: the link is shown (and as a QR code) either way.
		const address = mail.inviteAddress(config, values.email);
		if (!address.ok) return fail(400, { form: 'invite' as const, values, errors: address.errors });
		const result = await guests.inviteGuest(store, user, meeting, values);
		if (!result.ok) return fail(400, { form: 'invite' as const, values, errors: result.errors });
		const origin = config.origin ?? event.url.origin;
		const link = `${origin}/g/${result.value.token}`;
		const sent = address.value ? await guests.mailGuestLink({ store, config }, origin, { address: address.value, inviter: user, meeting, guest: result.value.guest, link }) : null;
		return {
			form: 'invite' as const,
			created: { name: result.value.guest.displayName, link, qr: qrPath(link), mailedTo: sent === 'queued' ? address.value : null, notMailed: sent !== null && sent !== 'queued' }
		};
	},
	revoke: async (event) => {
		const { user, meeting } = await requireMeetingMember(event, event.params.meetingId);
		const form = await event.request.formData();
		const result = await guests.revokeGuest(event.locals.runtime, user, meeting, text(form, 'guestId'));
		if (!result.ok) return fail(400, { form: 'revoke' as const, errors: result.errors });
		return { form: 'revoke' as const, revoked: result.value.name };
	}
};
