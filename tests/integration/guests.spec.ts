import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/domain/collab-protocol';
import { docName } from '../../src/lib/domain/doc-names';
import { addAgendaItem, listAgenda, listGuests } from '../../src/lib/domain/meeting-doc';
import { addPerspective, listPerspectives, type Author } from '../../src/lib/domain/voices-doc';
import { askForFloor, listSpeakers } from '../../src/lib/domain/speaker-list';
import * as guests from '../../src/lib/server/services/guests';
import type { User } from '../../src/lib/server/store/types';
import { makeMeeting, makeUser, startTestApp } from './helpers';
import { connectClient, eventually, synced, upgradeStatus, type TestClient } from './yclient';

/**
 * Guests of one meeting through the real collab server (issue 14, point 1): the link's session
 * writes perspectives in the guest's own name on that meeting only; the minutes stay read-only,
 * every other document is refused at the upgrade, and revoking closes what is open.
 */
type App = Awaited<ReturnType<typeof startTestApp>>;
const apps: App[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	for (const app of apps.splice(0)) await app.close();
});

function client(app: App, name: string, cookie: string) {
	const c = connectClient(app.url, name, cookie);
	clients.push(c);
	return c;
}

async function setup() {
	const app = await startTestApp();
	apps.push(app);
	const store = app.runtime.store;
	const owner = await makeUser(store, 'Owner');
	const { boardId, meetingId } = await makeMeeting(store, owner.user);
	const other = await makeMeeting(store, owner.user);
	const meeting = (await store.meetings.get(meetingId))!;
	const invited = await guests.inviteGuest(store, owner.user, meeting, { displayName: 'Hanna Hyresgäst', agencyId: 'private', role: 'contributor' });
	if (!invited.ok) throw new Error(JSON.stringify(invited.errors));
	const opened = await guests.openGuestLink(app.runtime, invited.value.token);
	if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
	const guestUser = (await store.users.get(invited.value.guest.userId)) as User;
	const agency = await store.agencies.get(guestUser.agencyId);
	const author: Author = { id: guestUser.id, name: guestUser.displayName, agencyId: guestUser.agencyId, agencyName: agency?.name ?? '' };
	return { app, store, owner, boardId, meetingId, otherMeetingId: other.meetingId, meeting, guest: invited.value.guest, author, cookie: `samtavla_session=${opened.value.token}`, link: invited.value.token };
}

const wsUrl = (app: App, name: string) => `${app.url.replace(/^http/, 'ws')}/collab/${name}`;

