import { requireUser } from '$lib/server/services/guards';
import * as search from '$lib/server/services/search';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => search.page(event.locals.runtime.store, requireUser(event), event.url.searchParams);
