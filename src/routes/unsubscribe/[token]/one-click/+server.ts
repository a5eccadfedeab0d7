import { unsubscribe } from '$lib/server/services/mail';
import type { RequestHandler } from './$types';

/** RFC 8058 one-click unsubscribe (the List-Unsubscribe header): the provider POSTs, nobody confirms. */
export const POST: RequestHandler = async ({ params, locals }) => {
	const done = await unsubscribe(locals.runtime.store, params.token);
	return new Response(null, { status: done ? 204 : 404, headers: { 'cache-control': 'no-store' } });
};
