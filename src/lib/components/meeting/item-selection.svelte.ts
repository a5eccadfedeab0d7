import { createContext } from 'svelte';
import type { MeetingRoom } from '$lib/collab/meeting-room.svelte';

/** The id part of an agenda item's URL fragment, `#item-<id>`, or null for any other fragment. */
export function itemIdFromHash(hash: string): string | null {
	const match = /^#item-(.+)$/.exec(hash);
	return match ? decodeURIComponent(match[1]) : null;
}

/**
 * Which § of the agenda this person has open beside the list. Their own pick (a link, or the
 * URL fragment `#item-<id>` so it can be shared and the back button works) wins, unless they
 * follow the chair: then the open § is the meeting's current item, live. With no pick, the
 * current item is open, else the first §. A pick of a § that is gone falls back the same way.
 */
export class ItemSelection {
	#room: MeetingRoom;
	#picked = $state<string | null>(null);
	#following = $state(false);

	constructor(room: MeetingRoom) {
		this.#room = room;
	}

	get following(): boolean {
		return this.#following;
	}

	set following(on: boolean) {
		this.#following = on;
	}

	get openId(): string | null {
		const agenda = this.#room.meeting?.agenda ?? [];
		const current = this.#room.currentItemId;
		if (this.#following && current) return current;
		if (this.#picked && agenda.some((item) => item.id === this.#picked)) return this.#picked;
		return current ?? agenda[0]?.id ?? null;
	}

	/** This person opens a § themselves: following the chair stops, unless it is the chair's current §. */
	pick(itemId: string): void {
		this.#picked = itemId;
		if (itemId !== this.#room.currentItemId) this.#following = false;
	}
}

export const [getItemSelection, setItemSelection] = createContext<ItemSelection>();
