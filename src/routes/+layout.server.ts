import type { LayoutServerLoad } from './$types';

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
	const agency = user ? await locals.runtime.store.agencies.get(user.agencyId) : null;
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
