import { m } from '$lib/paraglide/messages.js';
import type { RemoteChange } from '$lib/collab/remote-changes';
import { intlLocale } from '../translate';
import { attendanceName, itemStatusName } from './names';

/** A person's name by user id from the board's membership (null for someone not on it). */
export type NameOf = (userId: string) => string | null;

const lower = (text: string) => text.toLocaleLowerCase(intlLocale());

/** One sentence for what others changed: the change itself, or how many when several came at once. */
export function describeRemoteChanges(changes: RemoteChange[], nameOf: NameOf): string {
	return changes.length === 1 ? describeRemoteChange(changes[0], nameOf) : m.remote_changes_count({ count: changes.length });
}

/**
 * The author of a perspective or summary: as the board knows them, else the stored name, else (an
 * author who erased their account stores none) "former member (agency)".
 */
function authorOf(change: { authorId: string; authorName: string; agencyName: string }, nameOf: NameOf): string {
	const name = nameOf(change.authorId) ?? change.authorName;
	if (name) return name;
	return change.agencyName ? m.erase_former_member({ agency: change.agencyName }) : m.erase_former_member_unknown();
}

export function describeRemoteChange(change: RemoteChange, nameOf: NameOf): string {
	switch (change.kind) {
		// Names from the board's membership; the one stored with the ask only for someone not on it.
		case 'floor-asked':
			return m.floor_announce_asked({ name: nameOf(change.userId) ?? change.name });
		case 'floor-given':
			return m.floor_announce_speaking({ name: nameOf(change.userId) ?? change.name });
		case 'floor-ended':
			return m.floor_announce_ended();
		case 'item-added':
			return m.remote_item_added({ item: change.item, title: change.title });
		case 'item-removed':
			return m.remote_item_removed({ title: change.title });
		case 'item-changed':
			return m.remote_item_changed({ item: change.item, title: change.title });
		case 'item-status':
			return m.remote_item_status({ item: change.item, title: change.title, status: lower(itemStatusName(change.status)) });
		case 'agenda-reordered':
			return m.remote_agenda_reordered();
		case 'decision-added':
			return m.remote_decision_added({ item: change.item });
		case 'decision-changed':
			return m.remote_decision_changed({ item: change.item, decision: change.decision });
		case 'decision-removed':
			return m.remote_decision_removed({ item: change.item });
		case 'attendance': {
			const [only] = change.userIds;
			const name = change.userIds.length === 1 ? nameOf(only) : null;
			if (name && change.status) return m.remote_attendance_one({ name, status: lower(attendanceName(change.status)) });
			return m.remote_attendance_many({ count: change.userIds.length });
		}
		case 'guest-added':
			return m.remote_guest_added({ name: change.name });
		case 'guest-removed':
			return m.remote_guest_removed({ name: change.name });
		case 'role': {
			const role = change.role === 'chair' ? m.mtg_chair() : m.mtg_secretary();
			const name = change.userId ? nameOf(change.userId) : null;
			return name ? m.remote_role_set({ role, name }) : m.remote_role_cleared({ role });
		}
		case 'perspective-added':
			return m.remote_perspective_added({ name: authorOf(change, nameOf), item: change.item });
		case 'perspective-changed':
			return m.remote_perspective_changed({ name: authorOf(change, nameOf), item: change.item });
		case 'perspective-removed':
			return m.remote_perspective_removed({ name: authorOf(change, nameOf), item: change.item });
		case 'summary-changed':
			return m.remote_summary_changed({ name: authorOf(change, nameOf) });
		case 'arrived':
			return m.remote_arrived({ name: change.name });
		case 'left':
			return m.remote_left({ name: change.name });
	}
}
