import { m } from '$lib/paraglide/messages.js';
import type { AttendanceStatus, ItemStatus, MeetingStatus } from '$lib/domain/meeting-doc';

/** Words for the document's status values, in the reader's language. */
export function itemStatusName(status: ItemStatus): string {
	switch (status) {
		case 'pending':
			return m.mtg_item_status_pending();
		case 'in_progress':
			return m.mtg_item_status_in_progress();
		case 'done':
			return m.mtg_item_status_done();
		case 'postponed':
			return m.mtg_item_status_postponed();
	}
}

export function meetingStatusName(status: MeetingStatus): string {
	switch (status) {
		case 'planned':
			return m.mtg_status_planned();
		case 'in_progress':
			return m.mtg_status_in_progress();
		case 'held':
			return m.mtg_status_held();
	}
}

export function attendanceName(status: AttendanceStatus | null): string {
	switch (status) {
		case 'present':
			return m.mtg_attendance_present();
		case 'absent':
			return m.mtg_attendance_absent();
		case 'excused':
			return m.mtg_attendance_excused();
		default:
			return m.mtg_attendance_unmarked();
	}
}
