import { fail, redirect } from '@sveltejs/kit';
import { setEasyMode } from '$lib/server/services/accounts';
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
	/** Easy mode on or off (plain POST; the whole page follows at once, with or without JavaScript). */
	easyMode: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const result = await setEasyMode(event.locals.runtime.store, user, form.get('easyMode'));
		if (!result.ok) return fail(400, { easyModeErrors: result.errors });
		// This response is rendered with the new setting (its <html data-mode> and the page's data).
		const { easyMode: _was, ...rest } = user;
		event.locals.user = result.value.easyMode ? { ...rest, easyMode: true } : rest;
		return { easyModeSet: result.value.easyMode };
	},
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
