import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { addAgendaItem, itemMinutes, listAgenda, recordDecision, setMeetingRole } from '$lib/domain/meeting-doc';
import { addPerspective } from '$lib/domain/voices-doc';
import { FakeSession } from './fake-session';
import { watchRemoteChanges } from './remote-change-watch';
import type { RemoteChange } from './remote-changes';

const alva = { id: 'u1', name: 'Alva', color: '#1f4e5f', agency: 'Socialtjänsten' };
const bo = { id: 'u2', name: 'Bo', color: '#1f4e5f', agency: 'Socialtjänsten' };
const REMOTE = 'websocket provider';

/** This tab's meeting and voices (fake sessions) and a second person's copy of each, as the server would relay them. */
function meeting() {
	const mine = { meeting: new FakeSession({ docName: 'meeting:m1', user: alva }), voices: new FakeSession({ docName: 'meeting:m1:voices', user: alva }) };
	const theirs = { meeting: new Y.Doc(), voices: new Y.Doc() };
	const told: RemoteChange[][] = [];
	const stop = watchRemoteChanges(mine, (changes) => told.push(changes));
	/** What the other person changed arrives (origin: the provider, not this tab). */
	const relay = () => {
		Y.applyUpdate(mine.meeting.doc, Y.encodeStateAsUpdate(theirs.meeting, Y.encodeStateVector(mine.meeting.doc)), REMOTE);
		Y.applyUpdate(mine.voices.doc, Y.encodeStateAsUpdate(theirs.voices, Y.encodeStateVector(mine.voices.doc)), REMOTE);
	};
	const sync = () => {
		mine.meeting.sync();
		mine.voices.sync();
	};
	cleanups.push(() => {
		stop();
		mine.meeting.destroy();
		mine.voices.destroy();
	});
	return { mine, theirs, told, relay, sync, stop };
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

describe('watchRemoteChanges', () => {
	it('says nothing about what the first sync brings, then tells what others change', () => {
		const { theirs, told, relay, sync } = meeting();
		addAgendaItem(theirs.meeting, { title: 'Välkomna' });
		relay(); // the device copy and the server's state while loading
		sync();
		expect(told).toEqual([]);

		recordDecision(theirs.meeting, listAgenda(theirs.meeting)[0].id, { text: 'Ja', createdBy: 'u2' });
		relay();
		expect(told).toEqual([[{ kind: 'decision-added', item: 1 }]]);
	});

	it('never tells this tab its own changes, also when they interleave with others', () => {
		const { mine, theirs, told, relay, sync } = meeting();
		sync();
		addAgendaItem(mine.meeting.doc, { title: 'Mitt' });
		setMeetingRole(mine.meeting.doc, 'chairId', 'u1');
		expect(told).toEqual([]);

		Y.applyUpdate(theirs.meeting, Y.encodeStateAsUpdate(mine.meeting.doc));
		addAgendaItem(theirs.meeting, { title: 'Ditt' });
		relay();
		expect(told).toEqual([[{ kind: 'item-added', item: 2, title: 'Ditt' }]]);
	});

	it('does not tell this person what they changed in another tab or on another device', () => {
		const { mine, theirs, told, relay, sync } = meeting();
		sync();
		mine.meeting.provider.awareness.setLocalStateField('user', alva);
		// The other client's presence names Alva too (the server writes the identity into it).
		const otherTab = new Awareness(theirs.meeting);
		otherTab.setLocalStateField('user', alva);
		applyAwarenessUpdate(mine.meeting.provider.awareness, encodeAwarenessUpdate(otherTab, [otherTab.clientID]), REMOTE);
		addAgendaItem(theirs.meeting, { title: 'Från telefonen' });
		relay();
		expect(told).toEqual([]);

		otherTab.setLocalStateField('user', bo);
		applyAwarenessUpdate(mine.meeting.provider.awareness, encodeAwarenessUpdate(otherTab, [otherTab.clientID]), REMOTE);
		addAgendaItem(theirs.meeting, { title: 'Från Bo' });
		relay();
		expect(told.at(-1)).toEqual([{ kind: 'item-added', item: 2, title: 'Från Bo' }]);
		otherTab.destroy();
	});

	it('skips text typed into the minutes', () => {
		const { theirs, told, relay, sync } = meeting();
		addAgendaItem(theirs.meeting, { title: 'Välkomna' });
		relay();
		sync();
		itemMinutes(theirs.meeting, listAgenda(theirs.meeting)[0].id)!.insert(0, [new Y.XmlText('Anteckning')]);
		relay();
		expect(told).toEqual([]);
	});

	it('numbers a perspective by the agenda it knows', () => {
		const { theirs, told, relay, sync } = meeting();
		addAgendaItem(theirs.meeting, { title: 'Välkomna' });
		const itemId = addAgendaItem(theirs.meeting, { title: 'Boende' });
		relay();
		sync();
		addPerspective(theirs.voices, itemId, { id: 'u3', name: 'Rut', agencyId: 'a2', agencyName: 'Brukarföreningen' }, 'Ring först');
		relay();
		expect(told).toEqual([[{ kind: 'perspective-added', item: 2, authorId: 'u3', authorName: 'Rut', agencyName: 'Brukarföreningen' }]]);
	});

	it('tells arrivals and departures only while synced', () => {
		const { mine, told, sync } = meeting();
		const awareness = mine.meeting.provider.awareness;
		const other = new Awareness(new Y.Doc());
		other.setLocalStateField('user', bo);
		const arrive = () => applyAwarenessUpdate(awareness, encodeAwarenessUpdate(other, [other.clientID]), REMOTE);

		arrive(); // already here when we connect: the server's first awareness frame
		sync();
		removeAwarenessStates(awareness, [other.clientID], REMOTE);
		expect(told).toEqual([[{ kind: 'left', userId: 'u2', name: 'Bo' }]]);

		other.setLocalStateField('user', { ...bo }); // a newer clock, as a reconnecting client sends
		arrive();
		expect(told.at(-1)).toEqual([{ kind: 'arrived', userId: 'u2', name: 'Bo' }]);

		// Our connection drops: the provider forgets everyone, which is not news.
		mine.meeting.connection.lost();
		removeAwarenessStates(awareness, [other.clientID], REMOTE);
		expect(told).toHaveLength(2);
		other.destroy();
	});

	it('stops telling once stopped', () => {
		const { theirs, told, relay, sync, stop } = meeting();
		sync();
		stop();
		addAgendaItem(theirs.meeting, { title: 'Sent' });
		relay();
		expect(told).toEqual([]);
	});
});
