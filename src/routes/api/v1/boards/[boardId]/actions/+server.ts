import { endpoints } from '$lib/server/api/endpoints';
import { apiHandler } from '$lib/server/web/api-handler';
import { createAction, listActions } from '$lib/server/api/actions';

/** A board's actions (issue 15): read with the register's filters, or record one. */
export const GET = apiHandler(endpoints.boardActions, (ctx) => listActions(ctx, ctx.query, ctx.url, ctx.params.boardId));
export const POST = apiHandler(endpoints.createAction, (ctx) => createAction(ctx, ctx.params.boardId, ctx.body));
