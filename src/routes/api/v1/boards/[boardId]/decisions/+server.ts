import { endpoints } from '$lib/server/api/endpoints';
import { apiHandler } from '$lib/server/web/api-handler';
import { listDecisions } from '$lib/server/api/decisions';

/** A board's decision register (issue 15). */
export const GET = apiHandler(endpoints.boardDecisions, (ctx) => listDecisions(ctx, ctx.query, ctx.url, ctx.params.boardId));
