import { m } from '$lib/paraglide/messages.js';
import type { AttendanceStatus, ItemStatus, PresenceKind } from '$lib/domain/meeting-doc';
import type { InternalReasonCategory } from '$lib/domain/protocol/protocol-model';

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

export function attendanceName(status: AttendanceStatus | null): string {
	switch (status) {
		case 'present':
			return m.mtg_attendance_present();
		case 'present_on_site':
			return m.mtg_attendance_present_on_site();
		case 'present_online':
			return m.mtg_attendance_present_online();
		case 'present_phone':
			return m.mtg_attendance_present_phone();
		case 'absent':
			return m.mtg_attendance_absent();
		case 'excused':
			return m.mtg_attendance_excused();
		default:
			return m.mtg_attendance_unmarked();
	}
}

/** The short word for a choice in the attendance list, where the person's name is the legend. */
export function attendanceChoiceName(status: AttendanceStatus): string {
	switch (status) {
		case 'present_on_site':
			return m.mtg_attendance_choice_on_site();
		case 'present_online':
			return m.mtg_attendance_choice_online();
		case 'present_phone':
			return m.mtg_attendance_choice_phone();
		default:
			return attendanceName(status);
	}
}

/** "of whom online" beside the count of those present. */
export function presenceCountName(kind: PresenceKind): string {
	switch (kind) {
		case 'on_site':
			return m.mtg_attendance_count_on_site();
		case 'online':
			return m.mtg_attendance_count_online();
		case 'phone':
			return m.mtg_attendance_count_phone();
	}
}

/** Why an item is internal, in the reader's language (the protocol prints it in the board's). */
export function reasonName(reason: InternalReasonCategory): string {
	switch (reason) {
		case 'personal_data':
			return m.prot_reason_personal_data();
		case 'negotiation':
			return m.prot_reason_negotiation();
		case 'security':
			return m.prot_reason_security();
		default:
			return m.prot_reason_other();
	}
}
