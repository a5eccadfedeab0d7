import { endpoints } from '$lib/server/api/endpoints';
import { apiHandler } from '$lib/server/web/api-handler';
import { getMeeting } from '$lib/server/api/meetings';

/** A meeting with its agenda, decisions, attendance and status (issue 15). */
export const GET = apiHandler(endpoints.meeting, (ctx) => getMeeting(ctx, ctx.params.meetingId));
