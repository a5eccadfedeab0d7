import { describe, expect, it } from 'vitest';
import { addThread } from '$lib/domain/comments-doc';
import { addAgendaItem, recordDecision, setMeetingRole } from '$lib/domain/meeting-doc';
import { addPerspective } from '$lib/domain/voices-doc';
import { createAction } from '$lib/domain/board-doc';
import { CloseCode } from '$lib/domain/collab-protocol';
import type { BoardRole } from '$lib/domain/roles';
import type { BoardPerson } from '$lib/components/meeting/types';
import { fakePool, fakeRoomInfo, type FakeSession } from './fake-session';
import { MeetingRoom, type MeetingRoomInfo } from './meeting-room.svelte';
import { BoardRoom } from './board-room.svelte';

const agency = { id: 'a1', name: 'Socialtjänsten', color: '#1f4e5f', kind: 'social_services' as const };
const person = (id: string, name: string, role: BoardRole): BoardPerson => ({ id, name, role, agencyId: agency.id, agency });
const members = [person('u1', 'Alva', 'owner'), person('u2', 'Bo', 'editor'), person('u3', 'Cem', 'contributor')];

function info(role: BoardRole, userId = 'u1'): MeetingRoomInfo {
	return fakeRoomInfo(role, userId, members);
}

/** A room for `role`, opened on fake sessions that have all synced. */
function openRoom(role: BoardRole | (() => BoardRole), userId = 'u1') {
	const { pool, opened } = fakePool();
	const roleOf = typeof role === 'function' ? role : () => role;
	const room = new MeetingRoom(() => info(roleOf(), userId), { pool });
	const close = room.open();
	const session = (name: string) => opened.get(name) as FakeSession;
	const meeting = session('meeting:m1');
	const voices = session('meeting:m1:voices');
	const board = session('board:b1');
	const comments = session('meeting:m1:comments');
	for (const s of [meeting, voices, board, comments]) s.sync();
	return { room, close, pool, opened, meeting, voices, board, comments };
}

describe('MeetingRoom capabilities', () => {
	it('lets owners and editors edit the meeting and the actions, and write perspectives', () => {
		for (const role of ['owner', 'editor'] as const) {
			const { room } = openRoom(role);
			expect([room.mayEditMeeting, room.canEditMeeting, room.canWriteVoices, room.canEditActions], role).toEqual([true, true, true, true]);
		}
	});

	it('lets contributors write perspectives but only read the meeting and the actions', () => {
		const { room } = openRoom('contributor', 'u3');
		expect(room.canWriteVoices).toBe(true);
		expect(room.canEditMeeting).toBe(false);
		expect(room.mayEditMeeting).toBe(false);
		expect(room.canEditActions).toBe(false);
	});

	it('lets viewers change nothing', () => {
		const { room } = openRoom('viewer');
		expect([room.canEditMeeting, room.canWriteVoices, room.canEditActions, room.mayWriteVoices]).toEqual([false, false, false, false]);
	});

	it('lets only the owner change other people’s perspectives; everyone who writes changes their own', () => {
		expect(openRoom('owner').room.canChangeVoice('u3')).toBe(true);
		const editor = openRoom('editor', 'u2').room;
		expect(editor.canChangeVoice('u3')).toBe(false);
		expect(editor.canChangeVoice('u2')).toBe(true);
		const contributor = openRoom('contributor', 'u3').room;
		expect(contributor.canChangeVoice('u3')).toBe(true);
		expect(contributor.canChangeVoice('u1')).toBe(false);
		expect(openRoom('viewer', 'u1').room.canChangeVoice('u1')).toBe(false);
	});

	it('offers nothing before the documents are open', () => {
		const { pool } = fakePool();
		const room = new MeetingRoom(() => info('owner'), { pool });
		expect(room.mayEditMeeting).toBe(true);
		expect([room.canEditMeeting, room.canWriteVoices, room.canEditActions, room.meetingReady]).toEqual([false, false, false, false]);
		expect(room.status).toBe('connecting');
		expect(room.people.map((p) => p.id)).toEqual(['u1']);
	});

	it('follows the server: a write refused on the socket turns that document read-only', () => {
		const { room, meeting, voices, board } = openRoom('editor', 'u2');
		meeting.connection.denyWrites();
		expect(room.canEditMeeting).toBe(false);
		expect(room.meetingDeniedByServer).toBe(true);
		expect(room.canWriteVoices).toBe(true);

		voices.connection.denyWrites();
		expect(room.voicesDeniedByServer).toBe(true);
		board.connection.denyWrites();
		expect(room.canEditActions).toBe(false);
		expect(room.board.deniedByServer).toBe(true);

		meeting.connection.allowWrites();
		expect(room.canEditMeeting).toBe(true);
	});

	it('takes nothing once a connection has ended (signed out, removed, failed)', () => {
		const { room, meeting, voices } = openRoom('owner');
		meeting.connection.closedFor(CloseCode.sessionEnded);
		expect(room.canEditMeeting).toBe(false);
		expect(room.status).toBe('signed-out');
		voices.connection.closedFor(CloseCode.forbidden);
		expect(room.canWriteVoices).toBe(false);
	});

	it('reads the role each time, so a role changed mid-meeting changes what is offered at once', () => {
		let role: BoardRole = 'editor';
		const { room } = openRoom(() => role, 'u2');
		expect(room.canEditMeeting).toBe(true);
		role = 'viewer';
		expect(room.canEditMeeting).toBe(false);
		expect(room.canEditActions).toBe(false);
		expect(room.meetingDeniedByServer).toBe(false);
	});
});

