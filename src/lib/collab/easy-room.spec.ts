import { describe, expect, it } from 'vitest';
import { addAgendaItem } from '$lib/domain/meeting-doc';
import { askForFloor, giveFloor, listSpeakers } from '$lib/domain/speaker-list';
import { fakePool, type FakeSession } from './fake-session';
import { EasyRoom } from './easy-room.svelte';

const guest = { id: 'g1', name: 'Hanna Hyresgäst', agencyId: 'a9', agencyName: 'Privatperson' };

/** An easy room for the guest above, opened on fake sessions that have synced. */
function openRoom(mayWriteVoices = true) {
	const { pool, opened } = fakePool();
	const room = new EasyRoom(
		() => ({ meetingId: 'm1', user: { id: guest.id, name: guest.name, color: '#333333', agency: guest.agencyName }, author: guest, mayWriteVoices }),
		pool
	);
	room.open();
	const meeting = opened.get('meeting:m1') as FakeSession;
	const voices = opened.get('meeting:m1:voices') as FakeSession;
	meeting.sync();
	voices.sync();
	addAgendaItem(meeting.doc, { title: 'Boendet' });
	return { room, meeting };
}

describe('EasyRoom and the speaker list', () => {
	it('asks for the floor in the person’s own name and agency, shows their place, and takes the ask back', () => {
		const { room, meeting } = openRoom();
		askForFloor(meeting.doc, { userId: 'u2', name: 'Bo', agencyId: 'a1' }, new Date(Date.now() - 1000));
		expect(room.floor).toBeNull();

		expect(room.askForFloor()).toBe(true);
		const mine = listSpeakers(meeting.doc).find((e) => e.userId === guest.id)!;
		expect([mine.name, mine.agencyId]).toEqual([guest.name, guest.agencyId]);
		expect(room.floor).toBe(2);
		expect(room.askForFloor()).toBe(false);

		expect(room.withdrawFromFloor()).toBe(true);
		expect(room.floor).toBeNull();
		expect(listSpeakers(meeting.doc).map((e) => e.userId)).toEqual(['u2']);
	});

	it('says when the chair has given them the floor; a turn given cannot be taken back from here', () => {
		const { room, meeting } = openRoom();
		room.askForFloor();
		giveFloor(meeting.doc, listSpeakers(meeting.doc)[0].id);
		expect(room.floor).toBe('speaking');
		expect(room.withdrawFromFloor()).toBe(false);
		expect(listSpeakers(meeting.doc)).toHaveLength(1);
	});

	it('lets someone who only follows the meeting not ask', () => {
		const { room, meeting } = openRoom(false);
		expect(room.canAskForFloor).toBe(false);
		expect(room.askForFloor()).toBe(false);
		expect(listSpeakers(meeting.doc)).toEqual([]);
	});

	it('lets nobody ask once the server has made the meeting read-only', () => {
		const { room, meeting } = openRoom();
		meeting.connection.denyWrites();
		expect(room.askForFloor()).toBe(false);
		expect(listSpeakers(meeting.doc)).toEqual([]);
	});
});
