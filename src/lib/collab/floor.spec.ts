import { describe, expect, it } from 'vitest';
import { addGuest } from '$lib/domain/meeting-doc';
import { listSpeakers } from '$lib/domain/speaker-list';
import type { BoardPerson } from '$lib/components/meeting/types';
import { fakePool, fakeRoomInfo, type FakeSession } from './fake-session';
import { Floor } from './floor.svelte';
import { MeetingRoom } from './meeting-room.svelte';

const social = { id: 'a1', name: 'Socialtjänsten', color: '#1f4e5f', kind: 'social_services' as const };
const members: BoardPerson[] = [
	{ id: 'u1', name: 'Alva', role: 'owner', agencyId: social.id, agency: social },
	{ id: 'u2', name: 'Bo', role: 'contributor', agencyId: social.id, agency: social }
];

function openFloor(userId = 'u1') {
	const { pool, opened } = fakePool();
	const me = members.find((p) => p.id === userId)!;
	const room = new MeetingRoom(() => fakeRoomInfo(me.role, userId, members), { pool });
	room.open();
	for (const session of opened.values()) (session as FakeSession).sync();
	return { floor: new Floor(room), meeting: opened.get('meeting:m1') as FakeSession };
}

describe('Floor: the chair puts people on the list', () => {
	it('adds a member under the name and agency the board records', () => {
		const { floor, meeting } = openFloor();
		floor.add('u2');
		expect(listSpeakers(meeting.doc).map((e) => [e.userId, e.name, e.agencyId])).toEqual([['u2', 'Bo', 'a1']]);
	});

	it('adds a guest of the meeting from the attendance, with the board’s agency of that name, or none', () => {
		const { floor, meeting } = openFloor();
		const fromAgency = addGuest(meeting.doc, { name: 'Sara Socialsekreterare', agency: 'Socialtjänsten' });
		const privatePerson = addGuest(meeting.doc, { name: 'Hanna Hyresgäst', agency: 'Privatperson' });
		floor.add(fromAgency);
		floor.add(privatePerson);
		// Both asks may carry the same millisecond (then the random id orders them): compare as sets.
		const byName = (a: [string, unknown], b: [string, unknown]) => a[0].localeCompare(b[0]);
		expect(listSpeakers(meeting.doc).map((e): [string, unknown] => [e.name, e.agencyId]).sort(byName)).toEqual([
			['Hanna Hyresgäst', null],
			['Sara Socialsekreterare', 'a1']
		]);
		expect(floor.view.queue.map((e) => floor.nameOf(e)).sort()).toEqual(['Hanna Hyresgäst', 'Sara Socialsekreterare']);
	});

	it('adds nobody it does not know, and nothing for someone who does not lead the meeting', () => {
		const chair = openFloor();
		chair.floor.add('stranger');
		expect(listSpeakers(chair.meeting.doc)).toEqual([]);
		const contributor = openFloor('u2');
		contributor.floor.add('u1');
		expect(listSpeakers(contributor.meeting.doc)).toEqual([]);
	});
});
