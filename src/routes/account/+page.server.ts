import { redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/services/guards';
import { accountPage, signOutElsewhere } from '$lib/server/services/my-data';
import { audit } from '$lib/server/web/audit';
import * as mail from '$lib/server/services/mail';
import type { Actions, PageServerLoad } from './$types';

/** The person's own account: who they are here, their sign-ins, their data to take away, and erasure. */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const { store, config } = event.locals.runtime;
	return { ...(await accountPage(store, user)), mail: await mail.preferences({ store, config }, user) };
};

export const actions: Actions = {
	/** Sign out everywhere else (plain POST): every other session ends, its editors close. */
	signOutElsewhere: async (event) => {
		const user = requireUser(event);
		const session = event.locals.session;
		if (!session) redirect(303, '/signin');
		const ended = await signOutElsewhere(event.locals.runtime.store, event.locals.runtime.live, user, session.id);
		if (ended > 0) await audit(event, { kind: 'session-revoked', subject: user.id, details: { count: ended } });
		return { signedOutElsewhere: ended };
	},

	/** Which kinds of e-mail the person gets (issue 14): the ticked ones; the rest are unsubscribed. */
	mailPrefs: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const { store, config } = event.locals.runtime;
		await mail.setPreferences({ store, config }, user, form.getAll('kind').filter((k): k is string => typeof k === 'string'));
		return { mailSaved: true };
	}
};
