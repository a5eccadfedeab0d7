import { endpoints } from '$lib/server/api/endpoints';
import { apiHandler } from '$lib/server/web/api-handler';
import { listDecisions } from '$lib/server/api/decisions';

/** The decision register across the caller's boards, with its filters (issue 15). */
export const GET = apiHandler(endpoints.myDecisions, (ctx) => listDecisions(ctx, ctx.query, ctx.url));
