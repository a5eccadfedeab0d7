import { json } from '@sveltejs/kit';
import { resolveDocAccess } from '$lib/server/services/doc-access';
import type { RequestHandler } from './$types';

/**
 * Why a realtime connection keeps failing. A refused websocket upgrade (401/403/404) reaches the
 * browser only as close code 1006, the same as a network error; the editor asks here before it
 * tells someone they were signed out or lost access, and otherwise keeps retrying.
 */
export const GET: RequestHandler = async ({ locals, params, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	if (!locals.user) return json({ status: 'signed-out' }, { status: 401 });
	const decision = await resolveDocAccess(locals.runtime.store, locals.user.id, params.docName);
	if (decision.status === 'ok') return json({ status: 'ok', access: decision.access });
	return json({ status: decision.status }, { status: decision.status === 'forbidden' ? 403 : 404 });
};
