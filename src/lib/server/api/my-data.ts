import { myData } from '../services/my-data.js';
import { record } from '../services/audit.js';
import type { ApiDeps } from './deps.js';

/** The person's own data through the API (issue 15): the account page's export, logged as that is. */
export async function exportMyData(deps: ApiDeps) {
	const data = await myData(deps.store, deps.live, deps.caller.user);
	await record(deps.store, { kind: 'data-exported', actor: deps.caller.user, subject: deps.caller.user.id, details: { format: 'json', via: 'api', token: deps.caller.token.id } });
	return data;
}