describe('a guest of one meeting, at the collab server', () => {
	it('joining puts the guest in the attendance once; their perspective goes through, the minutes stay read-only', async () => {
		const { app, owner, meetingId, guest, author, cookie, link } = await setup();
		const ownerMeeting = client(app, docName({ kind: 'meeting', meetingId }), owner.cookie);
		const ownerVoices = client(app, docName({ kind: 'voices', meetingId }), owner.cookie);
		const guestMeeting = client(app, docName({ kind: 'meeting', meetingId }), cookie);
		const guestVoices = client(app, docName({ kind: 'voices', meetingId }), cookie);
		await Promise.all([ownerMeeting, ownerVoices, guestMeeting, guestVoices].map((c) => synced(c)));
		expect(listGuests(ownerMeeting.doc)).toEqual([{ id: guest.userId, name: 'Hanna Hyresgäst', agency: 'Privatperson' }]);

		const itemId = addAgendaItem(ownerMeeting.doc, { title: 'Boendet' });
		await eventually(() => listAgenda(guestMeeting.doc).length === 1, 'the guest reads the agenda');
		addAgendaItem(guestMeeting.doc, { title: 'Smugglad punkt' });
		await eventually(() => guestMeeting.permissionDenied.length > 0, 'the guest is told the agenda is not theirs to change');

		addPerspective(guestVoices.doc, itemId, author, 'Vi behöver en större lägenhet.');
		await eventually(() => listPerspectives(ownerVoices.doc).some((p) => p.text === 'Vi behöver en större lägenhet.' && p.authorName === 'Hanna Hyresgäst'), 'the owner sees the perspective');
		expect(listAgenda(ownerMeeting.doc).map((i) => i.title)).toEqual(['Boendet']);

		// Opening the link again (another device) changes nothing in the attendance.
		expect((await guests.openGuestLink(app.runtime, link)).ok).toBe(true);
		await new Promise((r) => setTimeout(r, 300));
		expect(listGuests(ownerMeeting.doc).map((g) => g.id)).toEqual([guest.userId]);
	});

	it('refuses a perspective in someone else’s name', async () => {
		const { app, owner, meetingId, author, cookie } = await setup();
		const voices = client(app, docName({ kind: 'voices', meetingId }), cookie);
		await synced(voices);
		addPerspective(voices.doc, 'item1', { ...author, name: owner.user.displayName }, 'Jag låtsas vara ordföranden');
		await eventually(() => voices.permissionDenied.includes('forged-identity'), 'the guest is told the name is not theirs');
	});

	it('a guest asks for the floor in their own name; an ask in another name, or from a guest who only follows, is refused', async () => {
		const { app, store, owner, meeting, meetingId, author, cookie } = await setup();
		const ownerMeeting = client(app, docName({ kind: 'meeting', meetingId }), owner.cookie);
		const guestMeeting = client(app, docName({ kind: 'meeting', meetingId }), cookie);
		await Promise.all([ownerMeeting, guestMeeting].map((c) => synced(c)));

		askForFloor(guestMeeting.doc, { userId: author.id, name: author.name, agencyId: author.agencyId });
		await eventually(() => listSpeakers(ownerMeeting.doc).some((e) => e.userId === author.id && e.name === 'Hanna Hyresgäst'), 'the chair sees the guest’s ask');

		askForFloor(guestMeeting.doc, { userId: owner.user.id, name: owner.user.displayName, agencyId: owner.user.agencyId });
		await eventually(() => guestMeeting.permissionDenied.length > 0, 'an ask for someone else is refused');
		expect(listSpeakers(ownerMeeting.doc).map((e) => e.userId)).toEqual([author.id]);

		// A guest invited only to follow reads the meeting and cannot ask.
		const follower = await guests.inviteGuest(store, owner.user, meeting, { displayName: 'Filip Följare', agencyId: 'private', role: 'viewer' });
		if (!follower.ok) throw new Error(JSON.stringify(follower.errors));
		const opened = await guests.openGuestLink(app.runtime, follower.value.token);
		if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
		const viewer = client(app, docName({ kind: 'meeting', meetingId }), `samtavla_session=${opened.value.token}`);
		await synced(viewer);
		askForFloor(viewer.doc, { userId: follower.value.guest.userId, name: 'Filip Följare', agencyId: author.agencyId });
		await eventually(() => viewer.permissionDenied.includes('read-only'), 'the follower is told the meeting is read-only');
		expect(listSpeakers(ownerMeeting.doc).map((e) => e.userId)).toEqual([author.id]);
	});

	it('refuses every other document at the upgrade: the board’s, another meeting’s', async () => {
		const { app, boardId, otherMeetingId, meetingId, cookie } = await setup();
		expect(await upgradeStatus(wsUrl(app, docName({ kind: 'meeting', meetingId })), { cookie })).toBe(101);
		expect(await upgradeStatus(wsUrl(app, docName({ kind: 'board', boardId })), { cookie })).toBe(403);
		expect(await upgradeStatus(wsUrl(app, docName({ kind: 'meeting', meetingId: otherMeetingId })), { cookie })).toBe(403);
		expect(await upgradeStatus(wsUrl(app, docName({ kind: 'voices', meetingId: otherMeetingId })), { cookie })).toBe(403);
	});

	it('revoking closes the guest’s open documents and refuses them afterwards', async () => {
		const { app, owner, meeting, meetingId, guest, cookie } = await setup();
		const voices = client(app, docName({ kind: 'voices', meetingId }), cookie);
		await synced(voices);
		const revoked = await guests.revokeGuest(app.runtime, owner.user, meeting, guest.id);
		expect(revoked.ok).toBe(true);
		await eventually(() => voices.closes.some((c) => c.code === CloseCode.forbidden), 'the guest’s socket is closed as forbidden');
		expect(await upgradeStatus(wsUrl(app, docName({ kind: 'voices', meetingId })), { cookie })).toBe(401);
	});
});
