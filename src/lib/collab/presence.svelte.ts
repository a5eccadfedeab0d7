import type { Awareness } from 'y-protocols/awareness';
import type { CollabIdentity } from '$lib/domain/collab-identity';

/** The identity in presence; the server writes it into every state a connection sends. */
export type CollabUser = CollabIdentity;

/** The board's membership record of a person, by user id (undefined for someone not in it). */
export type MemberLookup = (userId: string) => CollabUser | undefined;

export interface PresentPerson extends CollabUser {
	isSelf: boolean;
}

const COLOR = /^#[0-9a-f]{6}$/i;

function asUser(value: unknown): CollabUser | null {
	if (!value || typeof value !== 'object') return null;
	const user = value as Record<string, unknown>;
	if (typeof user.id !== 'string' || typeof user.name !== 'string') return null;
	return {
		id: user.id,
		name: user.name.slice(0, 80),
		color: typeof user.color === 'string' && COLOR.test(user.color) ? user.color : '#4a5560',
		agency: typeof user.agency === 'string' ? user.agency.slice(0, 100) : ''
	};
}

/**
 * Who is here, from the awareness states of everyone connected to the document. One entry per
 * person, however many tabs or devices they have open; you first, then by name. Name, agency and
 * colour come from the membership list (`members`) by user id, not from the state: a state is
 * what a client sent. Someone not in the list yet (added after the page loaded) is shown by the
 * identity the server wrote into their state.
 */
export class Presence {
	#people = $state<PresentPerson[]>([]);
	#awareness: Awareness;
	#selfId: string;
	#members: MemberLookup;
	#onChange = () => this.#refresh();

	constructor(awareness: Awareness, selfId: string, members: MemberLookup = () => undefined) {
		this.#awareness = awareness;
		this.#selfId = selfId;
		this.#members = members;
		awareness.on('change', this.#onChange);
		this.#refresh();
	}

	get people(): PresentPerson[] {
		return this.#people;
	}

	#refresh(): void {
		const byId = new Map<string, PresentPerson>();
		for (const state of this.#awareness.getStates().values()) {
			const user = asUser((state as { user?: unknown }).user);
			if (!user || byId.has(user.id)) continue;
			const member = this.#members(user.id);
			byId.set(user.id, { ...(member ?? user), id: user.id, isSelf: user.id === this.#selfId });
		}
		this.#people = [...byId.values()].sort((a, b) =>
			a.isSelf !== b.isSelf ? (a.isSelf ? -1 : 1) : a.name.localeCompare(b.name)
		);
	}

	destroy(): void {
		this.#awareness.off('change', this.#onChange);
	}
}
