import { endpoints } from '$lib/server/api/endpoints';
import { apiHandler } from '$lib/server/web/api-handler';
import { protocolExport } from '$lib/server/api/meetings';

/** The protocol rendered as pdf (issue 15), internal by default or `?version=public`. */
export const GET = apiHandler(endpoints.protocolPdf, (ctx) => protocolExport(ctx, ctx.params.meetingId, 'pdf', ctx.query.version, ctx.origin));
