import { endpoints } from '$lib/server/api/endpoints';
import { apiHandler } from '$lib/server/web/api-handler';
import { protocolInfo } from '$lib/server/api/meetings';

/** The protocol's state, hash and exports (issue 15). */
export const GET = apiHandler(endpoints.protocol, (ctx) => protocolInfo(ctx, ctx.params.meetingId, ctx.origin));
