import { requireUser } from '$lib/server/services/guards';
import * as auditLog from '$lib/server/services/audit-log';
import { TIME_ZONE_COOKIE, validTimeZone } from '$lib/domain/time-zone';
import { auditKindNames } from '$lib/server/web/audit-kind-names';
import type { PageServerLoad } from './$types';

/** The person's own audit entries (issue 11, point 9): what they did, and what concerned them. */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	event.setHeaders({ 'cache-control': 'no-store' });
	const log = await auditLog.myLog(event.locals.runtime.store, user, event.url.searchParams, validTimeZone(event.cookies.get(TIME_ZONE_COOKIE)));
	return { ...log, kindNames: auditKindNames() };
};
