import { requireUser } from '$lib/server/services/guards';
import { myData } from '$lib/server/services/my-data';
import { audit } from '$lib/server/web/audit';
import type { PageServerLoad } from './$types';

/** "My data" as a page to read (the same structure as /account/data.json). */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const data = await myData(event.locals.runtime.store, event.locals.runtime.live, user);
	await audit(event, { kind: 'data-exported', subject: user.id, details: { format: 'html' } });
	return { data };
};
