import { isHttpError } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

function unlessUnavailable(error: unknown): null {
	if (isHttpError(error, 503)) return null;
	throw error;
}

const TZ_COOKIE = 'samtavla_tz';
const FALLBACK_TZ = 'Europe/Stockholm';

function validTimeZone(value: string | undefined): string {
	if (!value) return FALLBACK_TZ;
	try {
		new Intl.DateTimeFormat('sv-SE', { timeZone: value });
		return value;
	} catch {
		return FALLBACK_TZ;
	}
}

export const load: LayoutServerLoad = async ({ locals, cookies }) => {
	const user = locals.user;
	// The header's agency chip is not worth a page: if the database fails right here, the page's own
	// load answers (503 with +error.svelte), which a failing root layout would turn into the bare fallback.
	const agency = user ? await locals.runtime.store.agencies.get(user.agencyId).catch(unlessUnavailable) : null;
	return {
		user: user
			? {
					id: user.id,
					displayName: user.displayName,
					agency: agency ? { id: agency.id, name: agency.name, color: agency.color } : null
				}
			: null,
		/** The zone the browser reported last visit: server-rendered dates match what it shows. */
		timeZone: validTimeZone(cookies.get(TZ_COOKIE))
	};
};
