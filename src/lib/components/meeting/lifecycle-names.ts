import { m } from '$lib/paraglide/messages.js';
import type { LifecycleStatus } from '$lib/domain/meeting-lifecycle';

/** A status as the page names it. */
export function lifecycleStatusName(status: LifecycleStatus): string {
	switch (status) {
		case 'planned':
			return m.lc_status_planned();
		case 'in_progress':
			return m.lc_status_in_progress();
		case 'held':
			return m.lc_status_held();
		case 'in_adjustment':
			return m.lc_status_in_adjustment();
		case 'adjusted':
			return m.lc_status_adjusted();
		case 'cancelled':
			return m.lc_status_cancelled();
	}
}

/**
 * A move's button says what it does ("End the meeting"), not where it lands ("Held"): the same
 * status is reached by different moves, and "back to planned" is not "start". A move without
 * words of its own (none today) falls back to the status it leads to.
 */
export function moveLabel(from: LifecycleStatus, to: LifecycleStatus): string {
	switch (`${from}>${to}`) {
		case 'planned>in_progress':
			return m.lc_move_planned_in_progress();
		case 'in_progress>planned':
			return m.lc_move_in_progress_planned();
		case 'in_progress>held':
			return m.lc_move_in_progress_held();
		case 'held>in_progress':
			return m.lc_move_held_in_progress();
		case 'planned>held':
			return m.lc_move_planned_held();
		case 'cancelled>planned':
			return m.lc_move_cancelled_planned();
		case 'held>in_adjustment':
			return m.lc_move_held_in_adjustment();
		case 'in_adjustment>held':
			return m.lc_move_in_adjustment_held();
		default:
			return lifecycleStatusName(to);
	}
}
