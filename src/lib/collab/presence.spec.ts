import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { Presence, type CollabUser } from './presence.svelte';

const ANNA: CollabUser = { id: 'anna', name: 'Anna Berg', color: '#1f5f8b', agency: 'Socialtjänsten' };
const BO: CollabUser = { id: 'bo', name: 'Bo Ek', color: '#2e6b30', agency: 'Brukarföreningen' };
const members = new Map([ANNA, BO].map((p) => [p.id, p]));

/** A remote participant's awareness state arriving at `local`, as the provider applies it. */
function arrive(local: awarenessProtocol.Awareness, state: Record<string, unknown>) {
	const remote = new awarenessProtocol.Awareness(new Y.Doc());
	remote.setLocalState(state);
	awarenessProtocol.applyAwarenessUpdate(local, awarenessProtocol.encodeAwarenessUpdate(remote, [remote.clientID]), 'remote');
	remote.destroy();
}

describe('Presence', () => {
	it('shows members by the name and agency of the membership list, not the name in their state', () => {
		const local = new awarenessProtocol.Awareness(new Y.Doc());
		local.setLocalState({ user: ANNA });
		const presence = new Presence(local, ANNA.id, (id) => members.get(id));
		arrive(local, { user: { id: 'bo', name: 'Ordföranden', agency: 'Kommunstyrelsen', color: '#000000' } });
		expect(presence.people).toEqual([
			{ ...ANNA, isSelf: true },
			{ ...BO, isSelf: false }
		]);
		presence.destroy();
		local.destroy();
	});

	it('shows someone not (yet) in the list by the identity the server wrote into their state', () => {
		const local = new awarenessProtocol.Awareness(new Y.Doc());
		local.setLocalState({ user: ANNA });
		const presence = new Presence(local, ANNA.id, (id) => members.get(id));
		const newcomer = { id: 'cia', name: 'Cia Holm', color: '#6b3fa0', agency: 'Bostadsbolaget' };
		arrive(local, { user: newcomer });
		expect(presence.people.map((p) => p.name)).toEqual(['Anna Berg', 'Cia Holm']);
		presence.destroy();
		local.destroy();
	});
});
