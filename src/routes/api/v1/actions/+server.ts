import { endpoints } from '$lib/server/api/endpoints';
import { apiHandler } from '$lib/server/web/api-handler';
import { listActions } from '$lib/server/api/actions';

/** The action register across the caller's boards, with its filters (issue 15). */
export const GET = apiHandler(endpoints.myActions, (ctx) => listActions(ctx, ctx.query, ctx.url));
