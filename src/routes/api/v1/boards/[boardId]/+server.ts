import { endpoints } from '$lib/server/api/endpoints';
import { apiHandler } from '$lib/server/web/api-handler';
import { getBoard } from '$lib/server/api/boards';

/** A board with its members and agencies (issue 15). */
export const GET = apiHandler(endpoints.board, (ctx) => getBoard(ctx, ctx.params.boardId));
