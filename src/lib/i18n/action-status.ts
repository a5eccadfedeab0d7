import { m } from '$lib/paraglide/messages.js';
import type { Locale } from '$lib/paraglide/runtime.js';
import type { ActionStatus } from '$lib/domain/board-doc';

/**
 * The word for an action's status, in the reader's language or in `locale` (a calendar feed names
 * its language in the link). One place for the words: the pages, the register and the feed.
 */
export function actionStatusName(status: ActionStatus, locale?: Locale): string {
	const options = locale ? { locale } : undefined;
	switch (status) {
		case 'open':
			return m.act_status_open({}, options);
		case 'in_progress':
			return m.act_status_in_progress({}, options);
		case 'waiting':
			return m.act_status_waiting({}, options);
		case 'done':
			return m.act_status_done({}, options);
	}
}
