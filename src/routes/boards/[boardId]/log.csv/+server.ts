import { error } from '@sveltejs/kit';
import { requireBoardMember } from '$lib/server/services/guards';
import * as auditLog from '$lib/server/services/audit-log';
import { TIME_ZONE_COOKIE, validTimeZone } from '$lib/domain/time-zone';
import type { RequestHandler } from './$types';

/** The board's audit log as CSV, filtered as the page was (owners only). */
export const GET: RequestHandler = async (event) => {
	const access = await requireBoardMember(event, event.params.boardId);
	if (access.role !== 'owner') error(403, 'forbidden');
	const filter = auditLog.boardCsvFilter(access.board.id, event.url.searchParams, validTimeZone(event.cookies.get(TIME_ZONE_COOKIE)));
	return auditLog.csvResponse(await auditLog.csv(event.locals.runtime.store, filter), `samtavla-log-${access.board.id}`);
};