describe('MeetingRoom current item', () => {
	it('lets every editor set the current § while no chair is chosen, and everyone in the meeting sees it', () => {
		const { room, meeting } = openRoom('editor', 'u2');
		const item = addAgendaItem(meeting.doc, { title: 'Boende först' });
		expect(room.canSetCurrentItem).toBe(true);
		room.setCurrentItem(item);
		expect(room.currentItemId).toBe(item);
		room.setCurrentItem(null);
		expect(room.currentItemId).toBeNull();
	});

	it('leaves it to the chair and the secretary once a chair is chosen', () => {
		const { room, meeting } = openRoom('editor', 'u2');
		const item = addAgendaItem(meeting.doc, { title: 'Boende först' });
		setMeetingRole(meeting.doc, 'chairId', 'u1');
		expect(room.canSetCurrentItem).toBe(false);
		room.setCurrentItem(item);
		expect(room.currentItemId).toBeNull();
		setMeetingRole(meeting.doc, 'secretaryId', 'u2');
		expect(room.canSetCurrentItem).toBe(true);
	});

	it('never lets someone who only reads the meeting set it, even as its chosen chair', () => {
		const { room, meeting } = openRoom('contributor', 'u3');
		setMeetingRole(meeting.doc, 'chairId', 'u3');
		expect(room.mayLeadMeeting).toBe(false);
		expect(room.canSetCurrentItem).toBe(false);
	});

	it('offers it only while the server takes the chair’s changes', () => {
		const { room, meeting } = openRoom('owner');
		meeting.connection.denyWrites();
		expect(room.mayLeadMeeting).toBe(true);
		expect(room.canSetCurrentItem).toBe(false);
	});
});

describe('MeetingRoom readiness and status', () => {
	it('is ready once the server’s state is in, or offline once this device’s copy is', () => {
		const { pool, opened } = fakePool();
		const room = new MeetingRoom(() => info('owner'), { pool });
		room.open();
		const meeting = opened.get('meeting:m1') as FakeSession;
		meeting.connection.setStoredLocally();
		meeting.connection.connected();
		expect(room.meetingReady).toBe(false);
		meeting.connection.setOnline(false);
		expect(room.meetingReady).toBe(true);
		meeting.connection.setOnline(true);
		meeting.connection.setSynced(true);
		expect(room.meetingReady).toBe(true);
		expect(room.voicesReady).toBe(false);
	});

	it('combines the meeting and its perspectives into the most urgent status', () => {
		const { room, voices } = openRoom('owner');
		expect(room.status).toBe('connected');
		voices.connection.setOnline(false);
		expect(room.status).toBe('offline');
	});
});

