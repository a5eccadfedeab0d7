import * as mail from '$lib/server/services/mail';
import type { Actions, PageServerLoad } from './$types';

/**
 * The link at the foot of every e-mail. Opening it changes nothing (mail scanners open links): the
 * page asks, and the button (a plain form POST, no JavaScript needed) unsubscribes.
 */
export const load: PageServerLoad = async ({ params, locals }) => ({ target: await mail.unsubscribeTarget(locals.runtime.store, params.token) });

export const actions: Actions = {
	default: async ({ params, locals }) => ({ done: await mail.unsubscribe(locals.runtime.store, params.token) })
};
