import { m } from '$lib/paraglide/messages.js';
import { getLocale, isLocale, type Locale } from '$lib/paraglide/runtime.js';
import { actionStatusName } from '$lib/i18n/action-status';
import type { ActionStatus } from '$lib/domain/board-doc';
import { serializeCalendar, userCalendar, type CalendarLabels } from '$lib/server/services/calendar';
import type { Store, User } from '$lib/server/store/types';
import { venueLabels } from '$lib/i18n/venue-words';

/** The feed's texts in one language: calendar programs send no cookie, so the link names it. */
export function calendarLabels(locale: Locale): CalendarLabels {
	const o = { locale };
	return {
		calendarName: (name) => m.act_ics_calendar_name({ name }, o),
		actionSummary: (title) => m.act_ics_action_summary({ title }, o),
		board: (board) => m.act_ics_board({ board }, o),
		accessibility: (notes) => m.act_ics_accessibility({ notes }, o),
		online: (url) => m.act_ics_online({ url }, o),
		agency: (agency) => m.act_ics_agency({ agency }, o),
		assignee: (name) => m.act_assignee({ name }, o),
		status: (status: ActionStatus) => m.act_ics_status({ status: actionStatusName(status, locale) }, o),
		cancelled: (reason) => (reason ? m.act_ics_cancelled_reason({ reason }, o) : m.act_ics_cancelled({}, o)),
		venue: venueLabels(locale)
	};
}

/** `?lang=` when it names a language we have, else the request's own. */
export function feedLocale(url: URL): Locale {
	const lang = url.searchParams.get('lang');
	return lang && isLocale(lang) ? lang : getLocale();
}

export async function calendarResponse(
	store: Store,
	user: Pick<User, 'id' | 'displayName'>,
	options: { origin: string; locale: Locale; download: boolean }
): Promise<Response> {
	const calendar = await userCalendar(store, user, { origin: options.origin, labels: calendarLabels(options.locale) });
	return new Response(serializeCalendar(calendar), {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			// Personal data: never kept by shared caches; calendar programs fetch again anyway.
			'cache-control': 'private, no-store',
			'x-robots-tag': 'noindex',
			...(options.download ? { 'content-disposition': 'attachment; filename="samtavla.ics"' } : {})
		}
	});
}
