import { json } from '@sveltejs/kit';
import * as verify from '$lib/server/services/verify';
import type { RequestHandler } from './$types';

/** /verify/<hash>.json: the same answer as /verify/<hash>, for machines (no account needed). */
export const GET: RequestHandler = async ({ params, locals }) => {
	const v = await verify.verifyHash(locals.runtime.store, params.hash);
	const body =
		v.kind === 'match'
			? { ...v, sealedAt: v.sealedAt.toISOString(), approvers: v.approvers.map((a) => ({ name: a.name, role: a.role, at: a.at })) }
			: v;
	return json(body, { headers: { 'cache-control': 'no-cache' } });
};
