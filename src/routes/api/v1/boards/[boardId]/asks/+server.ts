import { endpoints } from '$lib/server/api/endpoints';
import { apiHandler } from '$lib/server/web/api-handler';
import { createAsk, listAsks } from '$lib/server/api/asks';

/** A board's asks (issue 15): read them, or ask in the caller's own name. */
export const GET = apiHandler(endpoints.boardAsks, (ctx) => listAsks(ctx, ctx.params.boardId, ctx.query, ctx.url));
export const POST = apiHandler(endpoints.createAsk, (ctx) => createAsk(ctx, ctx.params.boardId, ctx.body));
