import { docAccess } from '$lib/domain/permissions';
import { describe, expect, it } from 'vitest';
import type { BoardRole } from '$lib/domain/roles';
import type { BoardAgency } from '$lib/components/meeting/types';
import { fakePool } from './fake-session';
import { MeetingRoom } from './meeting-room.svelte';

/** Issue 9.9: the room says who the meeting page asks for "your user perspective". */
const social: BoardAgency = { id: 'a1', name: 'Socialtjänsten', color: '#1f4e5f', kind: 'social_services' };
const association: BoardAgency = { id: 'a2', name: 'Brukarföreningen', color: '#8a3b12', kind: 'user_association' };

function room(role: BoardRole, agency: BoardAgency) {
	const user = { id: 'u1', name: 'Alva', color: agency.color, agency: agency.name };
	return new MeetingRoom(
		() => ({
			boardId: 'b1',
			meetingId: 'm1',
			role,
			access: { meeting: docAccess(role, 'meeting'), voices: docAccess(role, 'voices'), comments: docAccess(role, 'comments') },
			user,
			author: { id: 'u1', name: 'Alva', agencyId: agency.id, agencyName: agency.name },
			userAgencyId: agency.id,
			agencies: [social, association],
			members: [{ id: 'u1', name: 'Alva', role, agencyId: agency.id, agency }],
			meetingTitles: {}
		}),
		{ pool: fakePool().pool }
	);
}

describe('MeetingRoom.offeredPerspective', () => {
	it('asks user-association members who may write, and contributors', () => {
		expect(room('editor', association).offeredPerspective).toBe(true);
		expect(room('owner', association).offeredPerspective).toBe(true);
		expect(room('contributor', social).offeredPerspective).toBe(true);
	});

	it('does not ask civil servants of other agencies, nor readers', () => {
		expect(room('owner', social).offeredPerspective).toBe(false);
		expect(room('editor', social).offeredPerspective).toBe(false);
		expect(room('viewer', association).offeredPerspective).toBe(false);
	});
});
