import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/services/guards';
import { myData } from '$lib/server/services/my-data';
import type { RequestHandler } from './$types';

/** "My data" to take elsewhere (GDPR article 20): one JSON file, never kept by a shared cache. */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const data = await myData(event.locals.runtime.store, event.locals.runtime.live, user);
	return json(data, {
		headers: {
			'content-disposition': `attachment; filename="samtavla-${data.exportedAt.slice(0, 10)}.json"`,
			'cache-control': 'private, no-store'
		}
	});
};
