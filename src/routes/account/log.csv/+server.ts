import { requireUser } from '$lib/server/services/guards';
import * as auditLog from '$lib/server/services/audit-log';
import { TIME_ZONE_COOKIE, validTimeZone } from '$lib/domain/time-zone';
import type { RequestHandler } from './$types';

/** The person's own audit entries as CSV, filtered as the page was. */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const filter = auditLog.myCsvFilter(user, event.url.searchParams, validTimeZone(event.cookies.get(TIME_ZONE_COOKIE)));
	return auditLog.csvResponse(await auditLog.csv(event.locals.runtime.store, filter), 'samtavla-my-log');
};
