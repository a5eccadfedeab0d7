import { endpoints } from '$lib/server/api/endpoints';
import { apiHandler } from '$lib/server/web/api-handler';
import { listMeetings } from '$lib/server/api/meetings';

/** A board's meetings (issue 15). */
export const GET = apiHandler(endpoints.boardMeetings, (ctx) => listMeetings(ctx, ctx.params.boardId, ctx.query, ctx.url));
