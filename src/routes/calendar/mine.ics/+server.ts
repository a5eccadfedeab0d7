import { requireUser } from '$lib/server/services/guards';
import { calendarResponse, feedLocale } from '../feed';
import type { RequestHandler } from './$types';

/** The same calendar as a one-off download for the signed-in person (no secret link needed). */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const { store, config } = event.locals.runtime;
	return calendarResponse(store, user, { origin: config.origin ?? event.url.origin, locale: feedLocale(event.url), download: true });
};
