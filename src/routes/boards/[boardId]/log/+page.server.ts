import { error } from '@sveltejs/kit';
import { requireBoardMember } from '$lib/server/services/guards';
import * as auditLog from '$lib/server/services/audit-log';
import { TIME_ZONE_COOKIE, validTimeZone } from '$lib/domain/time-zone';
import { auditKindNames } from '$lib/server/web/audit-kind-names';
import type { PageServerLoad } from './$types';

/** The board's audit log, for its owners (issue 11, point 9); the filter is the page's query. */
export const load: PageServerLoad = async (event) => {
	const access = await requireBoardMember(event, event.params.boardId);
	const log = await auditLog.boardLog(event.locals.runtime.store, access, event.url.searchParams, validTimeZone(event.cookies.get(TIME_ZONE_COOKIE)));
	if (!log) error(403, 'forbidden');
	event.setHeaders({ 'cache-control': 'no-store' });
	return { ...log, kindNames: auditKindNames() };
};
