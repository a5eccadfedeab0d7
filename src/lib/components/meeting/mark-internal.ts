import { m } from '$lib/paraglide/messages.js';
import { updateAgendaItem, type AgendaItem } from '$lib/domain/meeting-doc';
import type { MeetingRoom } from '$lib/collab/meeting-room.svelte';

/**
 * The personal-data guard's third quick fix (issue 11, point 2), the same wherever an identity
 * number is typed under a § (its minutes, a decision, a perspective): the § leaves the public
 * version with "personal data" as its reason, and the change is read out. Undefined where the
 * person may not change the agenda or the § is internal already, so the button is not offered.
 */
export function markInternalFix(room: MeetingRoom, item: AgendaItem, announce: (text: string) => void): (() => void) | undefined {
	if (!room.canEditMeeting || item.internal) return undefined;
	return () => {
		updateAgendaItem(room.meetingDoc, item.id, { internal: true, internalReason: 'personal_data' });
		announce(m.privacy_marked_internal({ number: item.number }));
	};
}
