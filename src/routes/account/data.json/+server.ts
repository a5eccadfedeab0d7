import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/services/guards';
import { myData } from '$lib/server/services/my-data';
import { audit } from '$lib/server/web/audit';
import type { RequestHandler } from './$types';

/** "My data" to take elsewhere (GDPR article 20): one JSON file, never kept by a shared cache. */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const data = await myData(event.locals.runtime.store, event.locals.runtime.live, user);
	// A copy of everything about the person left the app: theirs to know, in their own entries.
	await audit(event, { kind: 'data-exported', subject: user.id, details: { format: 'json' } });
	return json(data, {
		headers: {
			'content-disposition': `attachment; filename="samtavla-${data.exportedAt.slice(0, 10)}.json"`,
			'cache-control': 'private, no-store'
		}
	});
};
