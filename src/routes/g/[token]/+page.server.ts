import { fail, redirect } from '@sveltejs/kit';
import * as guests from '$lib/server/services/guests';
import { setSessionCookie } from '$lib/server/auth/cookies';
import type { Actions, PageServerLoad } from './$types';

/**
 * A guest's link to one meeting. Opening it shows who it is for and one button; the button signs
 * them in (a POST, so that mail scanners and link previews that fetch the page start nothing).
 */
export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	// The token is a secret: keep the page out of shared caches and other sites' referrers.
	setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'same-origin' });
	const { state, guest, meeting } = await guests.lookupGuestLink(locals.runtime.store, params.token);
	return {
		state,
		refusal: state === 'valid' ? null : guests.GUEST_LINK_REFUSALS[state],
		guest: guest && state === 'valid' ? { name: guest.displayName, agency: guest.agencyName, role: guest.role } : null,
		meeting: meeting && state === 'valid' ? { title: meeting.title, startsAt: meeting.startsAt.toISOString() } : null,
		// A member signed in on this device is told that joining as the guest signs them out here.
		signedInAs: locals.user && locals.guest?.id !== guest?.id ? locals.user.displayName : null
	};
};

export const actions: Actions = {
	join: async (event) => {
		const result = await guests.openGuestLink(event.locals.runtime, event.params.token);
		if (!result.ok) return fail(400, { errors: result.errors });
		setSessionCookie(event, result.value.token, result.value.session.expiresAt);
		redirect(303, `/meetings/${result.value.meetingId}/easy`);
	}
};
