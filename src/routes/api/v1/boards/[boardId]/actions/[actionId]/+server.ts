import { endpoints } from '$lib/server/api/endpoints';
import { apiHandler } from '$lib/server/web/api-handler';
import { changeAction } from '$lib/server/api/actions';

/** Changes an action's status or outcome (issue 15). */
export const PATCH = apiHandler(endpoints.changeAction, (ctx) => changeAction(ctx, ctx.params.boardId, ctx.params.actionId, ctx.body));