describe('MeetingRoom views', () => {
	it('shows the documents through the domain’s layout', () => {
		const { room, meeting, voices } = openRoom('owner');
		const first = addAgendaItem(meeting.doc, { title: 'Boende först' });
		const second = addAgendaItem(meeting.doc, { title: 'Sommarjobb' });
		recordDecision(meeting.doc, first, { text: 'Vi bjuder in hyresgäster.', createdBy: 'u1' });
		addPerspective(voices.doc, first, info('contributor', 'u3').author, 'Fråga oss först.');
		expect(room.meeting?.agenda.map((item) => item.title)).toEqual(['Boende först', 'Sommarjobb']);
		expect(room.meeting?.decisions).toHaveLength(1);
		expect(room.perspectivesByItem.get(first)?.map((p) => p.text)).toEqual(['Fråga oss först.']);
		expect([...room.withoutPerspective]).toEqual([second]);
		expect(room.notes).not.toBeNull();
	});
});

describe('MeetingRoom comments', () => {
	it('lets every role comment, viewers too; only owners and editors resolve', () => {
		for (const role of ['owner', 'editor', 'contributor', 'viewer'] as const) {
			const { room } = openRoom(role);
			expect([room.mayComment, room.canComment, room.canResolveComments], role).toEqual([true, true, role === 'owner' || role === 'editor']);
		}
	});

	it('lists the threads of the comments document', () => {
		const { room, comments } = openRoom('viewer', 'u1');
		addThread(comments.doc, info('viewer', 'u1').author, { itemId: 'i1', anchor: { kind: 'decision', decisionId: 'd1' }, quote: 'Beslut 1', text: 'Varför?' });
		expect(room.threads.map((t) => t.comments.map((c) => c.text))).toEqual([['Varför?']]);
	});
});

describe('rooms share their documents', () => {
	it('opens one session per document, however many rooms ask; the last release closes it', () => {
		const { pool, opened } = fakePool();
		const meetingRoom = new MeetingRoom(() => info('owner'), { pool });
		const boardRoom = new BoardRoom(() => meetingRoom.board.info, { pool });
		const closeMeeting = meetingRoom.open();
		const closeBoard = boardRoom.open();
		expect(pool.size).toBe(4);
		expect(boardRoom.session).toBe(meetingRoom.board.session);

		closeMeeting();
		const board = opened.get('board:b1') as FakeSession;
		expect((opened.get('meeting:m1') as FakeSession).destroyed).toBe(true);
		expect(board.destroyed).toBe(false);
		expect(meetingRoom.isOpen).toBe(false);

		closeBoard();
		expect(board.destroyed).toBe(true);
		expect(pool.size).toBe(0);
	});
});

describe('BoardRoom', () => {
	it('creates actions as raised by the person’s agency and lists the follow-up of a meeting', () => {
		const { room, board } = openRoom('editor', 'u2');
		const id = room.board.create({ title: 'Ring bostadsbolaget', agencyId: agency.id });
		expect(id).toBeTruthy();
		const [action] = room.board.actions;
		expect(action).toMatchObject({ title: 'Ring bostadsbolaget', raisedByAgencyId: agency.id, createdBy: 'u2' });
		createAction(board.doc, { title: 'Under §', agencyId: agency.id, raisedByAgencyId: agency.id, createdBy: 'u1', meetingId: 'm1', itemId: 'i1' });
		expect(room.board.ofItem('i1').map((a) => a.title)).toEqual(['Under §']);
		expect(room.board.followUp('m2').map((a) => a.title).sort()).toEqual(['Ring bostadsbolaget', 'Under §']);
		room.board.setStatus(id!, 'done');
		expect(room.board.actions.find((a) => a.id === id)?.history.at(-1)).toMatchObject({ status: 'done', by: 'u2' });
	});

	it('writes nothing while closed', () => {
		const { pool } = fakePool();
		const room = new BoardRoom(() => ({ ...info('owner'), members: [] }), { pool });
		expect(room.create({ title: 'x', agencyId: agency.id })).toBeNull();
		expect(room.ready).toBe(false);
	});
});
