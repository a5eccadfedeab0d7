import { requireUser } from '$lib/server/services/guards';
import { loadRegister, parseRegisterQuery, registerLinks, todayIn } from '$lib/server/services/action-register';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const { store } = event.locals.runtime;
	const { timeZone } = await event.parent();
	const query = parseRegisterQuery(event.url.searchParams);
	const today = todayIn(timeZone);
	return {
		query,
		links: registerLinks(query),
		today,
		hasAgency: Boolean(user.agencyId),
		rows: await loadRegister(store, user, query, today)
	};
};
