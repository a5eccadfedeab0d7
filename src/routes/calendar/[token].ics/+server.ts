import { error } from '@sveltejs/kit';
import * as calendar from '$lib/server/services/calendar';
import { calendarResponse, feedLocale } from '../feed';
import type { RequestHandler } from './$types';

/** The secret feed a calendar program subscribes to: no cookie, the token is the key. */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const { store, config } = locals.runtime;
	// Unknown, malformed and revoked look the same: a guessed token learns nothing.
	const user = await calendar.userForCalendarToken(store, params.token);
	if (!user) error(404, 'not found');
	return calendarResponse(store, user, { origin: config.origin ?? url.origin, locale: feedLocale(url), download: false });
};
