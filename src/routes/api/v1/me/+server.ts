import { endpoints } from '$lib/server/api/endpoints';
import { me } from '$lib/server/services/api-tokens';
import { apiHandler } from '$lib/server/web/api-handler';

/** The caller's own data (issue 15): who the token speaks for, their language, and what the token may do until when. */
export const GET = apiHandler(endpoints.me, ({ store, caller }) => me(store, caller));
