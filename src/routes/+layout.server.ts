import { isHttpError } from '@sveltejs/kit';
import * as accounts from '$lib/server/services/accounts';
import { TIME_ZONE_COOKIE, validTimeZone } from '$lib/domain/time-zone';
import { frameTexts, plainErrorTexts } from '$lib/i18n/plain-chrome';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, cookies }) => {
	const user = locals.user;
	const easyMode = locals.user?.easyMode === true;
	return {
		user: user ? await accounts.header(locals.runtime.store, user).catch(unlessUnavailable(user)) : null,
		/** A guest of one meeting: the header offers that meeting and signing out, nothing else. */
		guestMeetingId: locals.guest?.meetingId ?? null,
		/** Easy mode (issue 14): the page's <html data-mode> follows it after a change without a reload. */
		easyMode,
		/** The header's and footer's texts, plain in easy mode, chosen here: they are no code on any page. */
		frame: frameTexts(easyMode),
		/** In easy mode, the error page's plain texts (null otherwise). */
		plainErrors: plainErrorTexts(easyMode),
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
