import type * as Y from 'yjs';
import {
	attendanceOf,
	currentItem,
	currentItemSince,
	listAgenda,
	listDecisions,
	listGuests,
	meetingRoles,
	type AgendaItem,
	type AttendanceStatus,
	type Decision,
	type Guest
} from '$lib/domain/meeting-doc';
import { listSpeakers, type SpeakerEntry } from '$lib/domain/speaker-list';
import { listPerspectives, listReservations, listSummaries, type Perspective, type Reservation } from '$lib/domain/voices-doc';

/** What the meeting page shows of `meeting:<id>`, read through the domain layout functions. */
export interface MeetingView {
	agenda: AgendaItem[];
	decisions: Decision[];
	chairId: string | null;
	secretaryId: string | null;
	/** the § the chair has set as current, if it is still on the agenda */
	currentItemId: string | null;
	/** when it became current (ISO), if recorded */
	currentItemSince: string | null;
	attendance: Record<string, AttendanceStatus>;
	guests: Guest[];
	/** The speaker list: every ask and turn of this meeting (speaker-list.ts). */
	speakers: SpeakerEntry[];
}

export function readMeeting(doc: Y.Doc): MeetingView {
	const { chairId, secretaryId } = meetingRoles(doc);
	return {
		agenda: listAgenda(doc),
		decisions: listDecisions(doc),
		chairId,
		secretaryId,
		currentItemId: currentItem(doc),
		currentItemSince: currentItemSince(doc),
		attendance: Object.fromEntries(attendanceOf(doc)),
		guests: listGuests(doc),
		speakers: listSpeakers(doc)
	};
}

export interface Summary {
	authorId: string;
	authorName: string;
	agencyName: string;
	text: string;
}

/** What the meeting page shows of `meeting:<id>:voices`. */
export interface VoicesView {
	perspectives: Perspective[];
	summaries: Summary[];
	/** Members' reservations against decisions (issue 12, point 5). */
	reservations: Reservation[];
}

export function readVoices(doc: Y.Doc): VoicesView {
	return { perspectives: listPerspectives(doc), summaries: listSummaries(doc), reservations: listReservations(doc) };
}
