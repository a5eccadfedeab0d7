import * as verify from '$lib/server/services/verify';
import type { PageServerLoad } from './$types';

/** Readable without an account; an unknown or malformed hash is an answer, not an error page. */
export const load: PageServerLoad = async ({ params, locals }) => {
	return { verification: await verify.verifyHash(locals.runtime.store, params.hash) };
};
