import { isHttpError } from '@sveltejs/kit';
import * as accounts from '$lib/server/services/accounts';
import { TIME_ZONE_COOKIE, validTimeZone } from '$lib/domain/time-zone';
import { plainChrome } from '$lib/i18n/plain-chrome';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, cookies }) => {
	const user = locals.user;
	return {
		user: user ? await accounts.header(locals.runtime.store, user).catch(unlessUnavailable(user)) : null,
		/** A guest of one meeting: the header offers that meeting and signing out, nothing else. */
		guestMeetingId: locals.guest?.meetingId ?? null,
		/** Easy mode (issue 14): the page's <html data-mode> follows it after a change without a reload. */
		easyMode: locals.user?.easyMode === true,
		/** In easy mode, the frame's plain texts (header, footer, error page), chosen here: no code on any page. */
		plain: locals.user?.easyMode === true ? plainChrome() : null,
		/** The zone the browser reported last visit: server-rendered dates match what it shows. */
		timeZone: validTimeZone(cookies.get(TIME_ZONE_COOKIE))
	};
};

/**
 * The header's agency chip is not worth a page: if the database fails right here, the page's own
 * load answers (503 with +error.svelte), which a failing root layout would turn into the bare fallback.
 */
function unlessUnavailable(user: { id: string; displayName: string }) {
	return (error: unknown) => {
		if (isHttpError(error, 503)) return { id: user.id, displayName: user.displayName, agency: null };
		throw error;
	};
}
