import { fail, redirect } from '@sveltejs/kit';
import { deleteSessionCookie } from '$lib/server/auth/cookies';
import { requireUser } from '$lib/server/services/guards';
import { boardsOnlyOwnedBy, eraseAccount } from '$lib/server/services/erasure';
import { audit } from '$lib/server/web/audit';
import type { Actions, PageServerLoad } from './$types';

/** Erasing one's own account (issue 11, point 11): what goes, what stays, and the form. */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	event.setHeaders({ 'cache-control': 'no-store' });
	// Said before the password is typed: a board's only owner has to hand it over first.
	return { lastOwnerOf: await boardsOnlyOwnedBy(event.locals.runtime.store, user.id) };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const { runtime } = event.locals;
		const result = await eraseAccount(runtime, user, { password: form.get('password'), confirm: form.get('confirm') });
		if (!result.ok) {
			const status = result.errors._form === 'error_too_many_attempts' ? 429 : result.errors._form === 'erase_error_last_owner' ? 409 : 400;
			return fail(status, { errors: result.errors, params: result.params ?? {}, lastOwnerOf: result.lastOwnerOf ?? [] });
		}
		// As the person was (name and agency), no address or email in the details: the log is the
		// accountability record that outlives the account.
		await audit(event, { kind: 'account-erased', actor: user, subject: user.id, details: { documents: result.documents } });
		deleteSessionCookie(event);
		event.locals.user = null;
		event.locals.session = null;
		redirect(303, '/account/erased');
	}
};
