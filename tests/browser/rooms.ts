import { addAgendaItem } from '$lib/domain/meeting-doc';
import type { BoardRole } from '$lib/domain/roles';
import type { BoardPerson } from '$lib/components/meeting/types';
import { fakePool, fakeRoomInfo, type FakeSession } from '$lib/collab/fake-session';
import { MeetingRoom, type MeetingRoomInfo } from '$lib/collab/meeting-room.svelte';

/**
 * A MeetingRoom for component tests: opened on fake sessions (real Y.Docs, no network) that have
 * all synced, with one agenda item written into the meeting document as another person would.
 */
export const agency = { id: 'a1', name: 'Socialtjänsten', color: '#1f4e5f', kind: 'social_services' as const };
const person = (id: string, name: string, role: BoardRole): BoardPerson => ({ id, name, role, agencyId: agency.id, agency });
export const members = [person('u1', 'Alva', 'owner'), person('u2', 'Bo', 'editor'), person('u3', 'Cem', 'contributor'), person('u4', 'Dana', 'viewer')];

function info(role: BoardRole, userId: string): MeetingRoomInfo {
	return fakeRoomInfo(role, userId, members, { m1: 'Ledningsgruppen', m0: 'Förra mötet' });
}

export interface OpenedRoom {
	room: MeetingRoom;
	meeting: FakeSession;
	voices: FakeSession;
	board: FakeSession;
	/** `meeting:m1:comments`, not synced: a test of the comments syncs it. */
	comments: FakeSession;
	itemId: string;
	close: () => void;
}

/** A room for `userId` in `role` (its page data changed by `tweak`, e.g. a meeting's access once adjusted); the agenda has "Budget 2027" as § 1. */
export function openRoom(role: BoardRole, userId = 'u1', tweak: (info: MeetingRoomInfo) => MeetingRoomInfo = (i) => i): OpenedRoom {
	const { pool, opened } = fakePool();
	const room = new MeetingRoom(() => tweak(info(role, userId)), { pool });
	const close = room.open();
	const session = (name: string) => opened.get(name) as FakeSession;
	const [meeting, voices, board] = [session('meeting:m1'), session('meeting:m1:voices'), session('board:b1')];
	for (const s of [meeting, voices, board]) s.sync();
	const itemId = addAgendaItem(meeting.doc, { title: 'Budget 2027' });
	return { room, meeting, voices, board, comments: session('meeting:m1:comments'), itemId, close };
}
