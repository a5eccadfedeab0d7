import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as accounts from '../../src/lib/server/services/accounts';
import * as boards from '../../src/lib/server/services/boards';
import * as meetings from '../../src/lib/server/services/meetings';
import * as members from '../../src/lib/server/services/members';
import { createCalendarToken, revokeCalendarToken, userForCalendarToken } from '../../src/lib/server/services/calendar';
import { createStore } from '../../src/lib/server/store/index';
import type { Store } from '../../src/lib/server/store/types';
import { makeUser } from './helpers';

/**
 * The view models the routes hand to their pages, built by the services (issue 9.3): the routes
 * are a guard and one call, so what a page shows is checked here.
 */
let store: Store;
beforeAll(async () => {
	const template = new Blob([await readFile(inject('pgliteTemplate'))]);
	({ store } = await createStore({ dataDir: '', databaseUrl: undefined }, { migrationsDir: resolve('supabase/migrations'), pgliteTemplate: template, inMemory: true }));
});
afterAll(async () => {
	await store?.close();
});

const T0 = new Date('2026-05-04T08:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

async function boardWithPeople() {
	const owner = (await makeUser(store, 'Vera')).user;
	const editor = (await makeUser(store, 'Adam')).user;
	const viewer = (await makeUser(store, 'Maja')).user;
	const board = await boards.createBoard(store, owner, { name: 'Ledningsgruppen', description: 'Samverkan' }, T0);
	if (!board.ok) throw new Error('board');
	await store.boards.addMember(board.value.id, editor.id, 'editor');
	await store.boards.addMember(board.value.id, viewer.id, 'viewer');
	const late = await boards.createMeeting(store, owner, board.value.id, { title: 'Senare', startsAt: '2026-06-10T13:00', tzOffset: '120' });
	const early = await boards.createMeeting(store, owner, board.value.id, { title: 'Tidigare', startsAt: '2026-05-10T13:00', tzOffset: '120' });
	if (!late.ok || !early.ok) throw new Error('meetings');
	const stored = await Promise.all([early.value.id, late.value.id].map((id) => store.meetings.get(id)));
	if (!stored[0] || !stored[1]) throw new Error('meetings not stored');
	return { owner, editor, viewer, board: board.value, meetings: [stored[0], stored[1]] };
}

describe('boards.page', () => {
	it('gives the owner meetings in time order, members with agencies and colours, and every invite with its status', async () => {
		const { owner, editor, viewer, board, meetings: made } = await boardWithPeople();
		const active = await boards.createInvite(store, owner, board.id, { role: 'viewer', uses: 'one' }, T0);
		const revoked = await boards.createInvite(store, owner, board.id, { role: 'editor' }, T0);
		const expired = await boards.createInvite(store, owner, board.id, { role: 'viewer', days: '1' }, new Date(T0.getTime() - 3 * DAY));
		if (!active.ok || !revoked.ok || !expired.ok) throw new Error('invites');
		await boards.revokeInvite(store, owner, board.id, revoked.value.invite.id, T0);

		const view = await boards.page(store, { user: owner, board, role: 'owner' }, { inviteTtlDays: 9, now: T0 });
		expect(view.board).toEqual({ id: board.id, name: 'Ledningsgruppen', description: 'Samverkan', language: 'sv' });
		expect(view).toMatchObject({ role: 'owner', canCreateMeeting: true, canManage: true, defaultInviteDays: 9 });
		expect(view.meetings.map((m) => [m.title, m.status])).toEqual([
			['Tidigare', 'planned'],
			['Senare', 'planned']
		]);
		const agencyOf = async (id: string) => (await store.agencies.get((await store.users.get(id))!.agencyId))!;
		const me = view.members.find((m) => m.id === owner.id)!;
		expect(me).toEqual({ id: owner.id, displayName: owner.displayName, agency: { name: (await agencyOf(owner.id)).name, color: (await agencyOf(owner.id)).color }, role: 'owner', isMe: true, isSoleOwner: true, manageable: false });
		expect(view.members.filter((m) => m.isMe)).toHaveLength(1);
		// The sole owner is offered no role change or removal of herself; everyone else is.
		expect(view.members.filter((m) => m.manageable).map((m) => m.id).sort()).toEqual([editor.id, viewer.id].sort());
		expect(new Set(view.members.map((m) => m.id))).toEqual(new Set([owner.id, editor.id, viewer.id]));
		const statuses = Object.fromEntries(view.invites.map((i) => [i.id, [i.status, i.usesLeft]]));
		expect(statuses).toEqual({
			[active.value.invite.id]: ['active', 1],
			[revoked.value.invite.id]: ['revoked', null],
			[expired.value.invite.id]: ['expired', null]
		});
		expect(view.actions).toMatchObject({ canEdit: true, userId: owner.id, userAgencyId: owner.agencyId });
		expect(view.actions.agencies.map((a) => a.name)).toEqual([...view.actions.agencies.map((a) => a.name)].sort((a, b) => a.localeCompare(b, 'sv')));
		expect(view.actions.agencies).toHaveLength(3);
		expect(view.actions.meetingTitles).toEqual({ [made[0].id]: 'Tidigare', [made[1].id]: 'Senare' });
	});

	it('shows a viewer no invites, no management and read-only actions', async () => {
		const { viewer, board } = await boardWithPeople();
		const view = await boards.page(store, { user: viewer, board, role: 'viewer' }, { inviteTtlDays: 7 });
		expect(view).toMatchObject({ role: 'viewer', canCreateMeeting: false, canManage: false, invites: [] });
		expect(view.actions.canEdit).toBe(false);
		expect(view.members.some((m) => m.manageable)).toBe(false);
	});

	it('with a second owner, each owner may be lowered or removed', async () => {
		const { owner, editor, board } = await boardWithPeople();
		await members.changeRole(store, { refreshMember: async () => {} }, owner, board.id, editor.id, 'owner');
		const view = await boards.page(store, { user: owner, board, role: 'owner' }, { inviteTtlDays: 7 });
		expect(view.members.filter((m) => m.role === 'owner').map((m) => [m.isSoleOwner, m.manageable])).toEqual([
			[false, true],
			[false, true]
		]);
	});
});

describe('meetings.page', () => {
	it('gives the meeting, the board’s people by name with their agencies, each document’s access and the collab identity', async () => {
		const { editor, board, meetings: made } = await boardWithPeople();
		const meeting = made[1];
		const view = await meetings.page(store, { user: editor, board, role: 'editor', meeting });
		expect(view.meeting).toMatchObject({ id: meeting.id, title: 'Senare', startsAt: meeting.startsAt });
		expect(view).toMatchObject({ access: 'write', voicesAccess: 'write', actionsAccess: 'write', docName: `meeting:${meeting.id}`, voicesDocName: `meeting:${meeting.id}:voices` });
		expect(view.members.map((m) => m.name)).toEqual([...view.members.map((m) => m.name)].sort((a, b) => a.localeCompare(b, 'sv')));
		for (const person of view.members) expect(person.agency.id).toBe(person.agencyId);
		expect(view.agencies.map((a) => a.id).sort()).toEqual([...new Set(view.members.map((m) => m.agencyId))].sort());
		expect(view.author).toMatchObject({ id: editor.id, name: editor.displayName, agencyId: editor.agencyId });
		expect(view.collabUser.name).toBe(editor.displayName);
		expect(view.meetingTitles[made[0].id]).toBe('Tidigare');
	});

	it('a viewer reads every document and writes none', async () => {
		const { viewer, board, meetings: made } = await boardWithPeople();
		const view = await meetings.page(store, { user: viewer, board, role: 'viewer', meeting: made[0] });
		expect([view.access, view.voicesAccess, view.actionsAccess]).toEqual(['read', 'read', 'read']);
	});
});

describe('small verbs the routes call', () => {
	it('boards.list, accounts.header and accounts.agencies', async () => {
		const { owner, board } = await boardWithPeople();
		expect(await boards.list(store, owner)).toContainEqual({ id: board.id, name: 'Ledningsgruppen', description: 'Samverkan', role: 'owner' });
		const agency = (await store.agencies.get(owner.agencyId))!;
		expect(await accounts.header(store, owner)).toEqual({ id: owner.id, displayName: owner.displayName, agency: { id: agency.id, name: agency.name, color: agency.color } });
		expect(await accounts.agencies(store)).toContainEqual({ id: agency.id, name: agency.name, kind: agency.kind, color: agency.color });
	});

	it('members.memberName names members only', async () => {
		const { editor, board } = await boardWithPeople();
		const outsider = (await makeUser(store, 'Utanför')).user;
		expect(await members.memberName(store, board.id, editor.id)).toBe(editor.displayName);
		expect(await members.memberName(store, board.id, outsider.id)).toBeNull();
		expect(await members.memberName(store, board.id, '')).toBeNull();
		expect(await members.memberName(store, board.id, 'a\u0000b')).toBeNull();
	});

	it('userForCalendarToken opens the feed of its person until revoked; junk never reaches the database', async () => {
		const { owner } = await boardWithPeople();
		const token = await createCalendarToken(store, owner.id);
		expect((await userForCalendarToken(store, token))?.id).toBe(owner.id);
		expect(await userForCalendarToken(store, 'not-a-token')).toBeNull();
		await revokeCalendarToken(store, owner.id);
		expect(await userForCalendarToken(store, token)).toBeNull();
	});
});
