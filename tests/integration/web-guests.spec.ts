import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServerOn, type BuiltServer } from './built-server';
import { makeMeeting, makeUser, startTestApp } from './helpers';

/**
 * Guest links over HTTP on the production build, with no JavaScript (issue 14, point 1): the
 * owner invites, the guest joins with one button, goes nowhere but their meeting's easy view,
 * and is out the moment the link is revoked. Members who may not invite are refused.
 */
describe('Guest links over HTTP, without JavaScript', () => {
	let server: BuiltServer;
	let owner: Awaited<ReturnType<typeof makeUser>>;
	let contributor: Awaited<ReturnType<typeof makeUser>>;
	let boardId: string;
	let meetingId: string;

	beforeAll(async () => {
		const setup = await startTestApp();
		const store = setup.runtime.store;
		owner = await makeUser(store, 'Owner');
		contributor = await makeUser(store, 'Contributor');
		({ boardId, meetingId } = await makeMeeting(store, owner.user));
		await store.boards.addMember(boardId, contributor.user.id, 'contributor');
		await setup.close();
		server = await startBuiltServerOn(setup.dataDir);
	}, 120_000);

	afterAll(async () => {
		await server?.stop();
	});

	const get = (path: string, cookie = '') => fetch(`${server.url}${path}`, { headers: { cookie }, redirect: 'manual' });
	const post = (path: string, fields: Record<string, string>, cookie = '') =>
		fetch(`${server.url}${path}`, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual', headers: { origin: server.url, accept: 'text/html', cookie } });
	const guestsPage = () => `/meetings/${meetingId}/guests`;

	it('a member who may not invite is sent back to the meeting, and their post creates nothing', async () => {
		const page = await get(guestsPage(), contributor.cookie);
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toBe(`/meetings/${meetingId}`);
		const refused = await post(`${guestsPage()}?/invite`, { displayName: 'Smugglad', agencyId: 'private', role: 'contributor' }, contributor.cookie);
		// Refused by the service; the page (which they may not see) sends them back to the meeting.
		expect(refused.status).toBe(303);
		expect(refused.headers.get('location')).toBe(`/meetings/${meetingId}`);
		expect(await (await get(guestsPage(), owner.cookie)).text()).not.toContain('Smugglad');
	});

	it('a wrong invite comes back with the messages and what was typed', async () => {
		const noName = await post(`${guestsPage()}?/invite`, { displayName: ' ', agencyId: 'private', role: 'contributor' }, owner.cookie);
		expect(noName.status).toBe(400);
		expect(await noName.text()).toContain('Skriv ditt namn.');
		const foreignAgency = await post(`${guestsPage()}?/invite`, { displayName: 'Kalle Kusin', agencyId: 'not-on-this-board', role: 'viewer' }, owner.cookie);
		expect(foreignAgency.status).toBe(400);
		const html = await foreignAgency.text();
		expect(html).toContain('Välj vem gästen kommer för.');
		expect(html).toContain('value="Kalle Kusin"');
		const badRole = await post(`${guestsPage()}?/invite`, { displayName: 'Kalle Kusin', agencyId: 'private', role: 'owner' }, owner.cookie);
		expect(badRole.status).toBe(400);
	});

	it('the owner invites; the guest joins with one button, reaches only the easy view, and is out once revoked', async () => {
		const created = await post(`${guestsPage()}?/invite`, { displayName: 'Hanna Hyresgäst', agencyId: 'private', role: 'contributor' }, owner.cookie);
		expect(created.status).toBe(200);
		const html = await created.text();
		const link = /value="(http[^"]+\/g\/[A-Za-z0-9_-]+)"/.exec(html)?.[1];
		expect(link).toBeTruthy();
		expect(html).toContain('data-testid="guest-qr"');
		const linkPath = new URL(link!).pathname;

		// A link preview or a mail scanner fetching the page starts nothing: it only shows the button.
		const landing = await get(linkPath);
		expect(landing.status).toBe(200);
		expect(landing.headers.get('set-cookie')).toBeNull();
		expect(landing.headers.get('cache-control')).toBe('no-store');
		expect(await landing.text()).toContain('Välkommen, Hanna Hyresgäst');

		const joined = await post(`${linkPath}?/join`, {});
		expect(joined.status).toBe(303);
		expect(joined.headers.get('location')).toBe(`/meetings/${meetingId}/easy`);
		const cookie = /samtavla_session=[^;]+/.exec(joined.headers.get('set-cookie') ?? '')?.[0];
		expect(cookie).toBeTruthy();

		const easy = await get(`/meetings/${meetingId}/easy`, cookie);
		expect(easy.status).toBe(200);
		const easyHtml = await easy.text();
		expect(easyHtml).toContain('data-testid="guest-badge"');
		expect(easyHtml).not.toContain('href="/boards"');
		for (const path of ['/boards', `/boards/${boardId}`, `/meetings/${meetingId}`, guestsPage(), '/actions', '/account', '/account/data.json', `/meetings/${meetingId}/protocol`]) {
			const away = await get(path, cookie);
			expect(away.status, path).toBe(303);
			expect(away.headers.get('location'), path).toBe(`/meetings/${meetingId}/easy`);
		}
		expect((await get(`/api/doc-access/board:${boardId}`, cookie)).status).toBe(403);
		expect((await get(`/api/doc-access/meeting:${meetingId}:voices`, cookie)).status).toBe(200);

		// The owner sees who came, and revokes.
		const list = await (await get(guestsPage(), owner.cookie)).text();
		const guestId = /name="guestId" value="([a-z0-9]+)"/.exec(list)?.[1];
		expect(guestId).toBeTruthy();
		expect(list).toContain('data-status="active"');
		const revoked = await post(`${guestsPage()}?/revoke`, { guestId: guestId! }, owner.cookie);
		expect(revoked.status).toBe(200);
		expect(await revoked.text()).toContain('Hanna Hyresgäst kan inte längre komma in med sin länk.');

		const after = await get(`/meetings/${meetingId}/easy`, cookie);
		expect(after.status).toBe(303);
		expect(after.headers.get('location')).toMatch(/^\/signin/);
		expect(await (await get(linkPath)).text()).toContain('Länken har återkallats.');
		expect((await post(`${linkPath}?/join`, {})).status).toBe(400);
		expect(await (await get(guestsPage(), owner.cookie)).text()).toContain('data-status="revoked"');
	});

	it('a guest’s “address” cannot sign in with a password', async () => {
		const refused = await post('/signin', { email: 'guest:abc', password: '!guest' });
		expect(refused.status).toBe(400);
	});
});
