import { endpoints } from '$lib/server/api/endpoints';
import { apiHandler } from '$lib/server/web/api-handler';
import { listBoards } from '$lib/server/api/boards';

/** The boards the caller reads (issue 15). */
export const GET = apiHandler(endpoints.boards, (ctx) => listBoards(ctx, ctx.query, ctx.url));
