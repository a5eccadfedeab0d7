import { intlLocale } from '$lib/components/translate';
import { actionStatusName } from '$lib/i18n/action-status';
import type { ActionStatus } from '$lib/domain/board-doc';

/** A calendar date (YYYY-MM-DD) in the reader's language; it has no time zone, so none is applied. */
export function formatDay(day: string): string {
	const date = new Date(`${day}T12:00:00Z`);
	if (Number.isNaN(date.getTime())) return day;
	return new Intl.DateTimeFormat(intlLocale(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** An action's status in the reader's language. */
export const statusName = (status: ActionStatus): string => actionStatusName(status);

/** Words and an icon for each status, never colour alone. */
export const STATUS_STYLE: Record<ActionStatus, string> = {
	open: 'border-brand bg-brand-light text-brand-dark',
	in_progress: 'border-ok bg-white text-ok',
	waiting: 'border-warn bg-warn-light text-warn',
	done: 'border-line bg-white text-muted'
};
