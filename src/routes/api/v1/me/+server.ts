import { json } from '@sveltejs/kit';
import { me } from '$lib/server/services/api-tokens';
import { apiLocale } from '$lib/server/web/problem';
import type { RequestHandler } from './$types';

/** The caller's own data (issue 15): who the token speaks for, and what the token may do until when. */
export const GET: RequestHandler = ({ locals, request }) => {
	const caller = locals.apiCaller;
	if (!caller) throw new Error('hooks.server.ts answers 401 before a request without a caller reaches /api/v1');
	return json(me(caller, apiLocale(request)), { headers: { 'cache-control': 'no-store', vary: 'Accept-Language, Authorization' } });
};
