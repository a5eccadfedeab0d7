import { redirect } from '@sveltejs/kit';
import { invalidateSession } from '$lib/server/auth/sessions';
import { deleteSessionCookie } from '$lib/server/auth/cookies';
import { audit } from '$lib/server/web/audit';
import type { Actions, PageServerLoad } from './$types';

/** Signing out is a POST (the header's form); a visit here just goes home. */
export const load: PageServerLoad = () => {
	redirect(303, '/');
};

export const actions: Actions = {
	default: async (event) => {
		const { session } = event.locals;
		if (session) {
			await audit(event, { kind: 'sign-out', subject: session.userId });
			await invalidateSession(event.locals.runtime.store, session.id);
			// Open editors of this session close with 4401 and ask to sign in again.
			event.locals.runtime.live.closeSession(session.id);
		}
		deleteSessionCookie(event);
		event.locals.user = null;
		event.locals.session = null;
		redirect(303, '/');
	}
};
