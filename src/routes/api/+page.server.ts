import { apiReference } from '$lib/server/api/reference';
import type { PageServerLoad } from './$types';

/** Public: the API's reference is documentation for anyone, signed in or not (issue 15). */
export const load: PageServerLoad = () => ({ tags: apiReference() });
